// Frequent itemsets by Eclat (Zaki 2000) on bitsets: each frequent item gets one bit per basket
// (Uint32Array words); an itemset's baskets are the AND of its items' bitsets and its count the
// popcount. Depth-first, items in ascending order of support (ties by id), so the long, deep
// branches start from the rarest items, whose bitsets are sparse and whose subtrees are small.
// Each bitset also keeps the range of words that can be non-zero, so an intersection only walks
// the overlap of its two parents' ranges.
//
// The threshold is arules' (src/rapriori.c, src/reclat.c, v1.7.13): the relative support is
// first moved one ulp toward 0 (`nextafter(supp, 0.0)`, "make sure supp and conf rounding does
// not mess up >="), then the minimum count is `(int)ceil(tacnt * supp)`. So 0.001 of 9,835
// baskets needs 10, and 0.07 of 100 needs 7 (not 8, which a plain ceil of 7.000000000000001
// gives). arules' verbose printout shows `(int)(supp * N)` (9 for Groceries): not the threshold.
//
// The search is a generator that yields every few thousand word operations; mineItemsets drives
// it in time slices (for a Web Worker: progress messages and abort stay live), mineItemsetsSync
// runs it straight through (Node, tests).
import type { Itemset, MineOptions, MineProgress, MineResult, Transactions } from './types';

export const DEFAULT_MAX_LEN = 10;
export const DEFAULT_MAX_ITEMSETS = 1_000_000;
/** Word operations between two yields of the search. */
const WORK_PER_STEP = 1 << 16;
/** Length of one time slice of mineItemsets, in ms. */
const SLICE_MS = 40;

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The largest double below a positive x (C's nextafter(x, 0.0)); 0 stays 0. */
function nextDown(x: number): number {
	if (x <= 0) return x;
	f64[0] = x;
	i64[0] = i64[0]! - 1n;
	return f64[0];
}

/**
 * The minimum count of a frequent itemset among n baskets, as arules computes it:
 * ceil(n × nextafter(minSupport, 0)), and at least 1 (an itemset in no basket is never reported).
 */
export function minimumCount(minSupport: number, n: number): number {
	if (!(minSupport > 0 && minSupport <= 1)) {
		throw new RangeError(`minimum support must be in (0, 1], got ${minSupport}`);
	}
	return Math.max(1, Math.ceil(n * nextDown(minSupport)));
}

/** arules' confidence test (src/istree.c ist_rule): kept unless c < nextafter(conf, 0) − 1e-12. */
export function meetsConfidence(confidence: number, minConfidence: number): boolean {
	return !(confidence < nextDown(minConfidence) - 1e-12);
}

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** An extension of the current prefix: one item and the baskets of prefix ∪ {item}. */
interface Ext {
	item: number;
	bits: Uint32Array;
	count: number;
	/** Words lo..hi of the basket bitset (bits[0] is word lo); all other words are zero. */
	lo: number;
	hi: number;
}

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

/** How many baskets hold each item, each basket counted once per item; checks the ids. */
export function countItems(tx: Transactions): Int32Array {
	const counts = new Int32Array(tx.itemCount);
	const seen = new Int32Array(tx.itemCount).fill(-1);
	tx.baskets.forEach((basket, t) => {
		for (let k = 0; k < basket.length; k++) {
			const item = basket[k]!;
			if (!(Number.isInteger(item) && item >= 0 && item < tx.itemCount)) {
				throw new RangeError(`basket ${t}: item id ${item} is not in 0..${tx.itemCount - 1}`);
			}
			if (seen[item] !== t) {
				seen[item] = t;
				counts[item]!++;
			}
		}
	});
	return counts;
}

/** The frequent items as first-level extensions, in ascending order of count (ties by id). */
function firstLevel(tx: Transactions, counts: Int32Array, minCount: number): Ext[] {
	const words = Math.ceil(tx.baskets.length / 32);
	const exts: Ext[] = [];
	const byItem: (Ext | undefined)[] = new Array<Ext | undefined>(tx.itemCount);
	counts.forEach((count, item) => {
		if (count < minCount) return;
		const ext = { item, bits: new Uint32Array(words), count, lo: words, hi: -1 };
		exts.push(ext);
		byItem[item] = ext;
	});
	tx.baskets.forEach((basket, t) => {
		const w = t >>> 5;
		for (let k = 0; k < basket.length; k++) {
			const ext = byItem[basket[k]!];
			if (!ext) continue;
			ext.bits[w]! |= 1 << (t & 31);
			if (w < ext.lo) ext.lo = w;
			if (w > ext.hi) ext.hi = w;
		}
	});
	for (const ext of exts) ext.bits = ext.bits.slice(ext.lo, ext.hi + 1);
	return exts.sort((a, b) => a.count - b.count || a.item - b.item);
}

/** a ∧ b as an extension by b.item, or null when its count is below minCount. */
function intersect(a: Ext, b: Ext, s: Search): Ext | null {
	const lo = Math.max(a.lo, b.lo);
	const hi = Math.min(a.hi, b.hi);
	if (hi < lo) return null;
	const { scratch } = s;
	let count = 0;
	let first = -1;
	let last = -1;
	for (let w = lo; w <= hi; w++) {
		const x = a.bits[w - a.lo]! & b.bits[w - b.lo]!;
		scratch[w] = x;
		if (x === 0) continue;
		count += popcount(x);
		if (first < 0) first = w;
		last = w;
	}
	s.work += hi - lo + 1;
	if (count < s.minCount) return null;
	return { item: b.item, bits: scratch.slice(first, last + 1), count, lo: first, hi: last };
}

/** Depth-first growth of `prefix` by each extension; returns false when the guard trips. */
function* grow(prefix: number[], exts: Ext[], s: Search): Generator<void, boolean> {
	for (let i = 0; i < exts.length; i++) {
		const e = exts[i]!;
		if (s.out.length >= s.limit) return false;
		prefix.push(e.item);
		s.out.push({ items: prefix.slice().sort((x, y) => x - y), count: e.count });
		if (prefix.length < s.maxLen) {
			const next: Ext[] = [];
			for (let j = i + 1; j < exts.length; j++) {
				const x = intersect(e, exts[j]!, s);
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
		steps: grow([], exts, s),
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
