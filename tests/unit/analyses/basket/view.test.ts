// Issue 18: the section's rule filters, sort and CSV rows.
import { describe, expect, it } from 'vitest';
import {
	companionRules,
	convictionText,
	filterRules,
	higherSupport,
	RECOMMENDATION_CSV_COLUMNS,
	recommendationCsvRows,
	ruleCsvRows
} from '../../../../src/analyses/basket/view';
import type { BasketRuleRow, RecommendationRow } from '../../../../src/analyses/basket/result';

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

describe('the recommendations CSV', () => {
	const rec = (customer_id: string, rank: number, item: string): RecommendationRow => ({
		customer_id,
		rank,
		item,
		score: 4,
		lhs: ['bread', 'butter'],
		confidence: 0.8,
		lift: 5,
		support: 0.01
	});
	it('keeps the list’s customers only, in the recommendations’ order, with their contact columns', () => {
		const list = [
			{ customer_id: 'b', email: 'b@example.com', value: 'champions' },
			{ customer_id: 'a', email: 'a@example.com', value: 'champions' }
		];
		const rows = recommendationCsvRows(
			[rec('a', 1, 'milk'), rec('a', 2, 'jam'), rec('c', 1, 'milk'), rec('b', 1, 'tea')],
			list
		);
		expect(rows.map((r) => [r.customer_id, r.rank, r.recommended_product, r.email])).toEqual([
			['a', 1, 'milk', 'a@example.com'],
			['a', 2, 'jam', 'a@example.com'],
			['b', 1, 'tea', 'b@example.com']
		]);
		expect(rows[0]).toMatchObject({
			rule: '{bread, butter} ⇒ {milk}',
			confidence: 0.8,
			lift: 5,
			value: 'champions'
		});
		expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining([...RECOMMENDATION_CSV_COLUMNS]));
	});
	it('matches a numeric customer id of the list to the text id of the recommendations', () => {
		expect(recommendationCsvRows([rec('17', 1, 'milk')], [{ customer_id: 17 }])).toHaveLength(1);
	});
});

describe('the support suggested when too many itemsets are frequent', () => {
	it('is twice as high, to one digit, and never above 1', () => {
		expect(higherSupport(0.001)).toBe(0.002);
		expect(higherSupport(0.0015)).toBe(0.003);
		expect(higherSupport(0.03)).toBe(0.06);
		expect(higherSupport(0.7)).toBe(1);
	});
});
