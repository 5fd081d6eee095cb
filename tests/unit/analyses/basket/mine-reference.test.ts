/**
 * Issue 18: the miner and the rule generator against a brute-force reference on small seeded
 * random basket sets. The reference enumerates every itemset over the items (bitmasks), counts
 * the baskets holding each, and applies the thresholds as exact fractions (count × q ≥ p × N for
 * a support p/q): what arules' nextafter/ceil arithmetic is there to reproduce. Its measures are
 * written from their definitions (support(rhs), coverage, 1 − confidence), not from the miner's.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../helpers/random-orders';
import { mineItemsets, mineItemsetsSync } from '../../../../src/analyses/basket/mine/eclat';
import { generateRules, itemsetsOfLength } from '../../../../src/analyses/basket/mine/rules';
import type { Rule, Transactions } from '../../../../src/analyses/basket/mine/types';

/** A threshold as an exact fraction p/q. */
type Fraction = [p: number, q: number];
const SUPPORTS: Fraction[] = [
	[1, 20],
	[1, 10],
	[7, 100],
	[3, 20],
	[1, 5],
	[1, 4],
	[1, 3],
	[1, 2]
];
const CONFIDENCES: Fraction[] = [
	[0, 1],
	[1, 4],
	[1, 2],
	[3, 5],
	[2, 3],
	[4, 5],
	[1, 1]
];

/** Random baskets over `items` items, some with an item written twice. */
function randomBaskets(seed: number, n: number, items: number): Transactions {
	const rand = seededRandom(seed);
	const popularity = Array.from({ length: items }, () => rand() * 0.7);
	const baskets = Array.from({ length: n }, () => {
		const basket = popularity.flatMap((p, item) => (rand() < p ? [item] : []));
		if (basket.length > 0 && rand() < 0.2) basket.push(basket[0]!);
		return basket.sort(() => rand() - 0.5);
	});
	return { itemCount: items, baskets };
}

const bitsOf = (mask: number) => [...Array(31).keys()].filter((i) => (mask >> i) & 1);

/** Every frequent itemset (as "a,b,c" → count) and every rule, by enumeration. */
function reference(
	tx: Transactions,
	[sp, sq]: Fraction,
	[cp, cq]: Fraction,
	minLen: number,
	maxLen: number
) {
	const n = tx.baskets.length;
	const masks = tx.baskets.map((b) => Array.from(b).reduce((m, i) => m | (1 << i), 0));
	const count = (set: number) => masks.filter((m) => (m & set) === set).length;
	const frequent = new Map<number, number>();
	for (let set = 1; set < 1 << tx.itemCount; set++) {
		const size = bitsOf(set).length;
		const c = count(set);
		if (size <= maxLen && c > 0 && c * sq >= sp * n) frequent.set(set, c);
	}
	const rules: string[] = [];
	for (const [set, c] of frequent) {
		const items = bitsOf(set);
		if (items.length < minLen) continue;
		for (const rhs of items) {
			const lhsCount = items.length === 1 ? n : count(set & ~(1 << rhs));
			if (c * cq < cp * lhsCount) continue;
			const rhsSupport = count(1 << rhs) / n;
			const confidence = c / lhsCount;
			const coverage = lhsCount / n;
			rules.push(
				describeRule(
					items.filter((i) => i !== rhs),
					rhs,
					c,
					[c / n, confidence, confidence / rhsSupport, coverage].concat(
						c / n - coverage * rhsSupport,
						(1 - rhsSupport) / (1 - confidence)
					)
				)
			);
		}
	}
	const itemsets = [...frequent].map(([set, c]) => `${bitsOf(set).join(',')}:${c}`);
	return { itemsets: itemsets.sort(), rules: rules.sort() };
}

/**
 * A rule as text, measures to 9 significant digits (the two sides compute them differently, so a
 * leverage of 0 can come out as ±1e-17 on one side: below 1e-12 is written 0).
 */
function describeRule(lhs: readonly number[], rhs: number, count: number, measures: number[]) {
	const shown = measures.map((m) =>
		!Number.isFinite(m) ? String(m) : Math.abs(m) < 1e-12 ? '0' : m.toPrecision(9)
	);
	return `{${lhs.join(',')}} => {${rhs}} #${count} ${shown.join(' ')}`;
}

const measuresOf = (r: Rule) => [
	r.support,
	r.confidence,
	r.lift,
	r.coverage,
	r.leverage,
	r.conviction
];

describe('the miner agrees with enumeration of all itemsets', () => {
	const cases: [seed: number, n: number, items: number][] = [
		[1, 1, 3],
		[2, 7, 4],
		[3, 20, 5],
		[4, 40, 6],
		[5, 60, 8],
		[6, 100, 7],
		[7, 150, 9],
		[8, 33, 10]
	];
	for (const [seed, n, items] of cases) {
		it(`seed ${seed}: ${n} baskets over ${items} items, at every threshold and length bound`, () => {
			const tx = randomBaskets(seed, n, items);
			const rand = seededRandom(seed * 97);
			for (let trial = 0; trial < 12; trial++) {
				const support = SUPPORTS[Math.floor(rand() * SUPPORTS.length)]!;
				const confidence = CONFIDENCES[Math.floor(rand() * CONFIDENCES.length)]!;
				const minLen = 1 + Math.floor(rand() * 3);
				const maxLen = [1, 2, 3, 4, 10][Math.floor(rand() * 5)]!;
				const mined = mineItemsetsSync(tx, { minSupport: support[0] / support[1], maxLen });
				if (mined.status !== 'ok') throw new Error(mined.status);
				const rules = generateRules(mined, {
					minConfidence: confidence[0] / confidence[1],
					minLen,
					maxLen
				});
				const want = reference(tx, support, confidence, minLen, maxLen);
				const what = `support ${support.join('/')}, confidence ${confidence.join('/')}, len ${minLen}..${maxLen}`;
				const got = mined.itemsets.map((s) => `${s.items.join(',')}:${s.count}`).sort();
				expect(got, what).toEqual(want.itemsets);
				expect(
					rules.map((r) => describeRule(r.lhs, r.rhs, r.count, measuresOf(r))).sort(),
					what
				).toEqual(want.rules);
				const shown = itemsetsOfLength(mined, minLen, maxLen);
				expect(shown.every((s) => s.items.length >= minLen && s.items.length <= maxLen)).toBe(true);
				expect(shown.length).toBe(
					want.itemsets.filter((s) => s.split(':')[0]!.split(',').length >= minLen).length
				);
			}
		});
	}

	it('the time-sliced miner gives the same itemsets as the straight run', async () => {
		const tx = randomBaskets(11, 300, 12);
		const sync = mineItemsetsSync(tx, { minSupport: 0.02 });
		const sliced = await mineItemsets(tx, { minSupport: 0.02 });
		expect(sliced).toEqual(sync);
	});
});
