// Basket bitsets for the Eclat search: one bit per basket, 32 to a Uint32Array word, cut to the
// range of words that can be non-zero (an item sold only in one month of a time-ordered file has
// a short range, and an intersection only walks the overlap of its two parents' ranges).
import type { Transactions } from './types';

/** Set bits in a 32-bit word (SWAR). */
function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** An extension of the current prefix: one item and the baskets of prefix ∪ {item}. */
export interface Ext {
	item: number;
	bits: Uint32Array;
	count: number;
	/** Words lo..hi of the basket bitset (bits[0] is word lo); all other words are zero. */
	lo: number;
	hi: number;
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
export function firstLevel(tx: Transactions, counts: Int32Array, minCount: number): Ext[] {
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

/**
 * a ∧ b as an extension by b.item, or null when its count is below minCount. `scratch` holds a
 * whole bitset's words; only the frequent result is copied out of it.
 */
export function intersect(a: Ext, b: Ext, scratch: Uint32Array, minCount: number): Ext | null {
	const lo = Math.max(a.lo, b.lo);
	const hi = Math.min(a.hi, b.hi);
	if (hi < lo) return null;
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
	if (count < minCount) return null;
	return { item: b.item, bits: scratch.slice(first, last + 1), count, lo: first, hi: last };
}

/** Above this many frequent items the pair table (k² counts) is not built: 2,048² × 4 B = 16 MB. */
const MAX_PAIR_TABLE_ITEMS = 2048;

/**
 * Counts of every pair of first-level extensions, by rank (pairs[i × k + j], i < j), counted
 * basket by basket: Σ (frequent items per basket)² work instead of k² bitset intersections, most
 * of which (in a shop's orders) come out infrequent. Borgelt's eclat does the same ("triangular
 * matrix" for the 2-itemsets). Null when k is too large for the table.
 */
export function pairCounts(tx: Transactions, exts: readonly Ext[]): Int32Array | null {
	const k = exts.length;
	if (k > MAX_PAIR_TABLE_ITEMS || k < 2) return null;
	const rank = new Int32Array(tx.itemCount).fill(-1);
	exts.forEach((e, r) => (rank[e.item] = r));
	const pairs = new Int32Array(k * k);
	const seen = new Int32Array(k).fill(-1);
	const ranks: number[] = [];
	tx.baskets.forEach((basket, t) => {
		ranks.length = 0;
		for (let m = 0; m < basket.length; m++) {
			const r = rank[basket[m]!]!;
			if (r < 0 || seen[r] === t) continue;
			seen[r] = t;
			ranks.push(r);
		}
		ranks.sort((a, b) => a - b);
		for (let a = 0; a < ranks.length; a++) {
			const row = ranks[a]! * k;
			for (let b = a + 1; b < ranks.length; b++) pairs[row + ranks[b]!]!++;
		}
	});
	return pairs;
}
