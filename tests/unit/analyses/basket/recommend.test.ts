/**
 * Issue 18: a product's companions and a customer's next products, on hand-written rules whose
 * scores (confidence × lift) are worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import { companions, indexRules, recommend } from '../../../../src/analyses/basket/mine/recommend';
import type { Rule } from '../../../../src/analyses/basket/mine/types';

/** A rule with the measures that matter here; the others are not read. */
function rule(lhs: number[], rhs: number, confidence: number, lift: number, support = 0.1): Rule {
	return {
		lhs,
		rhs,
		count: 1,
		support,
		confidence,
		lift,
		coverage: 0,
		leverage: 0,
		conviction: 0
	};
}

const RULES: Rule[] = [
	rule([0], 1, 0.5, 2), // score 1.0
	rule([0], 2, 0.8, 1.5), // 1.2
	rule([0], 3, 0.4, 3), // 1.2, lower support below
	rule([0, 1], 4, 0.9, 3), // 2.7
	rule([1], 2, 0.6, 4), // 2.4
	rule([5], 6, 0.9, 9), // 8.1, but 5 is not bought below
	rule([], 7, 0.9, 1, 0.9), // 0.9, empty left-hand side
	rule([0, 6], 8, 1, 10) // 10, but 6 is not bought below
];
RULES[2] = { ...RULES[2]!, support: 0.05 };

describe('companions', () => {
	it('ranks the rules {item} ⇒ {other} by lift, or by confidence, and leaves longer lhs out', () => {
		expect(companions(RULES, 0).map((r) => r.rhs)).toEqual([3, 1, 2]);
		expect(companions(RULES, 0, { by: 'confidence' }).map((r) => r.rhs)).toEqual([2, 1, 3]);
		expect(companions(RULES, 0, { limit: 1 }).map((r) => r.rhs)).toEqual([3]);
		expect(companions(RULES, 9)).toEqual([]);
	});

	it('breaks a tie in lift by confidence, then support, then item id', () => {
		const tied = [rule([0], 3, 0.5, 2), rule([0], 2, 0.6, 2), rule([0], 1, 0.5, 2, 0.2)];
		expect(companions(tied, 0).map((r) => r.rhs)).toEqual([2, 1, 3]);
	});
});

describe('recommend', () => {
	const index = indexRules(RULES);

	it('scores unbought items by their best applicable rule, confidence × lift', () => {
		// Bought {0, 1}: 4 via {0,1} ⇒ 4 (2.7); 2 via {1} ⇒ 2 (2.4, beats {0} ⇒ 2 at 1.2); 3 (1.2).
		const recs = recommend(index, [1, 0]);
		expect(recs.map((r) => r.item)).toEqual([4, 2, 3]);
		expect(recs[0]!.score).toBeCloseTo(2.7, 12);
		expect(recs[1]!.rule.lhs).toEqual([1]);
		expect(recommend(index, [0, 1], { limit: 5 }).map((r) => r.item)).toEqual([4, 2, 3]);
	});

	it('never recommends what was bought, nor from a rule whose lhs was only partly bought', () => {
		// Bought {0, 2}: 1 (1.0) and 3 (1.2); {0,1} ⇒ 4 and {0,6} ⇒ 8 need 1 and 6.
		expect(recommend(index, [0, 2]).map((r) => r.item)).toEqual([3, 1]);
	});

	it('breaks a tie in score by support', () => {
		// {0} ⇒ 2 and {0} ⇒ 3 both score 1.2; 2 has support 0.1, 3 has 0.05.
		expect(recommend(index, [0], { limit: 2 }).map((r) => r.item)).toEqual([2, 3]);
	});

	it('uses rules {} ⇒ {item} only when asked', () => {
		expect(recommend(index, [9])).toEqual([]);
		const popular = recommend(index, [9], { includeEmptyLhs: true });
		expect(popular.map((r) => [r.item, r.rule.lhs.length])).toEqual([[7, 0]]);
	});

	it('returns nothing for a customer with no purchases', () => {
		expect(recommend(index, [])).toEqual([]);
	});
});
