import { sql, ident, raw, type Sql } from './sql';
import type { ReturnsPolicy } from './types';

/**
 * What every analysis looks at: the as-of date and the global filters (issue 3, "global controls").
 * All analyses start from the CTEs built here, so they follow the controls identically.
 */
export interface Scope {
	/** 'YYYY-MM-DD'. The analysis "today": orders on or after it are ignored; recency counts to it. */
	asOf: string;
	/** Inclusive date range filter on order_date ('YYYY-MM-DD'), or null. */
	from: string | null;
	to: string | null;
	/** One dimension filter: a canonical column of `orders` or `customers`, and the kept values. */
	filter: { table: 'orders' | 'customers'; column: string; values: string[] } | null;
	/** Whether a `customers` table (customers file) is loaded: prospects and attributes come from it. */
	hasCustomers: boolean;
	/**
	 * Canonical attribute columns of the `customers` table (besides customer_id). With
	 * 'signup_date' (DATE) among them, a prospect exists only from the day after signing up.
	 */
	customerColumns: string[];
	/**
	 * How the load treated returns (CanonicalOptions.returns), for queries that read `tx` lines
	 * themselves (the overview's orders without a customer id); 'net' when absent.
	 */
	returns?: ReturnsPolicy;
	/**
	 * Read `scoped_orders`, `scoped_customers` and `scoped_purchase_days` from the temp tables that
	 * materializeScopeStatements(scope) built, instead of computing them in every query. Set only by
	 * the dashboard while it runs its analyses over one scope; statements shown to the user (the
	 * notebook) are built without it, so they stay self-contained.
	 */
	materialized?: boolean;
}

/** The temp tables materializeScopeStatements creates (one set, for the scope last materialized). */
export const SCOPE_TABLES = {
	customers: '__scope_customers',
	purchaseDays: '__scope_purchase_days'
} as const;

/**
 * Name prefix of the temp tables holding a derived field's value for every customer in scope
 * (analyses/customer/read.ts FieldTables: the profile's and the audience's); dropped with the data
 * set, as the scope tables are.
 */
export const FIELD_TABLE_PREFIX = '__customer_field_';

/** One row of returnsOnlyQuery: customers with orders but no purchase in scope. */
export interface ReturnsOnly {
	customers: number;
	/** Their net revenue (the returns, so usually negative). */
	revenue: number;
}

/**
 * The customers in scope who have orders but no purchase ("returns only", DESIGN.md §3): one row
 * (customers INTEGER, revenue DOUBLE), shown apart by the analyses that leave them out.
 */
export function returnsOnlyQuery(scope: Scope): Sql {
	return sql`WITH ${scopeCtes(scope)}
SELECT
	CAST(count(*) AS INTEGER) AS customers,
	CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue
FROM scoped_customers
WHERE returns_only`;
}

/** Whether the loaded customers file has a signup_date (DATE) column. */
export function hasSignupDate(scope: Scope): boolean {
	return scope.hasCustomers && scope.customerColumns.includes('signup_date');
}

/**
 * `scoped_orders` (orders in scope), `scoped_customers` (one row per customer in scope) and
 * `scoped_purchase_days` as CTE text, without the leading WITH:
 *
 * scoped_orders: the columns of `orders`, only order_date < asOf, within [from, to], matching the filter.
 * scoped_customers: customer_id, first_order, last_order (DATE, purchase orders only, NULL if none),
 *   orders (INTEGER purchase orders), revenue (DOUBLE net), items (DOUBLE), is_prospect (no order
 *   at all in scope: a customers-file customer who never bought), returns_only (orders in scope
 *   but none a purchase: never a prospect, and outside every analysis of buyers), recency_days
 *   (asOf − last_order, NULL if none), tenure_days (asOf − first_order), plus the customers-file
 *   columns when loaded. Customers with any order in scope, plus — when a customers
 *   file is loaded and no date range is set — customers with no order before asOf (prospects).
 * scoped_purchase_days: one row per (customer_id, order_date) with a purchase order in scope:
 *   orders (BIGINT, purchase orders that day), prev_date / next_date (the customer's previous /
 *   next purchase date, NULL for the first / last) and orders_to_date (purchase orders up to and
 *   including that day) — the visits that lifecycle and the purchase cycle measure gaps on.
 *
 * With scope.materialized the three read the temp tables of materializeScopeStatements.
 */
export function scopeCtes(scope: Scope): Sql {
	if (scope.materialized) {
		return sql`${scopedOrdersCte(scope)},
scoped_customers AS (SELECT * FROM ${raw(SCOPE_TABLES.customers)}),
scoped_purchase_days AS (SELECT * FROM ${raw(SCOPE_TABLES.purchaseDays)})`;
	}
	return plainScopeCtes(scope);
}

/**
 * Statements that materialise the scope once: `__scope_customers` and `__scope_purchase_days`
 * as temp tables (replacing the previous scope's), so every analysis run with
 * `{ ...scope, materialized: true }` reads them instead of aggregating `orders` again. Same rows as
 * the CTEs of scopeCtes(scope). scoped_orders stays a filtered scan of `orders` (copying it would
 * cost more than the scan).
 */
export function materializeScopeStatements(scope: Scope): Sql[] {
	const plain: Scope = { ...scope, materialized: false };
	return [
		sql`CREATE OR REPLACE TEMP TABLE ${raw(SCOPE_TABLES.customers)} AS
WITH ${plainScopeCtes(plain)}
SELECT * FROM scoped_customers`,
		sql`CREATE OR REPLACE TEMP TABLE ${raw(SCOPE_TABLES.purchaseDays)} AS
WITH ${plainScopeCtes(plain)}
SELECT * FROM scoped_purchase_days`
	];
}

/** scoped_orders: the rows of `orders` in scope (date range, as-of, filter). */
function scopedOrdersCte(scope: Scope): Sql {
	const conds: Sql[] = [sql`o.order_date < CAST(${scope.asOf} AS DATE)`];
	if (scope.from) conds.push(sql`o.order_date >= CAST(${scope.from} AS DATE)`);
	if (scope.to) conds.push(sql`o.order_date <= CAST(${scope.to} AS DATE)`);
	const f = scope.filter;
	if (f && f.values.length > 0) {
		if (f.table === 'orders') {
			conds.push(sql`CAST(o.${ident(f.column)} AS VARCHAR) IN (${f.values})`);
		} else if (scope.hasCustomers) {
			conds.push(
				sql`o.customer_id IN (SELECT customer_id FROM customers WHERE CAST(${ident(f.column)} AS VARCHAR) IN (${f.values}))`
			);
		}
	}
	const where = conds.reduce((acc, c) => sql`${acc} AND ${c}`);
	return sql`scoped_orders AS (
	SELECT o.*
	FROM orders o
	WHERE ${where}
)`;
}

/** The CTEs computed from `orders`. */
function plainScopeCtes(scope: Scope): Sql {
	const f = scope.filter;
	const attrs = scope.hasCustomers ? scope.customerColumns.map((c) => sql`, c.${ident(c)}`) : [];
	const attrSql = attrs.reduce((acc, a) => sql`${acc}${a}`, sql``);
	const base = sql`agg AS (
	SELECT
		customer_id,
		CAST(min(order_date) FILTER (WHERE is_purchase) AS DATE) AS first_order,
		CAST(max(order_date) FILTER (WHERE is_purchase) AS DATE) AS last_order,
		CAST(count(*) FILTER (WHERE is_purchase) AS INTEGER) AS orders,
		CAST(sum(revenue) AS DOUBLE) AS revenue,
		CAST(sum(items) AS DOUBLE) AS items
	FROM scoped_orders
	GROUP BY customer_id
)`;
	let ids: Sql;
	if (scope.hasCustomers && !scope.from && !scope.to) {
		const prospectFilter =
			f && f.values.length > 0 && f.table === 'customers'
				? sql` AND CAST(c.${ident(f.column)} AS VARCHAR) IN (${f.values})`
				: f && f.values.length > 0
					? raw(' AND FALSE')
					: raw('');
		const signupFilter = hasSignupDate(scope)
			? sql` AND (c.signup_date IS NULL OR c.signup_date < CAST(${scope.asOf} AS DATE))`
			: raw('');
		ids = sql`ids AS (
	SELECT customer_id FROM agg
	UNION
	SELECT c.customer_id FROM customers c
	WHERE c.customer_id NOT IN (SELECT customer_id FROM orders WHERE order_date < CAST(${scope.asOf} AS DATE))${signupFilter}${prospectFilter}
)`;
	} else {
		ids = sql`ids AS (SELECT customer_id FROM agg)`;
	}
	const join = scope.hasCustomers ? raw('\n\tLEFT JOIN customers c USING (customer_id)') : raw('');
	return sql`${scopedOrdersCte(scope)},
${base},
${ids},
scoped_customers AS (
	SELECT
		ids.customer_id,
		agg.first_order,
		agg.last_order,
		coalesce(agg.orders, 0) AS orders,
		coalesce(agg.revenue, 0) AS revenue,
		coalesce(agg.items, 0) AS items,
		agg.customer_id IS NULL AS is_prospect,
		coalesce(agg.orders = 0, false) AS returns_only,
		CAST(date_diff('day', agg.last_order, CAST(${scope.asOf} AS DATE)) AS INTEGER) AS recency_days,
		CAST(date_diff('day', agg.first_order, CAST(${scope.asOf} AS DATE)) AS INTEGER) AS tenure_days${attrSql}
	FROM ids
	LEFT JOIN agg USING (customer_id)${join}
),
scoped_purchase_days AS (
	SELECT
		customer_id,
		order_date,
		orders,
		lag(order_date) OVER visits AS prev_date,
		lead(order_date) OVER visits AS next_date,
		sum(orders) OVER visits AS orders_to_date
	FROM (
		SELECT customer_id, order_date, count(*) AS orders
		FROM scoped_orders
		WHERE is_purchase
		GROUP BY customer_id, order_date
	)
	WINDOW visits AS (PARTITION BY customer_id ORDER BY order_date)
)`;
}
