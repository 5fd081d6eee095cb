// Issue 16 item 13: RFM's "At Risk" segment (an R × F score cell) and the lifecycle stage of
// customers silent longer than risk_after are different lists; they were both called "at risk".
// Each gets its own name in both languages, and each section's explanation names the other list.
import { describe, expect, it } from 'vitest';
import { rfm } from '../../../src/analyses/rfm';
import { lifecycle } from '../../../src/analyses/lifecycle';

const fold = (s: string) => s.toLocaleLowerCase().replace(/[()（）\s]/g, '');

describe.each(['en', 'zh'] as const)(
	'RFM “At Risk” and the lifecycle at_risk stage (%s)',
	(lang) => {
		const segment = rfm.messages[lang]['seg.at_risk'];
		const stage = lifecycle.messages[lang]['stage.at_risk'];

		it('have distinct names, neither containing the other', () => {
			expect(fold(segment)).not.toBe(fold(stage));
			expect(fold(stage)).not.toContain(fold(segment));
			expect(fold(segment)).not.toContain(fold(stage));
		});

		it('each section’s explanation names the other list', () => {
			expect(rfm.messages[lang]['rfm.explain']).toContain(stage);
			expect(lifecycle.messages[lang]['lifecycle.explain']).toContain(segment);
		});
	}
);
