// The basket analysis' result: the job's id-based output with the item names put back.
import type { BasketJobOutput } from './job';

/** A rule as the table and the CSV show it. */
export interface BasketRuleRow {
	/** Left-hand side items, in item-name order; empty for {} ⇒ {rhs}. */
	lhs: string[];
	rhs: string;
	count: number;
	support: number;
	confidence: number;
	lift: number;
	coverage: number;
	leverage: number;
	/** Infinity when confidence is 1 (arules: Inf). */
	conviction: number;
}

/** An item and the share of baskets holding it (the frequency bars). */
export interface BasketItemRow {
	item: string;
	baskets: number;
	support: number;
}

/** One line of the campaign list. */
export interface RecommendationRow {
	customer_id: string;
	/** 1 = best for this customer. */
	rank: number;
	item: string;
	/** confidence × lift of the rule */
	score: number;
	lhs: string[];
	confidence: number;
	lift: number;
	support: number;
}

export interface BasketResult {
	/** 'too-many': the guard tripped (suggest a higher support); 'empty': no basket at all. */
	status: 'ok' | 'too-many' | 'empty';
	/** Baskets (N) and the count an itemset needed. */
	baskets: number;
	minCount: number;
	/** Frequent itemsets with minLen..maxLen items; null when the guard tripped. */
	itemsets: number | null;
	/** The guard's limit when it tripped. */
	limit: number | null;
	/** Every item, most frequent first (ties by name). */
	items: BasketItemRow[];
	rules: BasketRuleRow[];
	/** Per-customer recommendations; null when the lists were not asked for or not possible. */
	recommendations: RecommendationRow[] | null;
}

/** Names for the job's ids; `customers` in the job input's order. */
export function shapeBasketResult(
	out: BasketJobOutput,
	names: readonly string[],
	customers: readonly string[] | null,
	withCustomers: boolean
): BasketResult {
	const name = (id: number) => names[id]!;
	const items = out.itemCounts
		.map((baskets, id) => ({ item: name(id), baskets, support: out.n > 0 ? baskets / out.n : 0 }))
		.sort((a, b) => b.baskets - a.baskets || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
	const base = { baskets: out.n, minCount: out.minCount, items };
	if (out.status === 'too-many') {
		return {
			...base,
			status: 'too-many',
			itemsets: null,
			limit: out.limit,
			rules: [],
			recommendations: null
		};
	}
	const rules: BasketRuleRow[] = out.rules.map((r) => ({
		...r,
		lhs: r.lhs.map(name).sort(),
		rhs: name(r.rhs)
	}));
	const recommendations =
		withCustomers && customers
			? out.recommendations.map((rec) => {
					const rule = rules[rec.rule]!;
					return {
						customer_id: customers[rec.customer]!,
						rank: rec.rank,
						item: name(rec.item),
						score: rec.score,
						lhs: rule.lhs,
						confidence: rule.confidence,
						lift: rule.lift,
						support: rule.support
					};
				})
			: null;
	return {
		...base,
		status: out.n === 0 ? 'empty' : 'ok',
		itemsets: out.itemsets,
		limit: null,
		rules,
		recommendations
	};
}
