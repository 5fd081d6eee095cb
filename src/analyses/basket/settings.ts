// Settings of the basket analysis (sql.ts has the definitions they feed).
import { DEFAULT_MAX_ITEMSETS, DEFAULT_MAX_LEN } from './mine/thresholds';

/** Where the baskets come from: the orders' lines, or a loaded basket file (`baskets`). */
export type BasketSource = 'orders' | 'baskets';
/** What an item is, for orders: the line's product or its category. */
export type ItemLevel = 'product' | 'category';

export interface BasketSettings {
	/**
	 * Where the baskets come from. null (the default): a basket file when one is loaded, else the
	 * orders; the manifest's prepare settles it from what is loaded, and keeps a choice that the
	 * loaded data cannot serve from running (orders chosen, then only a basket file loaded).
	 */
	source: BasketSource | null;
	itemLevel: ItemLevel;
	/** Share of baskets, 0 < minSupport ≤ 1; the count needed is ceil(minSupport × N). */
	minSupport: number;
	/** 0 ≤ minConfidence ≤ 1 */
	minConfidence: number;
	/** Rule length |lhs| + 1 (arules' minlen and maxlen: 1 and 10). */
	minLen: number;
	maxLen: number;
	/** The guard: more frequent itemsets than this and no rules are made. */
	maxItemsets?: number;
	/** Recommendations per customer. */
	topN: number;
}

/**
 * arules' defaults for the lengths and the guard of issue 18; support 1 % and confidence 50 %
 * rather than arules' 10 % / 80 %, which find nothing in most shops' orders (a product in one
 * basket of ten is a best seller).
 */
export const defaultBasketSettings: BasketSettings = {
	source: null,
	itemLevel: 'product',
	minSupport: 0.01,
	minConfidence: 0.5,
	minLen: 1,
	maxLen: DEFAULT_MAX_LEN,
	maxItemsets: DEFAULT_MAX_ITEMSETS,
	topN: 3
};
