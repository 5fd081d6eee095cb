// Types of the basket miner (issue 18). Items are integer ids 0..itemCount-1 prepared by the
// caller (DuckDB numbers the distinct products); the miner never sees item names, so it runs
// the same in a Web Worker, on the main thread of a test, and in Node.

/** The input: one entry per basket, each the item ids bought in it (duplicates count once). */
export interface Transactions {
	/** Number of distinct items; every id is in 0..itemCount-1. */
	itemCount: number;
	baskets: ReadonlyArray<ArrayLike<number>>;
}

/** A frequent itemset: its item ids in ascending id order and the number of baskets holding all. */
export interface Itemset {
	items: readonly number[];
	count: number;
}

/** Where the miner is, for a progress bar. */
export interface MineProgress {
	/** Work done and total, in units of candidate pairs of the first level (a fair proxy). */
	done: number;
	total: number;
	/** Frequent itemsets found so far. */
	itemsets: number;
}

export interface MineOptions {
	/**
	 * Minimum support as a share of baskets, 0 < minSupport ≤ 1. An itemset is frequent when its
	 * count ≥ ceil(minSupport × N), with arules' guard against round-off (see minimumCount).
	 */
	minSupport: number;
	/** Longest itemset mined (arules' maxlen, default 10). */
	maxLen?: number;
	/** Stop with status 'too-many' past this many frequent itemsets (default 1,000,000). */
	maxItemsets?: number;
	onProgress?: (progress: MineProgress) => void;
	/** Stop with status 'aborted' when this is aborted (checked between chunks). */
	signal?: AbortSignal;
}

/** Fields every mining outcome carries. */
interface MineBase {
	/** Number of baskets (N). */
	n: number;
	/** The minimum count an itemset needed: ceil(minSupport × N). */
	minCount: number;
	/** How many baskets hold each item (index = item id), frequent or not. */
	itemCounts: Int32Array;
	maxLen: number;
}

export type MineResult =
	| (MineBase & { status: 'ok'; itemsets: Itemset[] })
	/** The guard tripped: `limit` itemsets were found and more remained; suggest a higher support. */
	| (MineBase & { status: 'too-many'; limit: number })
	| (MineBase & { status: 'aborted' });

/** The mined itemsets, as the rule generator needs them. */
export type MinedItemsets = Extract<MineResult, { status: 'ok' }>;

export interface RuleOptions {
	/** Minimum confidence, 0 ≤ minConfidence ≤ 1 (arules default 0.8). */
	minConfidence: number;
	/** Shortest rule, counted as |lhs| + 1 (arules' minlen, default 1: rules {} ⇒ {item} appear). */
	minLen?: number;
	/** Longest rule, |lhs| + 1 (arules' maxlen, default 10). */
	maxLen?: number;
}

/** An association rule lhs ⇒ {rhs}, with arules' quality measures. */
export interface Rule {
	/** Left-hand side item ids, ascending; empty for {} ⇒ {rhs}. */
	lhs: readonly number[];
	rhs: number;
	/** Baskets holding lhs ∪ {rhs}. */
	count: number;
	/** count / N */
	support: number;
	/** count / count(lhs); for an empty lhs, support(rhs). */
	confidence: number;
	/** confidence / support(rhs) */
	lift: number;
	/** support(lhs), 1 for an empty lhs */
	coverage: number;
	/** support − support(lhs) × support(rhs) */
	leverage: number;
	/** (1 − support(rhs)) / (1 − confidence); Infinity when confidence is 1 (arules: Inf). */
	conviction: number;
}
