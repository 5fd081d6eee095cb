/** The canonical `customer_facts` table (core/types.ts), built from `orders` (canonical.ts). */
import { ident, join, sql, type Sql } from './sql';

/**
 * CREATE OR REPLACE TABLE customer_facts from `orders`, plus (when `attributes` is given) the
 * `customers` table: its columns are added and customers with no orders become prospects.
 * Customers with orders but no purchase are returns_only, never prospects.
 */
export function customerFactsStatement(attributes: string[] | null): Sql {
	const agg = sql`SELECT
		customer_id,
		CAST(min(order_date) FILTER (WHERE is_purchase) AS DATE) AS first_order,
		CAST(max(order_date) FILTER (WHERE is_purchase) AS DATE) AS last_order,
		CAST(count(*) FILTER (WHERE is_purchase) AS INTEGER) AS orders,
		CAST(sum(revenue) AS DOUBLE) AS revenue,
		CAST(sum(items) AS DOUBLE) AS items
	FROM orders
	GROUP BY customer_id`;
	// A prospect has no order at all; orders but no purchase (only returns) is returns_only.
	if (attributes === null) {
		return sql`CREATE OR REPLACE TABLE customer_facts AS
SELECT *, false AS is_prospect, orders = 0 AS returns_only FROM (${agg})`;
	}
	const attrs = join(
		attributes.map((a) => sql`, c.${ident(a)}`),
		''
	);
	return sql`CREATE OR REPLACE TABLE customer_facts AS
WITH agg AS (${agg})
SELECT
	coalesce(agg.customer_id, c.customer_id) AS customer_id,
	agg.first_order,
	agg.last_order,
	coalesce(agg.orders, 0) AS orders,
	coalesce(agg.revenue, 0) AS revenue,
	coalesce(agg.items, 0) AS items,
	agg.customer_id IS NULL AS is_prospect,
	coalesce(agg.orders = 0, false) AS returns_only${attrs}
FROM agg
FULL OUTER JOIN customers c ON c.customer_id = agg.customer_id`;
}
