// The loyalty rules saved with the notebook (issue 21: "saved with the notebook and share link"):
// written and read back through the notebook file and the share link exactly; a file whose rules
// are not valid opens without them and says why; the rules are never more than rules.
import { describe, expect, it } from 'vitest';
import { emptyNotebook, type NotebookDoc } from '../../../../src/core/notebook/model';
import { parseNotebook, serializeNotebook } from '../../../../src/core/notebook/file';
import { decodeShare, encodeShare } from '../../../../src/core/notebook/share';
import { readProgramme } from '../../../../src/analyses/loyalty/programme';
import {
	DEFAULT_WHAT_IF,
	SIMPLE_RULES,
	type LoyaltyRules
} from '../../../../src/analyses/loyalty/settings';

const CUSTOM: LoyaltyRules = {
	...DEFAULT_WHAT_IF,
	tiers: [
		{ name: 'Bronze', threshold: null, multiplier: 1 },
		{ name: '金卡', threshold: 500, multiplier: 2 }
	],
	expiryMonths: null,
	redeemThreshold: 200
};

const withLoyalty = (): NotebookDoc => ({
	...emptyNotebook(),
	loyalty: { rules: CUSTOM, whatIf: SIMPLE_RULES }
});

describe('loyalty rules in the notebook', () => {
	it('are written and read back exactly, by file and by share link', async () => {
		const doc = withLoyalty();
		expect(parseNotebook(serializeNotebook(doc)).loyalty).toEqual(doc.loyalty);
		expect((await decodeShare(await encodeShare(doc))).loyalty).toEqual(doc.loyalty);
		// A notebook without rules is written without the member, as before.
		expect(serializeNotebook(emptyNotebook())).not.toContain('loyalty');
	});

	it('a file with invalid rules opens without them and says why', () => {
		const text = JSON.parse(serializeNotebook(withLoyalty()));
		text.loyalty.rules.tiers[1].threshold = 'a lot';
		const doc = parseNotebook(JSON.stringify(text));
		expect(doc.loyalty).toBeUndefined();
		expect(doc.loyaltyProblem).toMatch(/tier 2: "threshold" must be a number or null/);
		// Out-of-order thresholds are rules the SQL would not honour: refused too.
		text.loyalty.rules.tiers[1].threshold = 500;
		text.loyalty.whatIf.tiers = [
			{ name: 'a', threshold: null, multiplier: 1 },
			{ name: 'b', threshold: 900, multiplier: 1 },
			{ name: 'c', threshold: 100, multiplier: 1 }
		];
		expect(parseNotebook(JSON.stringify(text)).loyaltyProblem).toMatch(
			/what-if: invalid rules \(threshold-order\)/
		);
	});

	it('keeps only the rules: extra members are not carried, long names refused', () => {
		const read = readProgramme({
			rules: { ...CUSTOM, script: '<img src=x onerror=alert(1)>' },
			whatIf: null,
			data: [1, 2, 3]
		});
		expect(read.programme).toEqual({ rules: CUSTOM, whatIf: null });
		expect(JSON.stringify(read.programme)).not.toContain('onerror');
		const long = readProgramme({
			rules: { ...CUSTOM, tiers: [{ name: 'x'.repeat(41), threshold: null, multiplier: 1 }] }
		});
		expect(long.programme).toBeNull();
		expect(long.problem).toMatch(/1 to 40 characters/);
	});
});
