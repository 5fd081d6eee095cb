/**
 * The cohort triangle's shared CTEs (definitions: the opening comment of ./sql.ts). Up to
 * `cohort_cells`, one row per (split, cohort, k), and `first_check`, the left-censoring test of
 * the first cohort.
 */
import { ident, int, lit, raw, sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import { scopeCtes } from '../../core/scope';
import type { CohortPeriod, CohortSettings } from './sql';

/** Rolling-window lengths in days. */
export const ROLLING_DAYS: Readonly<Record<CohortPeriod, number>> = {
	week: 7,
	month: 30,
	quarter: 91
};

/** The first cohort is left-censored when its customers per day exceed this × the others' median. */
export const CENSORED_RATE_FACTOR = 2;
/** …and at least this many later cohorts give the median (fewer: no evidence either way). */
export const CENSORED_MIN_LATER = 2;

const TRUNC: Record<CohortPeriod, string> = { month: 'month', week: 'week', quarter: 'quarter' };
const LENGTH: Record<CohortPeriod, string> = {
	month: 'INTERVAL 1 MONTH',
	week: 'INTERVAL 7 DAY',
	quarter: 'INTERVAL 3 MONTH'
};

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

/** Customers whose first purchase falls in each (split, cohort): first date, cohort, split. */
function cohortsCte(s: CohortSettings, splitExpr: Sql): Sql {
	const trunc = raw(`'${TRUNC[s.period]}'`);
	// A customer's cohort is their first purchase date (scoped_customers.first_order). Only a split
	// by an orders column needs the first purchase order itself (by date, time, id): a window.
	if (s.split?.table === 'orders')
		return sql`purchases AS (
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
)`;
	return sql`purchases AS (
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
}

/**
 * The left-censoring test, on the whole scope (not per split value: where the log starts is a
 * property of the log). A cohort's rate = its customers ÷ its observed days (the days of its
 * period from the first purchase in scope up to as-of, so a partial first or last period is not
 * penalised); `first_check` is one row about the earliest cohort.
 */
function firstCheckCtes(s: CohortSettings, asOf: Sql): Sql {
	const end = sql`CAST(cohort + ${raw(LENGTH[s.period])} AS DATE)`;
	return sql`period_rates AS (
	SELECT
		cohort,
		CAST(count(*) AS INTEGER) AS cohort_size,
		CAST(count(*) / date_diff('day', greatest(cohort, (SELECT min(first_date) FROM customer_cohorts)), least(${end}, ${asOf})) AS DOUBLE) AS rate
	FROM customer_cohorts
	GROUP BY cohort
),
first_check AS (
	SELECT
		f.cohort,
		f.cohort_size,
		f.rate,
		o.later_cohorts,
		o.median_rate,
		coalesce(o.later_cohorts >= ${int(CENSORED_MIN_LATER)} AND f.rate > ${int(CENSORED_RATE_FACTOR)} * o.median_rate, false) AS censored
	FROM (SELECT * FROM period_rates ORDER BY cohort LIMIT 1) f,
	(
		SELECT CAST(count(*) AS INTEGER) AS later_cohorts, CAST(median(rate) AS DOUBLE) AS median_rate
		FROM period_rates
		WHERE cohort > (SELECT min(cohort) FROM period_rates)
	) o
)`;
}

/**
 * The shared CTEs: up to `cohort_cells` (split, cohort, cohort_size, k, customers, retention,
 * revenue, revenue_retention, cum_revenue_per_customer, complete, censored) and `first_check`.
 */
export function cohortCtes(scope: Scope, s: CohortSettings, materialized = false): Sql {
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
	return sql`${scopeCtes(scope)},
${cohortsCte(s, splitExpr)},
${firstCheckCtes(s, asOf)},
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
		complete,
		coalesce(cohort = (SELECT cohort FROM first_check WHERE censored), false) AS censored
	FROM cells
	WINDOW w AS (PARTITION BY split, cohort ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)`;
}
