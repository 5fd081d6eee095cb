// Frequent itemsets by Eclat (Zaki 2000) on bitsets: each frequent item gets one bit per basket
// (Uint32Array words); an itemset's baskets are the AND of its items' bitsets and its count the
// popcount. Depth-first, items in ascending order of support (ties by id), so the long, deep
// branches start from the rarest items, whose bitsets are sparse and whose subtrees are small.
// Each bitset also keeps the range of words that can be non-zero, so an intersection only walks
// the overlap of its two parents' ranges. The first level's pairs are counted basket by basket
// first (bitsets.ts pairCounts), so only frequent pairs are intersected at all.
//
// The threshold is arules' (thresholds.ts).
//
// The search is a generator that yields every few thousand word operations; mineItemsets drives
// it in time slices (for a Web Worker: progress messages and abort stay live), mineItemsetsSync
// runs it straight through (Node, tests).
import { countItems, firstLevel, intersect, pairCounts, type Ext } from './bitsets';
import { DEFAULT_MAX_ITEMSETS, DEFAULT_MAX_LEN, minimumCount } from './thresholds';
import type { Itemset, MineOptions, MineProgress, MineResult, Transactions } from './types';

/** Word operations between two yields of the search. */
const WORK_PER_STEP = 1 << 16;
/** Length of one time slice of mineItemsets, in ms. */
const SLICE_MS = 40;

/** The state of one search. */
interface Search {
	minCount: number;
	maxLen: number;
	limit: number;
	out: Itemset[];
	/** One bitset's worth of words to intersect into before keeping the frequent part. */
	scratch: Uint32Array;
	work: number;
	nextYield: number;
	progress: MineProgress;
}

/**
 * Depth-first growth of `prefix` by each extension; returns false when the guard trips. `pairs`
 * (first level only): the pair counts by rank, so only frequent pairs are intersected.
 */
function* grow(
	prefix: number[],
	exts: Ext[],
	s: Search,
	pairs: Int32Array | null = null
): Generator<void, boolean> {
	for (let i = 0; i < exts.length; i++) {
		const e = exts[i]!;
		if (s.out.length >= s.limit) return false;
		prefix.push(e.item);
		s.out.push({ items: prefix.slice().sort((x, y) => x - y), count: e.count });
		if (prefix.length < s.maxLen) {
			const next: Ext[] = [];
			for (let j = i + 1; j < exts.length; j++) {
				if (pairs && pairs[i * exts.length + j]! < s.minCount) continue;
				const x = intersect(e, exts[j]!, s.scratch, s.minCount);
				s.work += e.hi - e.lo + 1;
				if (x) next.push(x);
				if (s.work >= s.nextYield) {
					s.nextYield = s.work + WORK_PER_STEP;
					s.progress.itemsets = s.out.length;
					yield;
				}
			}
			if (next.length > 0 && !(yield* grow(prefix, next, s))) return false;
		}
		prefix.pop();
		if (prefix.length === 0) s.progress.done += exts.length - 1 - i;
	}
	return true;
}

interface Run {
	steps: Generator<void, boolean>;
	finish: (completed: boolean | 'aborted') => MineResult;
	progress: MineProgress;
}

function start(tx: Transactions, options: MineOptions): Run {
	const n = tx.baskets.length;
	const minCount = minimumCount(options.minSupport, n);
	const maxLen = options.maxLen ?? DEFAULT_MAX_LEN;
	if (!(Number.isInteger(maxLen) && maxLen >= 1)) {
		throw new RangeError(`maximum length must be a whole number ≥ 1, got ${maxLen}`);
	}
	const itemCounts = countItems(tx);
	const exts = firstLevel(tx, itemCounts, minCount);
	const k = exts.length;
	const progress: MineProgress = { done: 0, total: (k * (k - 1)) / 2, itemsets: 0 };
	const s: Search = {
		minCount,
		maxLen,
		limit: options.maxItemsets ?? DEFAULT_MAX_ITEMSETS,
		out: [],
		scratch: new Uint32Array(Math.ceil(n / 32)),
		work: 0,
		nextYield: WORK_PER_STEP,
		progress
	};
	const base = { n, minCount, itemCounts, maxLen };
	return {
		steps: grow([], exts, s, s.maxLen > 1 ? pairCounts(tx, exts) : null),
		progress,
		finish: (completed) => {
			progress.itemsets = s.out.length;
			if (completed === 'aborted') return { ...base, status: 'aborted' };
			if (!completed) return { ...base, status: 'too-many', limit: s.limit };
			progress.done = progress.total;
			return { ...base, status: 'ok', itemsets: s.out };
		}
	};
}

/** Mines the frequent itemsets in one go (Node, tests); onProgress is called once at the end. */
export function mineItemsetsSync(tx: Transactions, options: MineOptions): MineResult {
	const run = start(tx, options);
	let step = run.steps.next();
	while (!step.done) step = run.steps.next();
	const result = run.finish(step.value);
	options.onProgress?.({ ...run.progress });
	return result;
}

/**
 * Mines the frequent itemsets (length 1..maxLen, count ≥ minimumCount) in time slices of about
 * 40 ms, reporting progress after each slice and yielding to the event loop so a worker can take
 * an abort. Stops with status 'too-many' when more than maxItemsets itemsets are frequent.
 */
export async function mineItemsets(tx: Transactions, options: MineOptions): Promise<MineResult> {
	const run = start(tx, options);
	for (;;) {
		if (options.signal?.aborted) return run.finish('aborted');
		const until = Date.now() + SLICE_MS;
		let step = run.steps.next();
		while (!step.done && Date.now() < until) step = run.steps.next();
		if (step.done) {
			const result = run.finish(step.value);
			options.onProgress?.({ ...run.progress });
			return result;
		}
		options.onProgress?.({ ...run.progress });
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}
