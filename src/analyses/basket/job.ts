/**
 * The basket analysis' numeric work as one plain function of plain data: mine the frequent
 * itemsets (mine/eclat.ts), make the rules (mine/rules.ts) and, when customers are given, each
 * customer's next products (mine/recommend.ts). Structured-clone friendly in and out, so the page
 * can run it in a Web Worker; Node (tests, the bench) runs it in-thread. Core: no DOM, DuckDB or
 * Svelte.
 */
import { mineItemsets } from './mine/eclat';
import { generateRules, itemsetsOfLength } from './mine/rules';
import { indexRules, recommend } from './mine/recommend';
import type { MineProgress, Rule } from './mine/types';
import {
	expectCount,
	isPackedLineParts,
	splitLineParts,
	splitPacked,
	type PackedLineParts
} from '../packed';

/**
 * Id lists as the page sends them (../packed.ts): one line per list, its ids as decimal text
 * separated by spaces (`'0 3 7\n2 5'`).
 */
export type PackedLists = string;

export interface BasketJobInput {
	itemCount: number;
	/** Item ids per basket, as arrays or packed (one line a basket; the page's: in parts). */
	baskets: number[][] | PackedLists | PackedLineParts;
	minSupport: number;
	minConfidence: number;
	minLen: number;
	maxLen: number;
	maxItemsets: number;
	/**
	 * The items each customer bought (ids), for recommendations; null for none. The customers are
	 * counted, not named: the page keeps their ids (86 k strings cloned to the worker and never read
	 * there were part of a long task at 1 M lines, issue 22).
	 */
	customers: { count: number; items: number[][] | PackedLists } | null;
	/** Recommendations per customer. */
	topN: number;
}

/** One recommendation: customer index (0..input.customers.count − 1, in the page's id order), rank 1.., item, rule index. */
export interface JobRecommendation {
	customer: number;
	rank: number;
	item: number;
	score: number;
	rule: number;
}

export type BasketJobOutput =
	| {
			status: 'ok';
			n: number;
			minCount: number;
			itemCounts: number[];
			/** Frequent itemsets with minLen..maxLen items (what arules' apriori returns). */
			itemsets: number;
			rules: Rule[];
			recommendations: JobRecommendation[];
	  }
	| { status: 'too-many'; n: number; minCount: number; itemCounts: number[]; limit: number };

/**
 * The id lists of `lists`, each sorted ascending; packed text is split here (in the worker), into
 * exactly `count` lists when given (../packed.ts).
 */
export function unpackLists(
	lists: number[][] | PackedLists | PackedLineParts,
	count?: number
): number[][] {
	const what = 'basket: the customers and their item lists';
	const lines = isPackedLineParts(lists)
		? splitLineParts(lists, count, what)
		: typeof lists === 'string'
			? splitPacked(lists, count, what)
			: null;
	if (!lines) return expectCount(lists as number[][], count, what);
	return lines.map((line) => {
		if (line === '') return [];
		const ids = line.split(' ').map(Number);
		for (const id of ids) {
			if (!Number.isInteger(id) || id < 0) throw new Error(`basket: not an item id list: ${line}`);
		}
		return ids.sort((a, b) => a - b);
	});
}

/** `lists` packed as unpackLists reads them. */
export function packLists(lists: readonly (readonly number[])[]): PackedLists {
	return lists.map((l) => l.join(' ')).join('\n');
}

/** Mine, make the rules and the recommendations; progress as a share of the mining done. */
export async function runBasketJob(
	input: BasketJobInput,
	onProgress?: (share: number, itemsets: number) => void
): Promise<BasketJobOutput> {
	const report = (p: MineProgress) => onProgress?.(p.total > 0 ? p.done / p.total : 1, p.itemsets);
	const baskets = unpackLists(input.baskets);
	const mined = await mineItemsets(
		{ itemCount: input.itemCount, baskets },
		{
			minSupport: input.minSupport,
			maxLen: input.maxLen,
			maxItemsets: input.maxItemsets,
			onProgress: report
		}
	);
	const base = { n: mined.n, minCount: mined.minCount, itemCounts: Array.from(mined.itemCounts) };
	if (mined.status === 'too-many') return { ...base, status: 'too-many', limit: mined.limit };
	if (mined.status !== 'ok') throw new Error('basket: mining was aborted');
	const rules = generateRules(mined, {
		minConfidence: input.minConfidence,
		minLen: input.minLen,
		maxLen: input.maxLen
	});
	const recommendations: JobRecommendation[] = [];
	if (input.customers) {
		const ruleIndex = new Map(rules.map((r, i) => [r, i]));
		const index = indexRules(rules);
		const bought = unpackLists(input.customers.items, input.customers.count);
		bought.forEach((items, customer) => {
			recommend(index, items, { limit: input.topN }).forEach((rec, k) => {
				const rule = ruleIndex.get(rec.rule)!;
				recommendations.push({ customer, rank: k + 1, item: rec.item, score: rec.score, rule });
			});
		});
	}
	const itemsets = itemsetsOfLength(mined, input.minLen, input.maxLen).length;
	return { ...base, status: 'ok', itemsets, rules, recommendations };
}
