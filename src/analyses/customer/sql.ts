/**
 * One customer's profile (issue 19): everything the app knows about one customer, read with
 * single-customer predicates over the same scope (as-of, date range, filter) as the sections.
 *
 * - Facts, from `scoped_customers` (core/scope.ts) — the figures the sections count: first and
 *   last purchase (purchase orders only), orders (purchase orders), revenue (net of returns, all
 *   orders), average order value = revenue / orders (the RFM segment table's aov), days since the
 *   last purchase, cohort = the month of the first purchase ('YYYY-MM'), and returns = the
 *   customer's orders in scope that are not purchases (returns, cancellations, negative net) with
 *   their net amount. A customer outside the scope (filtered out, no order in the date range) has
 *   no facts (null): the page says so.
 * - Order history: every order in scope, newest first, at most ORDER_LIMIT rows (with the total).
 * - Purchase cycle, as the cycle section defines it (cycle/sql.ts): gaps = days between the
 *   customer's consecutive purchase days; typical gap = their median; expected next purchase =
 *   last purchase day + round(typical gap) (halves up); days overdue = as-of − expected. Null for
 *   fewer than two purchase days.
 * - Lifecycle stage history, by the lifecycle section's rules and thresholds (lifecycle/sql.ts,
 *   "stages over time"): a purchase day d (next purchase day n, or none) gives the stage by the
 *   orders to date and the gap before d (new / reactivated / loyal / active) for as-of dates in
 *   (d, d + r], then at_risk for (d + r, d + churn_after], then churned, each cut at n
 *   (r = least(risk_after, churn_after)). A stage "since" date X means: at this stage as of the end
 *   of day X (the day of the purchase, or the day the silence passed a threshold). Consecutive
 *   intervals with the same stage are one; the last row is the stage at as-of, which equals the
 *   lifecycle section's for the customer (customer.test checks every customer of a fixture).
 * - RFM row and the derived fields (segment, stage, predicted value …): the owners' own
 *   statements, with their current settings, filtered to the customer (readCustomerProfile).
 * Every value from the person (the id) is a parameter.
 */
import { int, sql, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';

/** How many orders the history shows (a wholesale customer may have thousands). */
export const ORDER_LIMIT = 500;

export interface ProfileFacts {
	customer_id: string;
	first_order: string | null;
	last_order: string | null;
	orders: number;
	revenue: number;
	aov: number | null;
	items: number;
	return_orders: number;
	returned: number;
	recency_days: number | null;
	cohort: string | null;
	is_prospect: boolean;
	returns_only: boolean;
}

export interface ProfileOrder {
	order_id: string;
	order_date: string;
	revenue: number;
	items: number;
	is_return: boolean;
	/** Orders of the customer in scope (the same on every row). */
	total: number;
}

export interface ProfileCycle {
	gaps: number;
	typical_gap: number;
	last_purchase: string;
	expected_next: string;
	days_overdue: number;
}

export interface StageChange {
	stage: string;
	/** 'YYYY-MM-DD': at this stage as of the end of this day. */
	since: string;
}

/** The lifecycle thresholds in force (lifecycle section's LifecycleThresholds). */
export interface StageThresholds {
	churn_after: number;
	risk_after: number;
	loyal_orders: number;
}

/** The customer's row of the RFM section's customer list. */
export interface ProfileRfm {
	recency_days: number;
	frequency: number;
	monetary: number;
	r: number;
	f: number;
	m: number;
	segment: string;
}

/** One derived field's value for the customer (null: not in its population), or why it failed. */
export interface ProfileField {
	key: string;
	value: string | null;
	error: string | null;
}

export interface CustomerProfile {
	id: string;
	facts: ProfileFacts | null;
	orders: ProfileOrder[];
	cycle: ProfileCycle | null;
	stages: StageChange[];
	rfm: ProfileRfm | null;
	fields: ProfileField[];
}

/** The profile's own statements for customer `id` (the stage history only with thresholds). */
export function buildProfileQueries(
	scope: Scope,
	id: string,
	thresholds: StageThresholds | null
): { facts: Sql; orders: Sql; cycle: Sql; stages: Sql | null } {
	const ctes = scopeCtes(scope);
	const asOf = sql`CAST(${scope.asOf} AS DATE)`;
	return {
		facts: sql`WITH ${ctes},
customer_returns AS (
	SELECT
		count(*) FILTER (WHERE NOT is_purchase) AS return_orders,
		sum(revenue) FILTER (WHERE NOT is_purchase) AS returned
	FROM scoped_orders
	WHERE customer_id = ${id}
)
SELECT
	c.customer_id,
	c.first_order,
	c.last_order,
	CAST(c.orders AS INTEGER) AS orders,
	CAST(c.revenue AS DOUBLE) AS revenue,
	CAST(c.revenue / nullif(c.orders, 0) AS DOUBLE) AS aov,
	CAST(c.items AS DOUBLE) AS items,
	CAST(coalesce(r.return_orders, 0) AS INTEGER) AS return_orders,
	CAST(coalesce(r.returned, 0) AS DOUBLE) AS returned,
	CAST(c.recency_days AS INTEGER) AS recency_days,
	strftime(c.first_order, '%Y-%m') AS cohort,
	c.is_prospect,
	c.returns_only
FROM scoped_customers c
CROSS JOIN customer_returns r
WHERE c.customer_id = ${id}`,
		orders: sql`WITH ${ctes}
SELECT
	CAST(order_id AS VARCHAR) AS order_id,
	order_date,
	CAST(revenue AS DOUBLE) AS revenue,
	CAST(items AS DOUBLE) AS items,
	NOT is_purchase AS is_return,
	CAST(count(*) OVER () AS INTEGER) AS total
FROM scoped_orders
WHERE customer_id = ${id}
ORDER BY order_ts DESC, order_id
LIMIT ${int(ORDER_LIMIT)}`,
		cycle: sql`WITH ${ctes},
gaps AS (
	SELECT CAST(date_diff('day', prev_date, order_date) AS INTEGER) AS gap
	FROM scoped_purchase_days
	WHERE customer_id = ${id} AND prev_date IS NOT NULL
),
cycle AS (
	SELECT
		CAST(count(*) AS INTEGER) AS gaps,
		CAST(median(gap) AS DOUBLE) AS typical_gap,
		(SELECT CAST(max(order_date) AS DATE) FROM scoped_purchase_days WHERE customer_id = ${id}) AS last_purchase
	FROM gaps
)
SELECT
	gaps,
	typical_gap,
	last_purchase,
	CAST(last_purchase + CAST(floor(typical_gap + 0.5) AS INTEGER) AS DATE) AS expected_next,
	CAST(date_diff('day', last_purchase + CAST(floor(typical_gap + 0.5) AS INTEGER), ${asOf}) AS INTEGER) AS days_overdue
FROM cycle
WHERE gaps > 0`,
		stages: thresholds ? stageHistoryQuery(ctes, asOf, id, thresholds) : null
	};
}

function stageHistoryQuery(ctes: Sql, asOf: Sql, id: string, t: StageThresholds): Sql {
	const churn = int(t.churn_after);
	const risk = int(Math.min(t.risk_after, t.churn_after));
	return sql`WITH ${ctes},
visits AS (
	SELECT
		order_date AS d,
		next_date AS n,
		CASE
			WHEN orders_to_date = 1 THEN 'new'
			WHEN date_diff('day', prev_date, order_date) > ${churn} THEN 'reactivated'
			WHEN orders_to_date >= ${int(t.loyal_orders)} THEN 'loyal'
			ELSE 'active'
		END AS base_stage
	FROM scoped_purchase_days
	WHERE customer_id = ${id}
),
intervals AS (
	SELECT base_stage AS stage, d AS lo, least(d + ${risk}, coalesce(n, d + ${risk})) AS hi FROM visits
	UNION ALL
	SELECT 'at_risk', d + ${risk}, least(d + ${churn}, coalesce(n, d + ${churn})) FROM visits
	UNION ALL
	SELECT 'churned', d + ${churn}, n FROM visits
),
seen AS (
	SELECT stage, CAST(lo AS DATE) AS lo
	FROM intervals
	WHERE (hi IS NULL OR lo < hi) AND lo < ${asOf}
),
runs AS (
	SELECT stage, lo, stage IS DISTINCT FROM lag(stage) OVER (ORDER BY lo) AS changed
	FROM seen
)
SELECT CAST(stage AS VARCHAR) AS stage, strftime(lo, '%Y-%m-%d') AS since
FROM runs
WHERE changed
ORDER BY lo`;
}

/** A one-row customer list of `id`, to read its contact columns (core/contacts.ts withContacts). */
export function customerRow(id: string): Sql {
	return sql`SELECT CAST(${id} AS VARCHAR) AS customer_id`;
}
