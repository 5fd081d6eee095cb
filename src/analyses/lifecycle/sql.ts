/**
 * Lifecycle stages (DESIGN.md §4): a partition of the customers in scope, evaluated in order
 * prospect → churned → at_risk → new → reactivated → loyal → active. A prospect is a
 * customers-file customer with no order at all; customers with orders but no purchase ("returns
 * only", scope.ts) are in no stage, not in the shares, and counted apart (returnsOnly).
 *
 * Method: n = purchase orders (is_purchase), recency = days from the last purchase date to the
 * evaluation date, and "gaps" are days between a customer's consecutive *distinct* purchase dates
 * (two orders on one day are one visit: they add to n but make no gap).
 * - churned: recency > churn_after; at_risk: risk_after < recency ≤ churn_after; new: n = 1;
 *   reactivated: n ≥ 2 and the gap between the last purchase date and the previous one
 *   > churn_after (recency ≤ risk_after holds because the earlier rules did not match);
 *   loyal: n ≥ loyal_orders; active: everyone else.
 *
 * Thresholds (whole days / orders), derived from the data in scope at as-of and overridable:
 * - percentile = nearest rank (DuckDB quantile_disc): the value at 1-based rank ceil(q × count) of
 *   the ascending list, so thresholds are always observed values;
 * - churn_after = 90th percentile of all repeat customers' gaps;
 * - risk_after = min(2 × median gap, churn_after − 1);
 * - loyal_orders = max(3, 80th percentile of purchase orders per buyer);
 * - fallbacks without any gap (no repeat customer): churn_after = 365, risk_after =
 *   min(180, churn_after − 1); without buyers loyal_orders = 3. A set churn_after also caps a
 *   derived risk_after.
 *
 * Over time: for each month m from the month of the first order in scope, evaluated as of the first
 * day of month m + 1 (so it sees orders strictly before it) for every month whose next first day is
 * on or before as-of (whole months only), with the thresholds of the as-of date. A customer exists
 * at an evaluation date once they have a purchase in scope before it (whatever their signup_date).
 * A customers-file prospect (no order in scope) exists at an evaluation date only if their
 * signup_date is before it (signup_date < date: "as of" sees strictly earlier events, as for
 * orders); a prospect with a NULL signup_date, or any prospect when the customers file has no
 * signup_date column, exists at every date. (At as-of itself scopeCtes already leaves out prospects
 * who signed up on or after as-of.)
 * Migration: stage at compareFrom (default as-of − 90 days) vs stage at as-of, for every customer
 * in a stage at as-of; customers who did not exist yet at compareFrom (no purchase before it, or a
 * prospect who signed up on or after it) have from_stage 'not_yet'.
 * Revenue per stage is the customers' net revenue in scope (all orders, returns netted).
 */
import { int, raw, sql, type Sql } from '../../core/sql';
import {
	hasSignupDate,
	returnsOnlyQuery,
	scopeCtes,
	type ReturnsOnly,
	type Scope
} from '../../core/scope';
import type { AnalysisDef, QueryFn } from '../../core/analysis';

/** Stable stage keys in evaluation order (the UI translates them). */
export const LIFECYCLE_STAGES = [
	'prospect',
	'churned',
	'at_risk',
	'new',
	'reactivated',
	'loyal',
	'active'
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
/**
 * Migration "from" stages: the seven plus 'not_yet' (did not exist at compareFrom: no order before
 * it, or a prospect who signed up on or after it).
 */
export type MigrationFromStage = LifecycleStage | 'not_yet';

export interface LifecycleSettings {
	/** Overrides (whole days / orders); null = derived from the data. */
	churnAfter: number | null;
	riskAfter: number | null;
	loyalOrders: number | null;
	/** 'YYYY-MM-DD' earlier date of the migration matrix; null = as-of − 90 days. */
	compareFrom: string | null;
}

export const defaultLifecycleSettings: LifecycleSettings = {
	churnAfter: null,
	riskAfter: null,
	loyalOrders: null,
	compareFrom: null
};

export const FALLBACK_CHURN_AFTER = 365;
export const FALLBACK_RISK_AFTER = 180;
export const MIN_LOYAL_ORDERS = 3;

export interface LifecycleThresholds {
	churn_after: number;
	risk_after: number;
	loyal_orders: number;
	/** Gap statistics behind the defaults (null without gaps / buyers). */
	median_gap: number | null;
	p90_gap: number | null;
	p80_orders: number | null;
	/** Number of gaps and of customers with at least one gap. */
	gaps: number;
	repeat_customers: number;
	/** True when churn/risk fell back to 365/180 days for lack of gaps. */
	fallback: boolean;
}

export interface StageCount {
	stage: LifecycleStage;
	customers: number;
	/** customers / all customers in scope (0 when there are none). */
	share: number;
	revenue: number;
}

export interface StageOverTimeRow {
	/** Last day of the month, 'YYYY-MM-DD'; the stages are as of the next day. */
	month_end: string;
	stage: LifecycleStage;
	customers: number;
	share: number;
}

export interface MigrationRow {
	from_stage: MigrationFromStage;
	to_stage: LifecycleStage;
	customers: number;
}

export interface LifecycleResult {
	thresholds: LifecycleThresholds;
	stages: StageCount[];
	overTime: StageOverTimeRow[];
	migration: MigrationRow[];
	/** The resolved earlier date of the migration matrix. */
	compareFrom: string;
	/** Customers with orders but no purchase in scope: in no stage, shown apart. */
	returnsOnly: ReturnsOnly;
}

/** compareFrom, or as-of − 90 days. */
export function resolveCompareFrom(scope: Scope, settings: LifecycleSettings): string {
	if (settings.compareFrom) return settings.compareFrom;
	const t = Date.parse(`${scope.asOf}T00:00:00Z`) - 90 * 86_400_000;
	return new Date(t).toISOString().slice(0, 10);
}

function override(v: number | null): Sql {
	return sql`CAST(${v} AS INTEGER)`;
}

const STAGE_LIST = raw(
	`stage_list AS (\n\tSELECT * FROM (VALUES ${[...LIFECYCLE_STAGES]
		.map((s, i) => `('${s}', ${i + 1})`)
		.join(', ')}) s(stage, stage_order)\n)`
);

/**
 * Thresholds already read by buildThresholdsQuery: the dashboard passes them to the stage queries
 * so the gap quantiles are computed once, not four times (the notebook's SQL derives them itself).
 */
export type KnownThresholds = Pick<
	LifecycleThresholds,
	'churn_after' | 'risk_after' | 'loyal_orders'
>;

/** Scope, per-day purchases with the previous purchase date, and the thresholds. */
function baseCtes(scope: Scope, s: LifecycleSettings, known?: KnownThresholds): Sql {
	if (known) {
		// Thresholds from an earlier run are spliced (int() throws on a non-integer), not bound.
		return sql`${scopeCtes(scope)},
thresholds AS (
	SELECT
		CAST(${int(known.churn_after)} AS INTEGER) AS churn_after,
		CAST(${int(known.risk_after)} AS INTEGER) AS risk_after,
		CAST(${int(known.loyal_orders)} AS INTEGER) AS loyal_orders
)`;
	}
	return sql`${scopeCtes(scope)},
purchase_gaps AS (
	SELECT customer_id, order_date, orders, prev_date
	FROM scoped_purchase_days
),
gap_stats AS (
	SELECT
		CAST(quantile_disc(date_diff('day', prev_date, order_date), 0.5) AS INTEGER) AS median_gap,
		CAST(quantile_disc(date_diff('day', prev_date, order_date), 0.9) AS INTEGER) AS p90_gap,
		CAST(count(*) AS INTEGER) AS gaps,
		CAST(count(DISTINCT customer_id) AS INTEGER) AS repeat_customers
	FROM purchase_gaps
	WHERE prev_date IS NOT NULL
),
order_stats AS (
	SELECT CAST(quantile_disc(orders, 0.8) AS INTEGER) AS p80_orders
	FROM scoped_customers
	WHERE orders >= 1
),
churn AS (
	SELECT
		g.*,
		o.p80_orders,
		CAST(coalesce(${override(s.churnAfter)}, g.p90_gap, ${int(FALLBACK_CHURN_AFTER)}) AS INTEGER) AS churn_after
	FROM gap_stats g
	CROSS JOIN order_stats o
),
thresholds AS (
	SELECT
		churn_after,
		CAST(coalesce(
			${override(s.riskAfter)},
			least(coalesce(2 * median_gap, ${int(FALLBACK_RISK_AFTER)}), churn_after - 1)
		) AS INTEGER) AS risk_after,
		CAST(coalesce(
			${override(s.loyalOrders)},
			greatest(${int(MIN_LOYAL_ORDERS)}, coalesce(p80_orders, 0))
		) AS INTEGER) AS loyal_orders,
		median_gap,
		p90_gap,
		p80_orders,
		gaps,
		repeat_customers,
		gaps = 0 AS fallback
	FROM churn
)`;
}

/** The stage of a state row `s` (n, recency_days, last_gap) with thresholds `t`. */
const STAGE_CASE = raw(`CASE
			WHEN s.n = 0 THEN 'prospect'
			WHEN s.recency_days > t.churn_after THEN 'churned'
			WHEN s.recency_days > t.risk_after THEN 'at_risk'
			WHEN s.n = 1 THEN 'new'
			WHEN s.last_gap > t.churn_after THEN 'reactivated'
			WHEN s.n >= t.loyal_orders THEN 'loyal'
			ELSE 'active'
		END`);

/**
 * `staged_now`: every scoped customer's state and stage at as-of (customer_id, revenue, n,
 * recency_days, last_gap, stage). Every customer in scope exists at as-of, n and recency are
 * scoped_customers' orders and recency_days, and the last gap is the one ending on the last purchase
 * date — so no per-date join is needed.
 */
function stagedNowCtes(): Sql {
	return sql`state_now AS (
	SELECT
		c.customer_id,
		c.revenue,
		CAST(c.orders AS INTEGER) AS n,
		c.recency_days,
		CAST(date_diff('day', pd.prev_date, pd.order_date) AS INTEGER) AS last_gap
	FROM scoped_customers c
	LEFT JOIN scoped_purchase_days pd ON pd.customer_id = c.customer_id AND pd.order_date = c.last_order
	WHERE NOT c.returns_only
),
staged_now AS (
	SELECT s.*, ${STAGE_CASE} AS stage
	FROM state_now s
	CROSS JOIN thresholds t
),
${STAGE_LIST}`;
}

/**
 * `staged_then`: the stage at an earlier date `at` of each scoped customer who existed then (a
 * purchase in scope before it, or an order-less prospect whose signup_date is NULL or before it):
 * n, recency and last gap from the purchase days before `at`.
 */
function stagedThenCtes(scope: Scope, at: string): Sql {
	const date = sql`CAST(${at} AS DATE)`;
	const prospect = hasSignupDate(scope)
		? sql`c.is_prospect AND (c.signup_date IS NULL OR CAST(c.signup_date AS DATE) < ${date})`
		: sql`c.is_prospect`;
	return sql`purchases_then AS (
	SELECT
		customer_id,
		sum(orders) AS n,
		max(order_date) AS last_day,
		NULLIF(arg_max(coalesce(date_diff('day', prev_date, order_date), -1), order_date), -1) AS last_gap
	FROM scoped_purchase_days
	WHERE order_date < ${date}
	GROUP BY customer_id
),
state_then AS (
	SELECT
		c.customer_id,
		CAST(coalesce(p.n, 0) AS INTEGER) AS n,
		CAST(date_diff('day', p.last_day, ${date}) AS INTEGER) AS recency_days,
		p.last_gap
	FROM scoped_customers c
	LEFT JOIN purchases_then p USING (customer_id)
	WHERE p.n > 0 OR (${prospect})
),
staged_then AS (
	SELECT s.*, ${STAGE_CASE} AS stage
	FROM state_then s
	CROSS JOIN thresholds t
)`;
}

/** The thresholds in effect (one row). */
export function buildThresholdsQuery(scope: Scope, settings: LifecycleSettings): Sql {
	return sql`WITH ${baseCtes(scope, settings)}
SELECT *
FROM thresholds
ORDER BY churn_after`;
}

/** Stage counts at as-of, all seven stages in evaluation order. */
export function buildStagesQuery(
	scope: Scope,
	settings: LifecycleSettings,
	known?: KnownThresholds
): Sql {
	return sql`WITH ${baseCtes(scope, settings, known)},
${stagedNowCtes()},
stage_totals AS (
	SELECT count(*) AS total
	FROM staged_now
)
SELECT
	l.stage,
	CAST(count(s.customer_id) AS INTEGER) AS customers,
	CAST(coalesce(count(s.customer_id) / NULLIF(any_value(t.total), 0), 0) AS DOUBLE) AS share,
	CAST(coalesce(sum(s.revenue), 0) AS DOUBLE) AS revenue
FROM stage_list l
CROSS JOIN stage_totals t
LEFT JOIN staged_now s ON s.stage = l.stage
GROUP BY l.stage, l.stage_order
ORDER BY l.stage_order`;
}

/**
 * Stage counts at each month end, all in one query, in time linear in the purchase days.
 *
 * A customer's stage changes only at a purchase or when the recency passes risk_after or
 * churn_after. So each purchase day d (with the customer's next purchase day next, or none) gives
 * at most three intervals of evaluation dates with one stage: (d, d + r] the stage by n and the last
 * gap (new / reactivated / loyal / active), (d + r, d + churn_after] at_risk, (d + churn_after, …]
 * churned, each cut at next (r = least(risk_after, churn_after): risk_after ≥ churn_after leaves
 * no at_risk). Before their first purchase a customer with orders (returns only) is in no stage;
 * an order-less prospect is one from the day after signing up (or always).
 * Evaluation dates are first days of months, so an interval (lo, hi] covers the month indexes
 * i = months(lo) − months(first) … months(hi) − months(first) − 1 (eval date i is the first day of
 * month first + i + 1); a +1 at its first index and a −1 after its last, summed over the months,
 * gives the counts — the same stages as evaluating every customer at every month end, without a
 * customers × months join.
 */
export function buildStagesOverTimeQuery(
	scope: Scope,
	settings: LifecycleSettings,
	known?: KnownThresholds
): Sql {
	const signup = hasSignupDate(scope)
		? raw('CAST(sc.signup_date AS DATE)')
		: raw('CAST(NULL AS DATE)');
	const months = (d: string) => raw(`(year(${d}) * 12 + month(${d}))`);
	return sql`WITH ${baseCtes(scope, settings, known)},
first_month AS (
	SELECT CAST(date_trunc('month', min(order_date)) AS DATE) AS m
	FROM scoped_orders
),
eval_dates AS (
	SELECT
		CAST(as_of AS DATE) AS as_of,
		CAST(row_number() OVER (ORDER BY as_of) - 1 AS INTEGER) AS i
	FROM (
		SELECT unnest(generate_series(m + INTERVAL 1 MONTH, CAST(${scope.asOf} AS DATE), INTERVAL 1 MONTH)) AS as_of
		FROM first_month
		WHERE m IS NOT NULL
	)
),
calendar AS (
	SELECT ${months('f.m')} AS m0, CAST((SELECT count(*) FROM eval_dates) AS INTEGER) AS n_dates
	FROM first_month f
),
visit_months AS (
	-- One row per purchase day; its dates only matter by month, so group them first.
	SELECT
		CASE
			WHEN v.orders_to_date = 1 THEN 'new'
			WHEN date_diff('day', v.prev_date, v.order_date) > t.churn_after THEN 'reactivated'
			WHEN v.orders_to_date >= t.loyal_orders THEN 'loyal'
			ELSE 'active'
		END AS base_stage,
		${months('v.order_date')} AS m_d,
		${months('(v.order_date + least(t.risk_after, t.churn_after))')} AS m_r,
		${months('(v.order_date + t.churn_after)')} AS m_c,
		${months('v.next_date')} AS m_n,
		count(*) AS customers
	FROM scoped_purchase_days v
	CROSS JOIN thresholds t
	GROUP BY ALL
),
intervals AS (
	-- (lo, hi] as months of the bounds; lo_m NULL = from the first evaluation date, hi_m NULL =
	-- to the last. least/greatest of months = month of least/greatest dates (months are monotone).
	SELECT base_stage AS stage, m_d AS lo_m, CASE WHEN m_n IS NULL THEN m_r ELSE least(m_r, m_n) END AS hi_m, customers
	FROM visit_months
	UNION ALL
	SELECT 'at_risk', greatest(m_d, m_r), CASE WHEN m_n IS NULL THEN m_c ELSE least(m_c, m_n) END, customers
	FROM visit_months
	UNION ALL
	SELECT 'churned', greatest(m_d, m_c), m_n, customers
	FROM visit_months
	UNION ALL
	SELECT 'prospect', ${months('sc.signup')}, CAST(NULL AS INTEGER), 1
	FROM (SELECT ${signup} AS signup FROM scoped_customers sc WHERE sc.is_prospect) sc
),
spans AS (
	SELECT
		stage,
		customers,
		CASE WHEN lo_m IS NULL THEN 0 ELSE greatest(0, lo_m - k.m0) END AS s,
		CASE WHEN hi_m IS NULL THEN k.n_dates - 1 ELSE least(k.n_dates - 1, hi_m - k.m0 - 1) END AS e
	FROM intervals
	CROSS JOIN calendar k
),
deltas AS (
	SELECT stage, i, sum(delta) AS delta
	FROM (
		SELECT stage, s AS i, customers AS delta FROM spans WHERE s <= e
		UNION ALL
		SELECT stage, e + 1 AS i, -customers AS delta FROM spans WHERE s <= e
	)
	GROUP BY stage, i
),
${STAGE_LIST},
stage_counts AS (
	SELECT
		d.as_of,
		l.stage,
		l.stage_order,
		sum(coalesce(x.delta, 0)) OVER (PARTITION BY l.stage ORDER BY d.i) AS customers
	FROM eval_dates d
	CROSS JOIN stage_list l
	LEFT JOIN deltas x ON x.stage = l.stage AND x.i = d.i
),
date_totals AS (
	SELECT as_of, sum(customers) AS total
	FROM stage_counts
	GROUP BY as_of
)
SELECT
	CAST(c.as_of - INTERVAL 1 DAY AS DATE) AS month_end,
	c.stage,
	CAST(c.customers AS INTEGER) AS customers,
	CAST(coalesce(c.customers / NULLIF(d.total, 0), 0) AS DOUBLE) AS share
FROM stage_counts c
JOIN date_totals d USING (as_of)
ORDER BY month_end, c.stage_order`;
}

/** Stage at compareFrom → stage at as-of, non-empty pairs. */
export function buildMigrationQuery(
	scope: Scope,
	settings: LifecycleSettings,
	known?: KnownThresholds
): Sql {
	const from = resolveCompareFrom(scope, settings);
	return sql`WITH ${baseCtes(scope, settings, known)},
${stagedNowCtes()},
${stagedThenCtes(scope, from)},
moves AS (
	SELECT coalesce(b.stage, 'not_yet') AS from_stage, a.stage AS to_stage, count(*) AS customers
	FROM staged_now a
	LEFT JOIN staged_then b USING (customer_id)
	GROUP BY ALL
)
SELECT
	CAST(m.from_stage AS VARCHAR) AS from_stage,
	CAST(m.to_stage AS VARCHAR) AS to_stage,
	CAST(m.customers AS INTEGER) AS customers
FROM moves m
LEFT JOIN stage_list f ON f.stage = m.from_stage
JOIN stage_list t ON t.stage = m.to_stage
ORDER BY coalesce(f.stage_order, 0), t.stage_order`;
}

/**
 * (customer_id, value) = each scoped customer's stage at as-of: a complete statement, usable as the
 * derived 'lifecycle_stage' dimension of the segment breakdown.
 */
export function buildLifecycleStageSql(scope: Scope, settings: LifecycleSettings): Sql {
	return sql`WITH ${baseCtes(scope, settings)},
${stagedNowCtes()}
SELECT customer_id, CAST(stage AS VARCHAR) AS value
FROM staged_now
ORDER BY customer_id`;
}

export const lifecycleAnalysis: AnalysisDef<LifecycleSettings, LifecycleResult> = {
	id: 'lifecycle',
	queries(scope, settings) {
		return {
			lifecycle_thresholds: buildThresholdsQuery(scope, settings),
			lifecycle_stages: buildStagesQuery(scope, settings),
			lifecycle_over_time: buildStagesOverTimeQuery(scope, settings),
			lifecycle_migration: buildMigrationQuery(scope, settings),
			lifecycle_returns_only: returnsOnlyQuery(scope)
		};
	},
	async run(query: QueryFn, scope, settings) {
		const [thresholds] = await query<LifecycleThresholds>(buildThresholdsQuery(scope, settings));
		if (!thresholds) throw new Error('lifecycle: the thresholds query returned no row');
		// The same statements as queries(), with the thresholds just read in place of their
		// derivation (lifecycle.test checks both give the same rows).
		return {
			thresholds,
			stages: await query<StageCount>(buildStagesQuery(scope, settings, thresholds)),
			overTime: await query<StageOverTimeRow>(
				buildStagesOverTimeQuery(scope, settings, thresholds)
			),
			migration: await query<MigrationRow>(buildMigrationQuery(scope, settings, thresholds)),
			compareFrom: resolveCompareFrom(scope, settings),
			returnsOnly: (await query<ReturnsOnly>(returnsOnlyQuery(scope)))[0] ?? {
				customers: 0,
				revenue: 0
			}
		};
	}
};
