/**
 * Cohort retention (DESIGN.md §4).
 *
 * Method: purchase orders only (is_purchase; returns and zero/negative-net orders are ignored, so
 * revenue here is purchase revenue). A customer's cohort is the period (month, ISO week starting
 * Monday, or quarter) of their first purchase in scope. Period k of an order is:
 * - calendar mode: whole calendar periods between the cohort period and the order's period;
 * - rolling mode: floor(days since the customer's first purchase / L), L = 7 / 30 / 91 days for
 *   week / month / quarter (a "month" is a fixed 30-day window, a "quarter" 91 days).
 * Customers(c, k) counts cohort customers who bought in exactly period k ('on') or in k or any
 * later period ('on_or_after'); retention = customers / cohort size. Revenue(c, k) is always the
 * revenue of period k itself; revenue_retention = revenue(k) / revenue(0); cumulative revenue per
 * customer = revenue of periods 0..k / cohort size (the LTV curve).
 *
 * Assumptions:
 * - Every period that started before as-of has a row (silent periods: 0 customers, 0 %); periods
 *   starting on or after as-of have no row. In calendar mode a cohort has periods
 *   0..(period of as-of − 1 day); in rolling mode periods 0..k while the cohort's earliest
 *   customer's window k started before as-of.
 * - complete = the period is fully observed: calendar, it ended on or before as-of (so only the
 *   period containing as-of − 1 day can be incomplete, and it is complete when as-of is the first
 *   day of the next period); rolling, every cohort customer's window k ended on or before as-of.
 * - The average row for k is size-weighted over the cohorts that have a row for k (weight =
 *   cohort size); it is complete when all of those cells are complete.
 * - Split: an orders column is taken from the customer's first purchase order (earliest order_date,
 *   then order_ts, then order_id); a customers column from the customers file. NULL or blank
 *   values become 'unknown'.
 */
import { ident, int, lit, raw, sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import { scopeCtes } from '../../core/scope';
import type { AnalysisDef, QueryFn } from '../../core/analysis';

export type CohortPeriod = 'month' | 'week' | 'quarter';
export type CohortMode = 'calendar' | 'rolling';
export type RetentionKind = 'on' | 'on_or_after';

/** A canonical column of `orders` or of `customers`. */
export interface CohortSplit {
	table: 'orders' | 'customers';
	column: string;
}

export interface CohortSettings {
	period: CohortPeriod;
	mode: CohortMode;
	retention: RetentionKind;
	split: CohortSplit | null;
}

export const defaultCohortSettings: CohortSettings = {
	period: 'month',
	mode: 'calendar',
	retention: 'on',
	split: null
};

/** Rolling-window lengths in days. */
export const ROLLING_DAYS: Readonly<Record<CohortPeriod, number>> = {
	week: 7,
	month: 30,
	quarter: 91
};

/** One cell of the cohort triangle. */
export interface CohortRow {
	/** Split value, or null when not split. */
	split: string | null;
	/** First day of the cohort period, 'YYYY-MM-DD'. */
	cohort: string;
	cohort_size: number;
	k: number;
	customers: number;
	/** customers / cohort_size (0..1). */
	retention: number;
	/** Purchase revenue in period k. */
	revenue: number;
	/** revenue(k) / revenue(0); null only if revenue(0) is 0. */
	revenue_retention: number | null;
	/** Revenue of periods 0..k / cohort_size. */
	cum_revenue_per_customer: number;
	complete: boolean;
}

/** The size-weighted average over cohorts that reached k. */
export interface CohortAverageRow {
	split: string | null;
	k: number;
	/** Number of cohorts averaged. */
	cohorts: number;
	/** Sum of their sizes (the weight). */
	cohort_size: number;
	customers: number;
	retention: number;
	revenue: number;
	revenue_retention: number | null;
	cum_revenue_per_customer: number;
	complete: boolean;
}

export interface CohortResult {
	rows: CohortRow[];
	average: CohortAverageRow[];
}

const TRUNC: Record<CohortPeriod, string> = { month: 'month', week: 'week', quarter: 'quarter' };

/** Calendar period number of a DATE expression (consecutive integers for consecutive periods). */
function periodIndex(period: CohortPeriod, d: Sql): Sql {
	if (period === 'month') return sql`(year(${d}) * 12 + month(${d}) - 1)`;
	if (period === 'quarter') return sql`(year(${d}) * 4 + quarter(${d}) - 1)`;
	// Mondays minus a Monday: an exact multiple of 7, so integer division is exact.
	return sql`(date_diff('day', DATE '1970-01-05', CAST(date_trunc('week', ${d}) AS DATE)) // 7)`;
}

function label(expr: Sql): Sql {
	return sql`CASE WHEN ${expr} IS NULL OR trim(CAST(${expr} AS VARCHAR)) = '' THEN 'unknown' ELSE CAST(${expr} AS VARCHAR) END`;
}

/** The shared CTEs: up to `cells` (split, cohort, cohort_size, k, customers, revenue, complete). */
function cohortCtes(scope: Scope, s: CohortSettings, materialized = false): Sql {
	const asOf = sql`CAST(${scope.asOf} AS DATE)`;
	const lastDay = sql`CAST(${asOf} - INTERVAL 1 DAY AS DATE)`;
	const len = ROLLING_DAYS[s.period];
	let splitExpr: Sql = sql`CAST('' AS VARCHAR)`;
	if (s.split?.table === 'orders') splitExpr = label(sql`r.${ident(s.split.column)}`);
	if (s.split?.table === 'customers') {
		if (!scope.hasCustomers)
			throw new Error('cohort: split by a customers column needs a customers file');
		splitExpr = label(sql`c.${ident(s.split.column)}`);
	}
	const calendar = s.mode === 'calendar';
	const k = calendar
		? sql`${periodIndex(s.period, sql`p.order_date`)} - ${periodIndex(s.period, sql`cc.first_date`)}`
		: sql`date_diff('day', cc.first_date, p.order_date) // ${int(len)}`;
	const kMax = calendar
		? sql`${periodIndex(s.period, lastDay)} - ${periodIndex(s.period, sql`cohort`)}`
		: sql`(date_diff('day', min_first, ${asOf}) - 1) // ${int(len)}`;
	const complete = calendar
		? sql`k < k_max OR CAST(date_trunc(${lit(TRUNC[s.period])}, ${asOf}) AS DATE) = ${asOf}`
		: sql`date_diff('day', max_first, ${asOf}) >= (k + 1) * ${int(len)}`;
	const retained =
		s.retention === 'on'
			? sql`retained AS (
	SELECT split, cohort, k, count(DISTINCT customer_id) AS customers
	FROM purchase_periods
	GROUP BY split, cohort, k
)`
			: sql`customer_last_period AS (
	SELECT split, cohort, customer_id, max(k) AS last_k
	FROM purchase_periods
	GROUP BY split, cohort, customer_id
),
retained AS (
	SELECT g.split, g.cohort, g.k, count(*) AS customers
	FROM cohort_grid g
	JOIN customer_last_period l ON l.split = g.split AND l.cohort = g.cohort AND l.last_k >= g.k
	GROUP BY g.split, g.cohort, g.k
)`;
	const trunc = raw(`'${TRUNC[s.period]}'`);
	// A customer's cohort is their first purchase date (scoped_customers.first_order). Only a split
	// by an orders column needs the first purchase order itself (by date, time, id): a window.
	const cohorts =
		s.split?.table === 'orders'
			? sql`purchases AS (
	SELECT
		o.*,
		ROW_NUMBER() OVER (PARTITION BY o.customer_id ORDER BY o.order_date, o.order_ts, o.order_id) AS purchase_no
	FROM scoped_orders o
	WHERE o.is_purchase
),
customer_cohorts AS (
	SELECT
		r.customer_id,
		r.order_date AS first_date,
		CAST(date_trunc(${trunc}, r.order_date) AS DATE) AS cohort,
		${splitExpr} AS split
	FROM purchases r
	WHERE r.purchase_no = 1
)`
			: sql`purchases AS (
	SELECT *
	FROM scoped_orders
	WHERE is_purchase
),
customer_cohorts AS (
	SELECT
		c.customer_id,
		c.first_order AS first_date,
		CAST(date_trunc(${trunc}, c.first_order) AS DATE) AS cohort,
		${splitExpr} AS split
	FROM scoped_customers c
	WHERE c.first_order IS NOT NULL
)`;
	return sql`${scopeCtes(scope)},
${cohorts},
purchase_periods AS (
	SELECT
		p.customer_id,
		cc.split,
		cc.cohort,
		CAST(${k} AS INTEGER) AS k,
		CAST(p.revenue AS DOUBLE) AS revenue
	FROM purchases p
	JOIN customer_cohorts cc USING (customer_id)
),
cohort_sizes AS (
	SELECT
		split,
		cohort,
		CAST(count(*) AS INTEGER) AS cohort_size,
		min(first_date) AS min_first,
		max(first_date) AS max_first
	FROM customer_cohorts
	GROUP BY split, cohort
),
cohort_spans AS (
	SELECT *, CAST(${kMax} AS INTEGER) AS k_max
	FROM cohort_sizes
),
cohort_periods AS (
	SELECT split, cohort, cohort_size, max_first, k_max, unnest(range(0, k_max + 1)) AS k
	FROM cohort_spans
),
cohort_grid AS (
	SELECT
		split,
		cohort,
		cohort_size,
		CAST(k AS INTEGER) AS k,
		(${complete}) AS complete
	FROM cohort_periods
),
${retained},
period_revenue AS (
	SELECT split, cohort, k, sum(revenue) AS revenue
	FROM purchase_periods
	GROUP BY split, cohort, k
),
cells AS (
	SELECT
		g.split,
		g.cohort,
		g.cohort_size,
		g.k,
		CAST(coalesce(r.customers, 0) AS INTEGER) AS customers,
		CAST(coalesce(v.revenue, 0) AS DOUBLE) AS revenue,
		g.complete
	FROM cohort_grid g
	LEFT JOIN retained r ON r.split = g.split AND r.cohort = g.cohort AND r.k = g.k
	LEFT JOIN period_revenue v ON v.split = g.split AND v.cohort = g.cohort AND v.k = g.k
),
cohort_cells AS ${materialized ? raw('MATERIALIZED ') : raw('')}(
	SELECT
		split,
		cohort,
		cohort_size,
		k,
		customers,
		CAST(customers / cohort_size AS DOUBLE) AS retention,
		revenue,
		CAST(revenue / NULLIF(first_value(revenue) OVER w, 0) AS DOUBLE) AS revenue_retention,
		CAST(sum(revenue) OVER w / cohort_size AS DOUBLE) AS cum_revenue_per_customer,
		complete
	FROM cells
	WINDOW w AS (PARTITION BY split, cohort ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)`;
}

function splitOut(s: CohortSettings): Sql {
	return s.split ? sql`split` : sql`CAST(NULL AS VARCHAR)`;
}

/** The triangle's columns, one row per (split, cohort, k), unordered. */
function cellsSelect(settings: CohortSettings): Sql {
	return sql`SELECT
	${splitOut(settings)} AS split,
	CAST(cohort AS DATE) AS cohort,
	cohort_size,
	k,
	customers,
	retention,
	revenue,
	revenue_retention,
	cum_revenue_per_customer,
	complete
FROM cohort_cells`;
}

/** The size-weighted average row per (split, k), unordered. */
function averageSelect(settings: CohortSettings): Sql {
	return sql`SELECT
	${splitOut(settings)} AS split,
	k,
	CAST(count(*) AS INTEGER) AS cohorts,
	CAST(sum(cohort_size) AS INTEGER) AS cohort_size,
	CAST(sum(customers) AS INTEGER) AS customers,
	CAST(sum(customers) / sum(cohort_size) AS DOUBLE) AS retention,
	CAST(sum(revenue) AS DOUBLE) AS revenue,
	CAST(sum(cohort_size * revenue_retention) / sum(cohort_size) FILTER (WHERE revenue_retention IS NOT NULL) AS DOUBLE) AS revenue_retention,
	CAST(sum(cohort_size * cum_revenue_per_customer) / sum(cohort_size) AS DOUBLE) AS cum_revenue_per_customer,
	bool_and(complete) AS complete
FROM cohort_cells
GROUP BY split, k`;
}

/** The cohort triangle, one row per (split, cohort, k). */
export function buildCohortQuery(scope: Scope, settings: CohortSettings): Sql {
	return sql`WITH ${cohortCtes(scope, settings)}
${cellsSelect(settings)}
ORDER BY split, cohort, k`;
}

/** The size-weighted average row per (split, k). */
export function buildCohortAverageQuery(scope: Scope, settings: CohortSettings): Sql {
	return sql`WITH ${cohortCtes(scope, settings)}
${averageSelect(settings)}
ORDER BY split, k`;
}

/**
 * Both results in one statement over one materialised triangle (the dashboard's; the notebook
 * shows the two queries above): part 'cell' rows are buildCohortQuery's, part 'average' rows
 * buildCohortAverageQuery's, each in that query's order.
 */
export function buildCohortBothQuery(scope: Scope, settings: CohortSettings): Sql {
	return sql`WITH ${cohortCtes(scope, settings, true)}
SELECT 'cell' AS __part, * FROM (${cellsSelect(settings)})
UNION ALL BY NAME
SELECT 'average' AS __part, * FROM (${averageSelect(settings)})
ORDER BY __part DESC, split, cohort, k`;
}

export const cohortAnalysis: AnalysisDef<CohortSettings, CohortResult> = {
	id: 'cohort',
	queries(scope, settings) {
		return {
			cohort_cells: buildCohortQuery(scope, settings),
			cohort_average: buildCohortAverageQuery(scope, settings)
		};
	},
	async run(query: QueryFn, scope, settings) {
		// One statement instead of two: the triangle is computed once (cohort-both.test checks
		// that the parts equal the two queries' results).
		type Both = CohortRow & CohortAverageRow & { __part: 'cell' | 'average' };
		const rows: CohortRow[] = [];
		const average: CohortAverageRow[] = [];
		for (const r of await query<Both>(buildCohortBothQuery(scope, settings))) {
			const { __part, cohort, cohorts, ...rest } = r;
			if (__part === 'cell') rows.push({ ...rest, cohort });
			else average.push({ ...rest, cohorts });
		}
		return { rows, average };
	}
};
