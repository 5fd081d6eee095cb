/**
 * Overview: headline KPIs and revenue by month, within the scope (as-of date and filters).
 * Customers = customers with at least one purchase order; orders = purchase orders (≥ 1 non-return
 * line and net revenue ≥ 0, core/canonical.ts);
 * revenue = net revenue of all orders in scope (returns subtract); AOV = revenue / orders;
 * repeat rate = share of buying customers with ≥ 2 purchase orders. returns_only = customers with
 * orders but no purchase (only returns): neither customers nor prospects. Revenue by month has no
 * row for a month without a purchase (only returns).
 * These are customer-level figures: lines without a customer id (guests) are in none of them.
 * Store orders and store revenue add the guest orders (guests.ts: a guest order is an order id,
 * or a line when no order id is mapped; same returns policy, purchase rule and scope as `orders`);
 * guest_orders / guest_revenue are the difference.
 * Revenue by month: customer-level, one row per calendar month with an order in scope. A month is
 * `partial` when the window ends or starts inside it: its last day in scope — the day before the
 * as-of date, or the end of the date range when earlier — is not the month's last day, or the date
 * range starts after its first day (the same rule as the cohort's unfinished period); `days` counts
 * its days in scope, `month_days` its days.
 */
import type { AnalysisDef } from '../../core/analysis';
import { scopeCtes, type Scope } from '../../core/scope';
import { sql, type Sql } from '../../core/sql';
import { guestOrdersCte } from './guests';

export interface OverviewKpis {
	customers: number;
	orders: number;
	revenue: number;
	aov: number | null;
	repeat_rate: number | null;
	first_date: string | null;
	last_date: string | null;
	prospects: number;
	/** Customers with orders but no purchase (returns only): not prospects, not customers. */
	returns_only: number;
	/** Purchase orders and net revenue without a customer id (in scope). */
	guest_orders: number;
	guest_revenue: number;
	/** orders + guest_orders, revenue + guest_revenue. */
	store_orders: number;
	store_revenue: number;
}

export interface MonthRow {
	month: string;
	revenue: number;
	orders: number;
	customers: number;
	/** The window starts or ends inside the month (e.g. the unfinished last month). */
	partial: boolean;
	/** Days of the month in scope, and in the month. */
	days: number;
	month_days: number;
}

export interface OverviewResult {
	kpis: OverviewKpis;
	months: MonthRow[];
}

export type OverviewSettings = Record<string, never>;

function kpiQuery(scope: Scope): Sql {
	return sql`WITH ${scopeCtes(scope)},
${guestOrdersCte(scope)},
guests AS (
	SELECT
		CAST(count(*) FILTER (WHERE is_purchase) AS INTEGER) AS guest_orders,
		CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS guest_revenue
	FROM scoped_guest_orders
)
SELECT
	CAST(count(*) FILTER (WHERE orders > 0) AS INTEGER) AS customers,
	CAST(coalesce(sum(orders), 0) AS INTEGER) AS orders,
	CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue,
	CAST(sum(revenue) / nullif(sum(orders), 0) AS DOUBLE) AS aov,
	CAST(count(*) FILTER (WHERE orders >= 2) / nullif(count(*) FILTER (WHERE orders > 0), 0) AS DOUBLE) AS repeat_rate,
	(SELECT CAST(min(order_date) AS DATE) FROM scoped_orders) AS first_date,
	(SELECT CAST(max(order_date) AS DATE) FROM scoped_orders) AS last_date,
	CAST(count(*) FILTER (WHERE is_prospect) AS INTEGER) AS prospects,
	CAST(count(*) FILTER (WHERE returns_only) AS INTEGER) AS returns_only,
	(SELECT guest_orders FROM guests) AS guest_orders,
	(SELECT guest_revenue FROM guests) AS guest_revenue,
	CAST(coalesce(sum(orders), 0) + (SELECT guest_orders FROM guests) AS INTEGER) AS store_orders,
	CAST(coalesce(sum(revenue), 0) + (SELECT guest_revenue FROM guests) AS DOUBLE) AS store_revenue
FROM scoped_customers`;
}

function monthsQuery(scope: Scope): Sql {
	return sql`WITH ${scopeCtes(scope)},
by_month AS (
	SELECT
		CAST(date_trunc('month', order_date) AS DATE) AS month,
		CAST(sum(revenue) AS DOUBLE) AS revenue,
		CAST(count(*) FILTER (WHERE is_purchase) AS INTEGER) AS orders,
		CAST(count(DISTINCT customer_id) FILTER (WHERE is_purchase) AS INTEGER) AS customers
	FROM scoped_orders
	GROUP BY 1
	HAVING count(*) FILTER (WHERE is_purchase) > 0
)
SELECT *, days < month_days AS partial
FROM (
	SELECT
		*,
		CAST(date_diff('day', greatest(month, ${windowStart(scope)}), least(CAST(month + INTERVAL 1 MONTH AS DATE), ${windowEnd(scope)})) AS INTEGER) AS days,
		CAST(date_diff('day', month, CAST(month + INTERVAL 1 MONTH AS DATE)) AS INTEGER) AS month_days
	FROM by_month
)
ORDER BY month`;
}

/** First day in scope (the date range's start), or the earliest date when none is set. */
function windowStart(scope: Scope): Sql {
	return scope.from ? sql`CAST(${scope.from} AS DATE)` : sql`DATE '0001-01-01'`;
}

/** The day after the last day in scope: the as-of date, or the day after the range's end. */
function windowEnd(scope: Scope): Sql {
	const asOf = sql`CAST(${scope.asOf} AS DATE)`;
	return scope.to
		? sql`least(${asOf}, CAST(CAST(${scope.to} AS DATE) + INTERVAL 1 DAY AS DATE))`
		: asOf;
}

export const overviewAnalysis: AnalysisDef<OverviewSettings, OverviewResult> = {
	id: 'overview',
	queries: (scope) => ({ kpis: kpiQuery(scope), revenue_by_month: monthsQuery(scope) }),
	async run(query, scope) {
		const [kpis] = await query<OverviewKpis>(kpiQuery(scope));
		const months = await query<MonthRow>(monthsQuery(scope));
		if (!kpis) throw new Error('overview: no KPI row');
		return { kpis, months };
	}
};
