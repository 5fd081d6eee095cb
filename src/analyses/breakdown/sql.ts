/**
 * Segment breakdown (DESIGN.md §4): KPIs per value of one dimension, and a cross-tab of two.
 *
 * Method and assumptions:
 * - Customer-level KPIs (customers, orders_per_customer, repeat_rate, median_recency) group
 *   customers by their value; order-level KPIs (orders, revenue, revenue_share, aov) group orders by
 *   their value. A customers column or a derived segment gives every order its customer's value;
 *   an orders column gives each order its own value and each customer the value of their FIRST
 *   order in scope (earliest order_date, then order_ts, then order_id; any order, returns
 *   included). So for an orders column the customers of a value can have orders elsewhere.
 * - Customers = customers in scope; for an orders column only those with an order in scope
 *   (customers-file prospects have no order value and are left out). Customers with orders but
 *   no purchase ("returns only", scope.ts) are in no group, nor are their orders' revenue: the
 *   result counts them apart (returnsOnly), so they never fall into Other or unknown.
 * - orders = purchase orders; revenue = net revenue of all orders (returns netted); aov = revenue /
 *   orders; orders_per_customer = the group's customers' purchase orders / customers; repeat_rate =
 *   share of customers with ≥ 2 purchase orders; median_recency = median (interpolated,
 *   quantile_cont) of days since last purchase over customers who bought; revenue_share = revenue /
 *   the revenue of all groups. Ratios with a zero denominator are null.
 * - NULL or blank values form the unknown group. Values are ranked by customers, then revenue (both
 *   descending), then value (then unknown last); the top N keep their name and the rest are
 *   aggregated from their raw rows as the Other group (position N + 1). small_group = customers < 30.
 * - The two special groups are FLAGS, not names: rows carry is_other and is_unknown (cross rows
 *   a_other, a_unknown, b_other, b_unknown), and their `value` only reads 'Other' / 'unknown' for
 *   the notebook and CSV. A real value "Other" or "unknown" is a group of its own: values are told
 *   apart by (value, is_unknown), groups by position, which is unique per group (a rank 1..N or
 *   N + 1 for Other; a bin's order or 1000000 for unknown). Nothing downstream compares the value.
 * - Numeric dimensions are binned, and then every bin is kept in bin order (unknown last):
 *   age bands (<25, 25–34, 35–44, 45–54, 55–64, 65+) for the derived 'age_band' (age = as-of year −
 *   customers.birth_year) and automatically for customers columns 'age' and 'birth_year'; explicit
 *   settings.bins edges e1 < … < ek give '<e1', 'e1–e2' (e1 ≤ v < e2), …, 'ek+'; other numeric
 *   dimensions get quantile bins Q1…Qq (v ≤ the i-th quantile_cont edge → Qi) computed over the
 *   dimension's rows (customers or orders). A value that is not a number is unknown.
 * - A derived field of another analysis (RFM segment, lifecycle stage) reads settings.derivedSql: a complete statement (its
 *   own WITH allowed, or reading scoped_customers / scoped_orders) returning (customer_id, value).
 *   When it reads an intermediate its owner's run keeps (RFM's scored customers, derivedShared),
 *   a run given the dashboard's shared tables reads that table instead: the same rows, without
 *   scoring every customer a second time (issue 22).
 * - Cross-tab: customers (with a value on both sides) and revenue per (a, b) pair of each side's
 *   groups (top N values plus Other, or bins); pairs with neither customers nor orders are absent.
 */
import { ident, int, join, lit, raw, sql, type Sql } from '../../core/sql';
import { returnsOnlyQuery, scopeCtes, type ReturnsOnly, type Scope } from '../../core/scope';
import type { AnalysisDef, QueryFn } from '../../core/analysis';
import { statementOver, type OverIntermediate, type SharedTables } from '../../core/intermediate';

export interface BreakdownDimension {
	table: 'orders' | 'customers' | 'derived';
	/**
	 * Canonical column; for table 'derived', 'age_band' or the key of another analysis' derived
	 * field (its (customer_id, value) statement comes in derivedSql).
	 */
	column: string;
	/** Numeric values are binned. */
	numeric?: boolean;
}

export interface BreakdownSettings {
	/** null: the registry's first derived field (filled in by the manifest's prepare), else age bands. */
	dimension: BreakdownDimension | null;
	/** (customer_id, value) statement of a derived field of another analysis. */
	derivedSql: Sql | null;
	/**
	 * derivedSql's parts when it reads an intermediate its owner's run keeps (RFM's scored
	 * customers): a run with shared tables reads the intermediate's table instead.
	 */
	derivedShared: OverIntermediate | null;
	topN: number;
	/** Ascending bin edges for a numeric dimension; null = automatic. */
	bins: number[] | null;
	/** Number of automatic quantile bins. */
	quantileBins: number;
	/** Second dimension of the cross-tab, with its own derived statement. */
	cross: BreakdownDimension | null;
	crossDerivedSql: Sql | null;
	crossDerivedShared: OverIntermediate | null;
}

export const AGE_BAND: BreakdownDimension = { table: 'derived', column: 'age_band' };

export const defaultBreakdownSettings: BreakdownSettings = {
	dimension: null,
	derivedSql: null,
	derivedShared: null,
	topN: 10,
	bins: null,
	quantileBins: 4,
	cross: null,
	crossDerivedSql: null,
	crossDerivedShared: null
};

export const SMALL_GROUP = 30;
export const AGE_BANDS = ['<25', '25–34', '35–44', '45–54', '55–64', '65+'] as const;

export interface BreakdownRow {
	/** The value; readable text 'Other' / 'unknown' for the flagged groups (never decide by it). */
	value: string;
	/** 1..N by rank (or bin order), N + 1 for Other; unique per group, rows are ordered by it. */
	position: number;
	/** The values past the top N, folded together. */
	is_other: boolean;
	/** The blank and NULL values (or, binned, those that are not a number). */
	is_unknown: boolean;
	customers: number;
	orders: number;
	revenue: number;
	revenue_share: number | null;
	aov: number | null;
	orders_per_customer: number | null;
	repeat_rate: number | null;
	median_recency: number | null;
	small_group: boolean;
}

export interface CrossRow {
	a: string;
	b: string;
	a_position: number;
	b_position: number;
	a_other: boolean;
	a_unknown: boolean;
	b_other: boolean;
	b_unknown: boolean;
	customers: number;
	revenue: number;
}

export interface BreakdownResult {
	rows: BreakdownRow[];
	cross: CrossRow[];
	/** Customers with orders but no purchase: in no group, shown apart. */
	returnsOnly: ReturnsOnly;
}

/** value and is_unknown of an unbinned value: NULL or blank is unknown (its value the word). */
function label(v: Sql): Sql {
	const blank = sql`(${v} IS NULL OR trim(CAST(${v} AS VARCHAR)) = '')`;
	return sql`CASE WHEN ${blank} THEN 'unknown' ELSE CAST(${v} AS VARCHAR) END AS value, ${blank} AS is_unknown`;
}

/** CASE over ordered (condition, label) pairs → (bin order, label, is_unknown); NULL is unknown. */
function bandCase(v: Sql, bands: { when: Sql; label: string }[], last: string): Sql {
	const whens = bands.map((b, i) => sql`WHEN ${b.when} THEN ${int(i + 1)}`);
	const labels = [...bands.map((b) => b.label), last].map(
		(l, i) => sql`WHEN ${int(i + 1)} THEN ${l}`
	);
	const order = sql`CASE WHEN ${v} IS NULL THEN NULL ${join(whens, ' ')} ELSE ${int(bands.length + 1)} END`;
	return sql`${order} AS bin_order, CASE ${order} ${join(labels, ' ')} ELSE 'unknown' END AS value, ${v} IS NULL AS is_unknown`;
}

function ageBands(age: Sql): Sql {
	const edges = [25, 35, 45, 55, 65];
	return bandCase(
		age,
		edges.map((e, i) => ({ when: sql`${age} < ${int(e)}`, label: AGE_BANDS[i]! })),
		AGE_BANDS[5]
	);
}

type Binning =
	| { kind: 'none' }
	| { kind: 'age'; from: 'age' | 'birth_year' }
	| { kind: 'edges'; edges: number[] }
	| { kind: 'quantile'; q: number };

function binningOf(d: BreakdownDimension, s: BreakdownSettings): Binning {
	if (d.table === 'derived')
		return d.column === 'age_band' ? { kind: 'age', from: 'birth_year' } : { kind: 'none' };
	if (d.table === 'customers' && (d.column === 'age' || d.column === 'birth_year') && !s.bins)
		return { kind: 'age', from: d.column };
	if (!d.numeric && !(d.table === 'customers' && (d.column === 'age' || d.column === 'birth_year')))
		return { kind: 'none' };
	if (s.bins && s.bins.length > 0) return { kind: 'edges', edges: s.bins };
	return { kind: 'quantile', q: Math.max(1, Math.round(s.quantileBins)) };
}

/** bin_order, value and is_unknown columns for a raw value column `raw_value` of CTE rows. */
function valueColumns(b: Binning, asOf: string, edgesRef: Sql): Sql {
	const num = sql`TRY_CAST(raw_value AS DOUBLE)`;
	if (b.kind === 'none') return sql`CAST(NULL AS INTEGER) AS bin_order, ${label(sql`raw_value`)}`;
	if (b.kind === 'age') {
		const age = b.from === 'age' ? num : sql`(year(CAST(${asOf} AS DATE)) - ${num})`;
		return ageBands(age);
	}
	if (b.kind === 'edges') {
		const e = b.edges;
		const bands = e.map((edge, i) => ({
			when: sql`${num} < ${edge}`,
			label: i === 0 ? `<${edge}` : `${e[i - 1]}–${edge}`
		}));
		return bandCase(num, bands, `${e[e.length - 1]}+`);
	}
	const bands = Array.from({ length: b.q - 1 }, (_, i) => ({
		when: sql`${num} <= ${edgesRef}[${int(i + 1)}]`,
		label: `Q${i + 1}`
	}));
	return bandCase(num, bands, `Q${b.q}`);
}

/**
 * CTEs `${p}customer_values` (customer_id, purchases, recency_days, bin_order, value, is_unknown),
 * `${p}order_values` (customer_id, order_id, is_purchase, revenue, bin_order, value, is_unknown),
 * `${p}groups` ((value, is_unknown) → position, its group's key) and `${p}group_names` (one row
 * per position: value, is_other, is_unknown) for one dimension.
 */
function dimensionCtes(
	p: string,
	scope: Scope,
	d: BreakdownDimension,
	derived: Sql | null,
	s: BreakdownSettings
): Sql {
	const n = (name: string) => raw(`${p}${name}`);
	const b = binningOf(d, s);
	let custRaw: Sql;
	let custFrom: Sql = sql`scoped_customers sc`;
	let orderRaw: Sql;
	const pre: Sql[] = [];
	if (d.table === 'orders') {
		// The first order's value, empty or not (arg_min_null keeps NULLs; arg_min would skip to a
		// later order's). An aggregate, not a window: no sort of every order (240 → 95 ms at 1 M).
		pre.push(sql`${n('first_orders')} AS (
	SELECT customer_id, arg_min_null(${ident(d.column)}, (order_date, order_ts, order_id)) AS raw_value
	FROM scoped_orders
	GROUP BY customer_id
)`);
		custRaw = sql`f.raw_value`;
		custFrom = sql`scoped_customers sc\n\tJOIN ${n('first_orders')} f USING (customer_id)`;
		orderRaw = sql`o.${ident(d.column)}`;
	} else {
		if (d.table === 'customers') {
			if (!scope.hasCustomers)
				throw new Error('breakdown: a customers column needs a customers file');
			custRaw = sql`sc.${ident(d.column)}`;
		} else if (d.column === 'age_band') {
			custRaw =
				scope.hasCustomers && scope.customerColumns.includes('birth_year')
					? sql`sc.birth_year`
					: sql`CAST(NULL AS DOUBLE)`;
		} else {
			if (!derived)
				throw new Error(
					`breakdown: derived dimension ${d.column} needs its (customer_id, value) SQL`
				);
			pre.push(sql`${n('derived_values')} AS (\n${derived}\n)`);
			custRaw = sql`dv.value`;
			custFrom = sql`scoped_customers sc\n\tLEFT JOIN ${n('derived_values')} dv USING (customer_id)`;
		}
		orderRaw = sql`cb.raw_value`;
	}
	// Returns-only customers (orders, no purchase) are in no group: customer_base leaves them out,
	// and with it (joined) their orders; an orders column reads scoped_orders, so say it there.
	const orderFrom =
		d.table === 'orders'
			? sql`scoped_orders o\n\tWHERE o.customer_id NOT IN (SELECT customer_id FROM scoped_customers WHERE returns_only)`
			: sql`scoped_orders o\n\tJOIN ${n('customer_base')} cb USING (customer_id)`;
	const edgesSource = d.table === 'orders' ? n('order_base') : n('customer_base');
	// Quantile fractions: only a quantile binning has edges (q ≥ 1, so each is finite).
	const quantiles =
		b.kind === 'quantile'
			? Array.from({ length: Math.max(b.q - 1, 1) }, (_, i) => lit((i + 1) / b.q))
			: [];
	const edges =
		b.kind === 'quantile'
			? sql`,
${n('bin_edges')} AS (
	SELECT quantile_cont(TRY_CAST(raw_value AS DOUBLE), [${join(quantiles)}]) AS edges
	FROM ${edgesSource}
)`
			: sql``;
	const edgesJoin = b.kind === 'quantile' ? sql`\n\tCROSS JOIN ${n('bin_edges')}` : sql``;
	const values = valueColumns(b, scope.asOf, sql`edges`);
	const binned = b.kind !== 'none';
	const position = binned
		? sql`coalesce(bin_order, 1000000)`
		: sql`CASE WHEN rank <= ${s.topN} THEN rank ELSE ${s.topN + 1} END`;
	return sql`${pre.length ? sql`${join(pre, ',\n')},\n` : sql``}${n('customer_base')} AS (
	SELECT sc.customer_id, sc.orders AS purchases, sc.recency_days, ${custRaw} AS raw_value
	FROM ${custFrom}
	WHERE NOT sc.returns_only
),
${n('order_base')} AS (
	SELECT o.customer_id, o.order_id, o.is_purchase, CAST(o.revenue AS DOUBLE) AS revenue, ${orderRaw} AS raw_value
	FROM ${orderFrom}
)${edges},
${n('customer_values')} AS (
	SELECT customer_id, purchases, recency_days, ${values}
	FROM ${n('customer_base')}${edgesJoin}
),
${n('order_values')} AS (
	SELECT customer_id, order_id, is_purchase, revenue, ${values}
	FROM ${n('order_base')}${edgesJoin}
),
${n('value_totals')} AS (
	SELECT
		coalesce(c.value, o.value) AS value,
		coalesce(c.is_unknown, o.is_unknown) AS is_unknown,
		coalesce(c.bin_order, o.bin_order) AS bin_order,
		coalesce(c.customers, 0) AS customers,
		coalesce(o.revenue, 0) AS revenue
	FROM (SELECT value, is_unknown, min(bin_order) AS bin_order, count(*) AS customers FROM ${n('customer_values')} GROUP BY value, is_unknown) c
	FULL OUTER JOIN (SELECT value, is_unknown, min(bin_order) AS bin_order, sum(revenue) AS revenue FROM ${n('order_values')} GROUP BY value, is_unknown) o
		USING (value, is_unknown)
),
${n('ranked')} AS (
	SELECT *, ROW_NUMBER() OVER (ORDER BY customers DESC, revenue DESC, value, is_unknown) AS rank
	FROM ${n('value_totals')}
),
${n('groups')} AS (
	SELECT
		value,
		is_unknown,
		CAST(${position} AS INTEGER) AS position,
		${binned ? sql`FALSE` : sql`rank > ${s.topN}`} AS is_other
	FROM ${n('ranked')}
),
${n('group_names')} AS (
	SELECT DISTINCT
		position,
		CASE WHEN is_other THEN 'Other' ELSE value END AS value,
		is_other,
		is_unknown AND NOT is_other AS is_unknown
	FROM ${n('groups')}
)`;
}

/** KPIs per value (top N + Other, or bins), ordered by position. */
export function buildBreakdownQuery(scope: Scope, s: BreakdownSettings): Sql {
	return sql`WITH ${scopeCtes(scope)},
${dimensionCtes('', scope, s.dimension ?? AGE_BAND, s.derivedSql, s)},
customer_kpis AS (
	SELECT
		g.position,
		count(*) AS customers,
		sum(c.purchases) AS purchases,
		count(*) FILTER (WHERE c.purchases >= 2) AS repeaters,
		quantile_cont(c.recency_days, 0.5) AS median_recency
	FROM customer_values c
	JOIN groups g USING (value, is_unknown)
	GROUP BY g.position
),
order_kpis AS (
	SELECT
		g.position,
		count(*) FILTER (WHERE o.is_purchase) AS orders,
		sum(o.revenue) AS revenue
	FROM order_values o
	JOIN groups g USING (value, is_unknown)
	GROUP BY g.position
),
total AS (
	SELECT sum(revenue) AS revenue
	FROM order_values
)
SELECT
	CAST(p.value AS VARCHAR) AS value,
	CAST(p.position AS INTEGER) AS position,
	p.is_other,
	p.is_unknown,
	CAST(coalesce(c.customers, 0) AS INTEGER) AS customers,
	CAST(coalesce(o.orders, 0) AS INTEGER) AS orders,
	CAST(coalesce(o.revenue, 0) AS DOUBLE) AS revenue,
	CAST(coalesce(o.revenue, 0) / NULLIF(t.revenue, 0) AS DOUBLE) AS revenue_share,
	CAST(o.revenue / NULLIF(o.orders, 0) AS DOUBLE) AS aov,
	CAST(c.purchases / NULLIF(c.customers, 0) AS DOUBLE) AS orders_per_customer,
	CAST(c.repeaters / NULLIF(c.customers, 0) AS DOUBLE) AS repeat_rate,
	CAST(c.median_recency AS DOUBLE) AS median_recency,
	coalesce(c.customers, 0) < ${int(SMALL_GROUP)} AS small_group
FROM group_names p
CROSS JOIN total t
LEFT JOIN customer_kpis c USING (position)
LEFT JOIN order_kpis o USING (position)
ORDER BY position`;
}

/** Customers and revenue per (a, b) pair of the two dimensions' groups. */
export function buildCrossQuery(
	scope: Scope,
	s: BreakdownSettings,
	cross: BreakdownDimension
): Sql {
	return sql`WITH ${scopeCtes(scope)},
${dimensionCtes('a_', scope, s.dimension ?? AGE_BAND, s.derivedSql, s)},
${dimensionCtes('b_', scope, cross, s.crossDerivedSql, s)},
pair_customers AS (
	SELECT ga.position AS a_position, gb.position AS b_position, count(*) AS customers
	FROM a_customer_values ca
	JOIN b_customer_values cb USING (customer_id)
	JOIN a_groups ga ON ga.value = ca.value AND ga.is_unknown = ca.is_unknown
	JOIN b_groups gb ON gb.value = cb.value AND gb.is_unknown = cb.is_unknown
	GROUP BY ga.position, gb.position
),
pair_revenue AS (
	SELECT ga.position AS a_position, gb.position AS b_position, sum(oa.revenue) AS revenue
	FROM a_order_values oa
	JOIN b_order_values ob ON ob.customer_id = oa.customer_id AND ob.order_id = oa.order_id
	JOIN a_groups ga ON ga.value = oa.value AND ga.is_unknown = oa.is_unknown
	JOIN b_groups gb ON gb.value = ob.value AND gb.is_unknown = ob.is_unknown
	GROUP BY ga.position, gb.position
)
SELECT
	CAST(na.value AS VARCHAR) AS a,
	CAST(nb.value AS VARCHAR) AS b,
	CAST(na.position AS INTEGER) AS a_position,
	CAST(nb.position AS INTEGER) AS b_position,
	na.is_other AS a_other,
	na.is_unknown AS a_unknown,
	nb.is_other AS b_other,
	nb.is_unknown AS b_unknown,
	CAST(coalesce(c.customers, 0) AS INTEGER) AS customers,
	CAST(coalesce(r.revenue, 0) AS DOUBLE) AS revenue
FROM pair_customers c
FULL OUTER JOIN pair_revenue r USING (a_position, b_position)
JOIN a_group_names na ON na.position = a_position
JOIN b_group_names nb ON nb.position = b_position
ORDER BY a_position, b_position`;
}

/**
 * `s` with each derived statement that reads a shared intermediate (RFM's scored customers) read
 * from its table, built here when the owner's run has not built it yet.
 */
async function withSharedTables(
	query: QueryFn,
	s: BreakdownSettings,
	shared: SharedTables
): Promise<BreakdownSettings> {
	const read = async (o: OverIntermediate | null, own: Sql | null) =>
		o ? statementOver(o, await shared.tableOf(query, o.intermediate)) : own;
	return {
		...s,
		derivedSql: await read(s.derivedShared, s.derivedSql),
		crossDerivedSql: await read(s.crossDerivedShared, s.crossDerivedSql)
	};
}

export const breakdownAnalysis: AnalysisDef<BreakdownSettings, BreakdownResult> = {
	id: 'breakdown',
	queries(scope, settings) {
		const q: Record<string, Sql> = {
			breakdown: buildBreakdownQuery(scope, settings),
			breakdown_returns_only: returnsOnlyQuery(scope)
		};
		if (settings.cross) q.breakdown_cross = buildCrossQuery(scope, settings, settings.cross);
		return q;
	},
	async run(query: QueryFn, scope, settings, options) {
		const s = options?.shared ? await withSharedTables(query, settings, options.shared) : settings;
		const q = this.queries(scope, s);
		return {
			rows: await query<BreakdownRow>(q.breakdown!),
			cross: q.breakdown_cross ? await query<CrossRow>(q.breakdown_cross) : [],
			returnsOnly: (await query<ReturnsOnly>(q.breakdown_returns_only!))[0] ?? {
				customers: 0,
				revenue: 0
			}
		};
	}
};
