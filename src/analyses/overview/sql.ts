/**
 * Overview: headline KPIs and revenue by month, within the scope (as-of date and filters).
 * Customers = customers with at least one purchase order; orders = purchase orders (net revenue > 0);
 * revenue = net revenue of all orders in scope (returns subtract); AOV = revenue / orders;
 * repeat rate = share of buying customers with ≥ 2 purchase orders.
 */
import type { AnalysisDef } from '../../core/analysis';
import { scopeCtes, type Scope } from '../../core/scope';
import { sql, type Sql } from '../../core/sql';

export interface OverviewKpis {
	customers: number;
	orders: number;
	revenue: number;
	aov: number | null;
	repeat_rate: number | null;
	first_date: string | null;
	last_date: string | null;
	prospects: number;
}

export interface MonthRow {
	month: string;
	revenue: number;
	orders: number;
	customers: number;
}

export interface OverviewResult {
	kpis: OverviewKpis;
	months: MonthRow[];
}

export type OverviewSettings = Record<string, never>;

function kpiQuery(scope: Scope): Sql {
	return sql`WITH ${scopeCtes(scope)}
SELECT
	CAST(count(*) FILTER (WHERE orders > 0) AS INTEGER) AS customers,
	CAST(coalesce(sum(orders), 0) AS INTEGER) AS orders,
	CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue,
	CAST(sum(revenue) / nullif(sum(orders), 0) AS DOUBLE) AS aov,
	CAST(count(*) FILTER (WHERE orders >= 2) / nullif(count(*) FILTER (WHERE orders > 0), 0) AS DOUBLE) AS repeat_rate,
	(SELECT CAST(min(order_date) AS DATE) FROM scoped_orders) AS first_date,
	(SELECT CAST(max(order_date) AS DATE) FROM scoped_orders) AS last_date,
	CAST(count(*) FILTER (WHERE is_prospect) AS INTEGER) AS prospects
FROM scoped_customers`;
}

function monthsQuery(scope: Scope): Sql {
	return sql`WITH ${scopeCtes(scope)}
SELECT
	CAST(date_trunc('month', order_date) AS DATE) AS month,
	CAST(sum(revenue) AS DOUBLE) AS revenue,
	CAST(count(*) FILTER (WHERE is_purchase) AS INTEGER) AS orders,
	CAST(count(DISTINCT customer_id) FILTER (WHERE is_purchase) AS INTEGER) AS customers
FROM scoped_orders
GROUP BY 1
ORDER BY 1`;
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
