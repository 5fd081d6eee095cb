/**
 * Bought together (issue 18): association rules and recommendations, as arules computes them.
 *
 * Baskets (SQL, below):
 * - From orders (`tx` lines): a basket is an order of the scope (scoped_orders: as-of, date range,
 *   filter; orders without a customer id are in no scope and left out). With no order id mapped,
 *   the load made the order of a customer's purchases on one day. The item is the line's product
 *   (or category, `itemLevel`), as text; lines without one are left out. An item is in a basket
 *   when its net quantity there is > 0: a return line counts −|quantity| (−1 without a quantity
 *   column), a purchase line +quantity (+1). With returns 'exclude' return lines and lines with a
 *   non-positive amount or unit price are left out first, as in `orders`. An order whose items all
 *   net to ≤ 0 (a cancellation) is no basket.
 * - From a basket file (`baskets(basket_id, item)`): each basket as loaded; the scope does not
 *   apply (no dates, no customers).
 * Items are numbered 0.. in item-name order; baskets are sent to the miner as id lists.
 *
 * Mining (job.ts, mine/): Eclat over the integer ids with arules' thresholds (mine/thresholds.ts):
 * itemsets with count ≥ ceil(minSupport × N), up to maxLen items; rules with one item on the
 * right, confidence ≥ minConfidence, length |lhs| + 1 in minLen..maxLen, and {} ⇒ {item} when
 * minLen is 1. Past maxItemsets frequent itemsets the result is 'too-many' with no rules.
 * Recommendations (per customer, orders only, with the customer lists): the topN items the
 * customer has not bought, each scored by its best rule whose left-hand side they bought
 * (confidence × lift, ties by support), rules {} ⇒ {item} left out.
 */
import { ident, raw, sql, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';
import type { AnalysisDef, QueryFn, Utf8QueryFn } from '../../core/analysis';
import { runBasketJob, type BasketJobInput, type BasketJobOutput } from './job';
import { DEFAULT_MAX_ITEMSETS } from './mine/thresholds';
import { shapeBasketResult, type BasketResult } from './result';
import { recommendedProductSql, rulesKey, writeRulesStatements } from './recommended';
import { defaultBasketSettings, type BasketSettings } from './settings';
import { packLines, queryUtf8Parts } from '../packed';
import { nextRun, withRunTables } from '../work-tables';

export { defaultBasketSettings, type BasketSettings, type BasketResult };

/** `basket_lines(basket, customer_id, item)`: one row per item in a basket, as CTE text. */
function basketLinesCtes(scope: Scope, s: BasketSettings): Sql {
	if (s.source === 'baskets') {
		return sql`basket_lines AS (
	SELECT CAST(basket_id AS VARCHAR) AS basket, CAST(NULL AS VARCHAR) AS customer_id, item
	FROM baskets
	WHERE item IS NOT NULL
)`;
	}
	const level = raw(s.itemLevel === 'category' ? 'category' : 'product');
	const kept =
		scope.returns === 'exclude'
			? sql`\n\tAND NOT t.is_return AND t.amount > 0 AND (t.unit_price IS NULL OR t.unit_price > 0)`
			: raw('');
	return sql`${scopeCtes(scope)},
lines AS (
	SELECT
		t.order_id AS basket,
		t.customer_id,
		CAST(t.${level} AS VARCHAR) AS item,
		CASE WHEN t.is_return THEN -abs(coalesce(t.quantity, 1)) ELSE coalesce(t.quantity, 1) END AS qty
	FROM tx t
	JOIN scoped_orders o ON o.customer_id = t.customer_id AND o.order_id = t.order_id
	WHERE t.${level} IS NOT NULL AND CAST(t.${level} AS VARCHAR) <> ''${kept}
),
basket_lines AS (
	SELECT basket, customer_id, item
	FROM lines
	GROUP BY basket, customer_id, item
	HAVING sum(qty) > 0
)`;
}

/** `item_ids(item, item_id, baskets)` from `basket_lines`: ids 0.. in item order, basket counts. */
const ITEM_IDS_SELECT = sql`SELECT
	item,
	CAST(row_number() OVER (ORDER BY item) - 1 AS INTEGER) AS item_id,
	CAST(count(*) AS INTEGER) AS baskets
FROM basket_lines
GROUP BY item`;

/** The basket lines and the item ids (0.. in item order) with their basket counts. */
function itemCtes(scope: Scope, s: BasketSettings): Sql {
	return sql`${basketLinesCtes(scope, s)},
item_ids AS (
${ITEM_IDS_SELECT}
)`;
}

/**
 * Statements that store the scope's basket lines and item ids in the temp tables
 * `<stored>_lines` and `<stored>_items`, for one run: its three statements (the items, the lists,
 * the customers' items) each computed the basket lines again from `tx` — the join with the
 * scope's orders and the netting of every line, 0.4–0.5 s each at 1 M lines (issue 22, item 3).
 */
function storeItemsStatements(scope: Scope, s: BasketSettings, stored: string): Sql[] {
	return [
		sql`CREATE OR REPLACE TEMP TABLE ${ident(`${stored}_lines`)} AS
WITH ${basketLinesCtes(scope, s)}
SELECT basket, customer_id, item FROM basket_lines`,
		sql`CREATE OR REPLACE TEMP TABLE ${ident(`${stored}_items`)} AS
WITH basket_lines AS (SELECT * FROM ${ident(`${stored}_lines`)})
${ITEM_IDS_SELECT}`
	];
}

/** Statements that drop storeItemsStatements' tables. */
function dropItemsStatements(stored: string): Sql[] {
	return [
		sql`DROP TABLE IF EXISTS ${ident(`${stored}_lines`)}`,
		sql`DROP TABLE IF EXISTS ${ident(`${stored}_items`)}`
	];
}

/** itemCtes read from storeItemsStatements' tables. */
function storedItemCtes(stored: string): Sql {
	return sql`basket_lines AS (SELECT * FROM ${ident(`${stored}_lines`)}),
item_ids AS (SELECT * FROM ${ident(`${stored}_items`)})`;
}

/**
 * Every basket's item ids, ascending, as one text: `list_sort(list(…))`, not
 * `string_agg(… ORDER BY item_id)` — the same text (integers sort alike either way; a basket's
 * repeated id stays repeated), but an ordered aggregate sorts each of a few hundred thousand
 * small groups on its own: 1.7–2.6 s of the statement at 1 M lines natively, against 0.6–0.7 s.
 * Unordered: the notebook's query orders it; the run's packed form numbers the baskets.
 */
function basketListsSql(ctes: Sql): Sql {
	return sql`WITH ${ctes}
SELECT b.basket, array_to_string(list_sort(list(i.item_id)), ' ') AS items
FROM basket_lines b
JOIN item_ids i USING (item)
GROUP BY b.basket`;
}

/** The named statements the notebook opens. */
export function basketQueries(scope: Scope, s: BasketSettings): Record<string, Sql> {
	return queriesOver(itemCtes(scope, s), s);
}

/** basketQueries over the basket lines and item ids of `ctes` (computed or stored). */
function queriesOver(ctes: Sql, s: BasketSettings): Record<string, Sql> {
	const queries: Record<string, Sql> = {
		basket_items: sql`WITH ${ctes}
SELECT item_id, item, baskets
FROM item_ids
ORDER BY item_id`,
		basket_lists: sql`${basketListsSql(ctes)}
ORDER BY b.basket`
	};
	if (s.source !== 'baskets') {
		queries.customer_items = sql`WITH ${ctes}
SELECT b.customer_id, string_agg(DISTINCT CAST(i.item_id AS VARCHAR), ' ') AS items
FROM basket_lines b
JOIN item_ids i USING (item)
GROUP BY b.customer_id
ORDER BY b.customer_id`;
	}
	return queries;
}

/** Baskets per row of packedListsStatement. */
export const PACKED_PART_BASKETS = 4096;

/**
 * The run's form of `basket_lists`: every basket's id list in texts of PACKED_PART_BASKETS lines,
 * a line per basket in basket order, one text per row in order (job.ts PackedLists, once joined
 * with a line break). The page converts a few strings, not two columns of a hundred thousand
 * (those and the splitting were tasks of 0.4–0.8 s on the page's thread at 1 M lines); the worker
 * splits them. Not one text: that one string (megabytes at 1 M lines) was decoded in one task
 * of 0.15 s.
 */
export function packedListsStatement(basketLists: Sql): Sql {
	// The baskets are sorted once (the number), not again by their text ids in every part.
	return sql`SELECT string_agg(items, chr(10) ORDER BY n) AS lists
FROM (
	SELECT items, n, (n - 1) // ${raw(String(PACKED_PART_BASKETS))} AS part
	FROM (SELECT items, row_number() OVER (ORDER BY basket) AS n FROM (${basketLists}))
)
GROUP BY part
ORDER BY part`;
}

/** Rows of the three queries → the job's input. */
async function jobInput(
	query: QueryFn,
	queryUtf8: Utf8QueryFn | undefined,
	queries: Record<string, Sql>,
	lists: Sql,
	s: BasketSettings,
	withCustomers: boolean
): Promise<{
	input: BasketJobInput;
	items: string[];
	itemBaskets: number[];
	/** The customers of `input.customers`, in its order; null without. */
	customerIds: string[] | null;
}> {
	const items = await query<{ item_id: number; item: string; baskets: number }>(
		queries.basket_items!
	);
	// The parts as they come, UTF-8, for the worker to split (a part of whole lines each).
	const parts = await queryUtf8Parts(query, queryUtf8, packedListsStatement(lists), ['lists']);
	let customers: BasketJobInput['customers'] = null;
	let customerIds: string[] | null = null;
	if (withCustomers && queries.customer_items) {
		const rows = await query<{ customer_id: string; items: string | null }>(queries.customer_items);
		customerIds = rows.map((r) => r.customer_id);
		customers = { count: rows.length, items: await packLines(rows, (r) => r.items ?? '') };
	}
	const input: BasketJobInput = {
		itemCount: items.length,
		baskets: { lines: parts.lists },
		minSupport: s.minSupport,
		minConfidence: s.minConfidence,
		minLen: s.minLen,
		maxLen: s.maxLen,
		maxItemsets: s.maxItemsets ?? DEFAULT_MAX_ITEMSETS,
		customers,
		topN: s.topN
	};
	return {
		input,
		items: items.map((r) => r.item),
		itemBaskets: items.map((r) => r.baskets),
		customerIds
	};
}

export const basketAnalysis: AnalysisDef<BasketSettings, BasketResult> = {
	id: 'basket',
	queries: basketQueries,
	async run(query, scope, settings, options = {}) {
		const withCustomers = options.customerLists !== false;
		// The basket lines once, in this run's own tables, read by the job input's statements.
		const stored = `__basket_${nextRun()}`;
		const ctes = storedItemCtes(stored);
		const { input, items, customerIds } = await withRunTables(
			query,
			storeItemsStatements(scope, settings, stored),
			dropItemsStatements(stored),
			() =>
				jobInput(
					query,
					options.queryUtf8,
					queriesOver(ctes, settings),
					basketListsSql(ctes),
					settings,
					withCustomers
				)
		);
		const output = options.compute
			? ((await options.compute(input)) as BasketJobOutput)
			: await runBasketJob(input);
		// The rules where the recommended product's statement reads them (recommended.ts).
		if (settings.source !== 'baskets') {
			const key = basketRulesKey(scope, settings);
			const found = output.status === 'ok' ? output.rules : [];
			for (const q of writeRulesStatements(key, found)) await query(q);
		}
		return shapeBasketResult(output, items, customerIds, withCustomers);
	}
};

/** The key the run's rules are stored under: the plain scope's baskets and the mining settings. */
export function basketRulesKey(scope: Scope, s: BasketSettings): string {
	const plain: Scope = { ...scope, materialized: false };
	return rulesKey(basketQueries(plain, s).basket_lists!, s);
}

/** The recommended product of every customer in scope (the derived field, recommended.ts). */
export function buildRecommendedProductSql(scope: Scope, s: BasketSettings): Sql {
	return recommendedProductSql(scope, s, itemCtes(scope, s), basketRulesKey(scope, s));
}

/** Settings check for the section's inputs: the numbers arules accepts. */
export function basketSettingsProblem(s: BasketSettings): string | null {
	if (!(s.minSupport > 0 && s.minSupport <= 1)) return 'min-support';
	if (!(s.minConfidence >= 0 && s.minConfidence <= 1)) return 'min-confidence';
	if (!(Number.isInteger(s.minLen) && s.minLen >= 1)) return 'min-len';
	if (!(Number.isInteger(s.maxLen) && s.maxLen >= s.minLen)) return 'max-len';
	return null;
}
