/**
 * Issue 18: the miner's edges, worked out by hand: no baskets, one basket, an item written twice
 * in a basket, arules' rounding of the support threshold, the guard on the number of itemsets,
 * abort and progress, and ids outside the item range.
 */
import { describe, expect, it } from 'vitest';
import { mineItemsets, mineItemsetsSync } from '../../../../src/analyses/basket/mine/eclat';
import { generateRules } from '../../../../src/analyses/basket/mine/rules';
import { minimumCount } from '../../../../src/analyses/basket/mine/thresholds';
import type {
	MineProgress,
	MinedItemsets,
	Transactions
} from '../../../../src/analyses/basket/mine/types';

function mined(tx: Transactions, minSupport: number, maxLen?: number): MinedItemsets {
	const result = mineItemsetsSync(tx, { minSupport, maxLen });
	if (result.status !== 'ok') throw new Error(result.status);
	return result;
}
const sets = (m: MinedItemsets) => m.itemsets.map((s) => `${s.items.join(',')}:${s.count}`).sort();

describe('basket miner edges', () => {
	it('no baskets: no itemsets and no rules, without dividing by zero', () => {
		const m = mined({ itemCount: 3, baskets: [] }, 0.1);
		expect([m.n, m.itemsets.length]).toEqual([0, 0]);
		expect(generateRules(m, { minConfidence: 0 })).toEqual([]);
		expect(mined({ itemCount: 0, baskets: [[], []] }, 0.5).itemsets).toEqual([]);
	});

	it('one basket {0,1,2}: all 7 itemsets, and at confidence 1 all 12 rules (3 + 6 + 3)', () => {
		const m = mined({ itemCount: 3, baskets: [[2, 0, 1]] }, 1);
		expect(sets(m)).toEqual(['0,1,2:1', '0,1:1', '0,2:1', '0:1', '1,2:1', '1:1', '2:1']);
		const rules = generateRules(m, { minConfidence: 1 });
		expect(rules).toHaveLength(12);
		const rule = rules.find((r) => r.lhs.join() === '0,1')!;
		expect(rule).toMatchObject({ rhs: 2, count: 1, support: 1, confidence: 1, lift: 1 });
		// arules: n1x·nx0/(n·n10) = 1·0/(1·0): NaN when rhs is in every basket too.
		expect(rule.conviction).toBeNaN();
	});

	it('an item written twice in a basket is counted once', () => {
		const m = mined({ itemCount: 2, baskets: [[0, 0, 1], [0], [1, 1]] }, 0.3);
		expect(sets(m)).toEqual(['0,1:1', '0:2', '1:2']);
		expect(Array.from(m.itemCounts)).toEqual([2, 2]);
	});

	it('an item in 7 of 100 baskets is frequent at support 0.07 (0.07 × 100 is 7.000000000000001)', () => {
		const baskets = Array.from({ length: 100 }, (_, t) => (t < 7 ? [0, 1] : [1]));
		expect(minimumCount(0.07, 100)).toBe(7);
		expect(minimumCount(0.001, 9835)).toBe(10);
		expect(sets(mined({ itemCount: 2, baskets }, 0.07))).toEqual(['0,1:7', '0:7', '1:100']);
	});

	it('conviction is Infinity for a rule that always holds, and the measures are arules’', () => {
		// 0 in 4 of 10 baskets, always with 1; 1 in 8 of 10.
		const baskets = Array.from({ length: 10 }, (_, t) => (t < 4 ? [0, 1] : t < 8 ? [1] : [2]));
		const rules = generateRules(mined({ itemCount: 3, baskets }, 0.1), { minConfidence: 0.5 });
		const rule = rules.find((r) => r.lhs.join() === '0' && r.rhs === 1)!;
		expect(rule).toMatchObject({ count: 4, support: 0.4, confidence: 1, coverage: 0.4 });
		expect(rule.lift).toBeCloseTo(1.25, 12);
		expect(rule.leverage).toBeCloseTo(0.4 - 0.4 * 0.8, 12);
		expect(rule.conviction).toBe(Infinity);
		// {1} ⇒ {0}: 4/8 = 0.5, exactly on the threshold, kept; conviction (1 − 0.4)/(1 − 0.5).
		const back = rules.find((r) => r.lhs.join() === '1' && r.rhs === 0)!;
		expect(back.confidence).toBe(0.5);
		expect(back.conviction).toBeCloseTo(1.2, 12);
		// {} ⇒ {1} (support 0.8 ≥ 0.5) is a rule; {} ⇒ {0} (0.4) and {} ⇒ {2} (0.2) are not.
		expect(rules.filter((r) => r.lhs.length === 0).map((r) => r.rhs)).toEqual([1]);
	});

	it('maxLen caps the itemsets mined and the rules', () => {
		const m = mined({ itemCount: 3, baskets: [[0, 1, 2]] }, 1, 2);
		expect(m.itemsets.every((s) => s.items.length <= 2)).toBe(true);
		expect(m.itemsets).toHaveLength(6);
		expect(generateRules(m, { minConfidence: 0, maxLen: 10 })).toHaveLength(3 + 6);
	});

	it('stops with "too-many" past the guard, and not at exactly the guard', async () => {
		const baskets = [[0, 1, 2, 3]]; // 15 itemsets
		const tx = { itemCount: 4, baskets };
		expect(mineItemsetsSync(tx, { minSupport: 1, maxItemsets: 15 }).status).toBe('ok');
		const over = mineItemsetsSync(tx, { minSupport: 1, maxItemsets: 14 });
		expect(over).toMatchObject({ status: 'too-many', limit: 14, minCount: 1, n: 1 });
		expect(over).not.toHaveProperty('itemsets');
		expect(await mineItemsets(tx, { minSupport: 1, maxItemsets: 14 })).toEqual(over);
	});

	it('stops with "aborted" when the signal is aborted, and reports progress up to the total', async () => {
		const tx = { itemCount: 4, baskets: [[0, 1, 2, 3]] };
		const controller = new AbortController();
		controller.abort();
		const stopped = await mineItemsets(tx, { minSupport: 1, signal: controller.signal });
		expect(stopped.status).toBe('aborted');
		const progress: MineProgress[] = [];
		await mineItemsets(tx, { minSupport: 1, onProgress: (p) => progress.push(p) });
		expect(progress.at(-1)).toEqual({ done: 6, total: 6, itemsets: 15 });
	});

	it('rejects an item id outside the range and a support outside (0, 1], naming the basket', () => {
		expect(() => mined({ itemCount: 2, baskets: [[0], [2]] }, 0.5)).toThrow(
			/basket 1: item id 2 is not in 0\.\.1/
		);
		expect(() => mined({ itemCount: 2, baskets: [[0.5]] }, 0.5)).toThrow(/item id 0.5/);
		expect(() => mined({ itemCount: 1, baskets: [[0]] }, 0)).toThrow(/minimum support/);
		expect(() => mined({ itemCount: 1, baskets: [[0]] }, 1.5)).toThrow(/minimum support/);
		expect(() => mined({ itemCount: 1, baskets: [[0]] }, 0.5, 0)).toThrow(/maximum length/);
	});
});
