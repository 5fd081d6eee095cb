// What the section shows of the rules: the search and right-hand-side filters, the sort, and
// the rows of the table and of the CSV. Pure functions, so they are tested without a page.
import type { BasketRuleRow, RecommendationRow } from './result';

export type RuleSortKey = 'lift' | 'confidence' | 'support' | 'count';

export interface RuleFilter {
	/** Keep rules with an item containing this text (case-insensitive), on either side. */
	search?: string;
	/** Keep rules whose right-hand side is exactly this item. */
	rhs?: string | null;
	sort?: RuleSortKey;
}

/**
 * The rules kept by `filter`, best first by `sort` (default lift), ties by support, then text.
 * The tie-break's text is made once per rule, not in the comparator: symmetric rules tie on lift
 * and support, and thousands of them (Groceries: 5,668) made the sort the page's longest task.
 */
export function filterRules<T extends BasketRuleRow>(rules: readonly T[], filter: RuleFilter): T[] {
	const needle = filter.search?.trim().toLowerCase() ?? '';
	const key = filter.sort ?? 'lift';
	return rules
		.filter((r) => !filter.rhs || r.rhs === filter.rhs)
		.filter((r) => needle === '' || [...r.lhs, r.rhs].some((i) => i.toLowerCase().includes(needle)))
		.map((r) => ({ r, text: `${r.lhs.join('\u0000')}\u0001${r.rhs}` }))
		.sort(
			(a, b) =>
				b.r[key] - a.r[key] ||
				b.r.support - a.r.support ||
				(a.text < b.text ? -1 : a.text > b.text ? 1 : 0)
		)
		.map((x) => x.r);
}

/**
 * A rule with its itemsets as text, for the table (made once per result). Mapped, not an
 * interface's intersection, so it is a plain record the table accepts.
 */
export type RuleView = { [K in keyof BasketRuleRow]: BasketRuleRow[K] } & {
	lhs_text: string;
	rhs_text: string;
};

export function ruleViews(rules: readonly BasketRuleRow[]): RuleView[] {
	return rules.map((r) => ({ ...r, lhs_text: itemsetText(r.lhs), rhs_text: itemsetText([r.rhs]) }));
}

/** "{a, b}" — the form arules prints an itemset in. */
export function itemsetText(items: readonly string[]): string {
	return `{${items.join(', ')}}`;
}

/** Conviction as text: 'Inf' for a rule that always holds (as R writes it), '' for NaN. */
export function convictionText(v: number): string {
	if (v === Infinity) return 'Inf';
	return Number.isNaN(v) ? '' : String(v);
}

/** The CSV's columns: lhs, rhs, support, confidence, lift, count, then the extra measures. */
export const RULE_CSV_COLUMNS = [
	'lhs',
	'rhs',
	'support',
	'confidence',
	'lift',
	'count',
	'coverage',
	'leverage',
	'conviction'
] as const;

/** One CSV row per rule, itemsets as "{a, b}", every measure unrounded. */
export function ruleCsvRows(rules: readonly BasketRuleRow[]): Record<string, string | number>[] {
	return rules.map((r) => ({
		lhs: itemsetText(r.lhs),
		rhs: itemsetText([r.rhs]),
		support: r.support,
		confidence: r.confidence,
		lift: r.lift,
		count: r.count,
		coverage: r.coverage,
		leverage: r.leverage,
		conviction: convictionText(r.conviction)
	}));
}

/**
 * The companions of `item` among named rules: {item} ⇒ {other}, best first by `by`, then the
 * other measure, then support, then name (recommend.ts companions() on ids, the same order).
 */
export function companionRules(
	rules: readonly BasketRuleRow[],
	item: string,
	by: 'lift' | 'confidence',
	limit = 10
): BasketRuleRow[] {
	const other = by === 'lift' ? 'confidence' : 'lift';
	return rules
		.filter((r) => r.lhs.length === 1 && r.lhs[0] === item)
		.sort(
			(a, b) =>
				b[by] - a[by] ||
				b[other] - a[other] ||
				b.support - a.support ||
				(a.rhs < b.rhs ? -1 : a.rhs > b.rhs ? 1 : 0)
		)
		.slice(0, limit);
}

/** The campaign list's columns, then the filter's field (when filtered) and the contacts. */
export const RECOMMENDATION_CSV_COLUMNS = [
	'customer_id',
	'rank',
	'recommended_product',
	'rule',
	'confidence',
	'lift',
	'support',
	'score'
] as const;

/**
 * One CSV row per recommendation of a customer on `list` (a customer list with its contact
 * columns: every customer, or one segment's), in the recommendations' order (customer, rank); the
 * list's other columns (contacts, the segment's value) are carried along. The rule is written as
 * arules prints one: "{a, b} ⇒ {c}".
 */
export function recommendationCsvRows(
	recommendations: readonly RecommendationRow[],
	list: readonly Record<string, unknown>[]
): Record<string, unknown>[] {
	const byId = new Map(list.map((row) => [String(row.customer_id), row]));
	const rows: Record<string, unknown>[] = [];
	for (const r of recommendations) {
		const customer = byId.get(r.customer_id);
		if (!customer) continue;
		rows.push({
			...customer,
			customer_id: r.customer_id,
			rank: r.rank,
			recommended_product: r.item,
			rule: `${itemsetText(r.lhs)} ⇒ ${itemsetText([r.item])}`,
			confidence: r.confidence,
			lift: r.lift,
			support: r.support,
			score: r.score
		});
	}
	return rows;
}

/** A higher minimum support to suggest when the guard trips: twice as high, one digit, ≤ 1. */
export function higherSupport(minSupport: number): number {
	return Math.min(1, Number((minSupport * 2).toPrecision(1)));
}
