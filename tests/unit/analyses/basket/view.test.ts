// Issue 18: the section's rule filters, sort and CSV rows.
import { describe, expect, it } from 'vitest';
import {
	companionRules,
	convictionText,
	filterRules,
	ruleCsvRows
} from '../../../../src/analyses/basket/view';
import type { BasketRuleRow } from '../../../../src/analyses/basket/result';

function rule(lhs: string[], rhs: string, lift: number, support = 0.1): BasketRuleRow {
	return {
		lhs,
		rhs,
		count: 5,
		support,
		confidence: 0.9,
		lift,
		coverage: 0.2,
		leverage: 0.01,
		conviction: 2
	};
}
const RULES = [
	rule(['liquor', 'red/blush wine'], 'bottled beer', 11.2),
	rule(['curd', 'yogurt'], 'whole milk', 3.5),
	rule(['Instant food products', 'soda'], 'hamburger meat', 19, 0.001),
	rule(['butter'], 'whole milk', 3.5, 0.2)
];
const rhs = (rules: BasketRuleRow[]) => rules.map((r) => r.rhs);

describe('filterRules', () => {
	it('sorts by lift, ties by support', () => {
		expect(rhs(filterRules(RULES, {}))).toEqual([
			'hamburger meat',
			'bottled beer',
			'whole milk',
			'whole milk'
		]);
		expect(filterRules(RULES, {})[2]!.lhs).toEqual(['butter']);
	});

	it('keeps rules with an item containing the search text, either side, any case', () => {
		expect(rhs(filterRules(RULES, { search: 'INSTANT' }))).toEqual(['hamburger meat']);
		expect(rhs(filterRules(RULES, { search: ' beer ' }))).toEqual(['bottled beer']);
	});

	it('keeps rules whose right-hand side is the item, exactly', () => {
		expect(filterRules(RULES, { rhs: 'whole milk' })).toHaveLength(2);
		expect(filterRules(RULES, { rhs: 'milk' })).toHaveLength(0);
	});

	it('sorts by support when asked', () => {
		expect(filterRules(RULES, { sort: 'support' })[0]!.lhs).toEqual(['butter']);
	});
});

describe('ruleCsvRows', () => {
	it('writes itemsets as {a, b} and conviction Inf for a rule that always holds', () => {
		const [row] = ruleCsvRows([{ ...RULES[0]!, conviction: Infinity }]);
		expect(row).toMatchObject({
			lhs: '{liquor, red/blush wine}',
			rhs: '{bottled beer}',
			lift: 11.2,
			count: 5,
			conviction: 'Inf'
		});
		expect(convictionText(NaN)).toBe('');
		expect(convictionText(1.5)).toBe('1.5');
	});
});

describe('companionRules', () => {
	it('ranks {item} ⇒ {other} by lift or confidence, ties by the other, then support', () => {
		const rules = [
			{ ...rule(['liquor'], 'bottled beer', 5.24), confidence: 0.42 },
			{ ...rule(['liquor'], 'red/blush wine', 10.03), confidence: 0.19 },
			{ ...rule(['liquor'], 'soda', 1.1), confidence: 0.19 },
			rule(['liquor', 'soda'], 'whole milk', 20)
		];
		expect(rhs(companionRules(rules, 'liquor', 'lift'))).toEqual([
			'red/blush wine',
			'bottled beer',
			'soda'
		]);
		expect(rhs(companionRules(rules, 'liquor', 'confidence'))).toEqual([
			'bottled beer',
			'red/blush wine',
			'soda'
		]);
		expect(companionRules(rules, 'liquor', 'lift', 1)).toHaveLength(1);
	});
});
