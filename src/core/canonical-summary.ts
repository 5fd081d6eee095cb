/** The load summary read after buildOrdersStatements (row counts, totals, default as-of date). */
import { sql, type Sql } from './sql';

/**
 * One row summarising the load: tx_rows, rejected_rows (distinct raw rows in tx_rejects),
 * missing_customer_rows (tx lines without customer id), customers and orders (in `orders`),
 * revenue (net, DOUBLE), first_date / last_date (order dates in `orders`), as_of (the default
 * analysis date: the day after the last PURCHASE, so returns booked after it do not move "today";
 * the day after last_date when nothing was bought) and returns_lines (tx lines flagged is_return).
 */
export function buildLoadSummaryQuery(): Sql {
	return sql`SELECT
	t.tx_rows,
	(SELECT CAST(count(DISTINCT __row) AS BIGINT) FROM tx_rejects) AS rejected_rows,
	t.missing_customer_rows,
	o.customers,
	o.orders,
	o.revenue,
	o.first_date,
	o.last_date,
	CAST(coalesce(o.last_purchase, o.last_date) + INTERVAL 1 DAY AS DATE) AS as_of,
	t.returns_lines
FROM (
	SELECT
		CAST(count(*) AS BIGINT) AS tx_rows,
		CAST(count(*) FILTER (WHERE customer_id IS NULL) AS BIGINT) AS missing_customer_rows,
		CAST(count(*) FILTER (WHERE is_return) AS BIGINT) AS returns_lines
	FROM tx
) t, (
	SELECT
		CAST(count(DISTINCT customer_id) AS BIGINT) AS customers,
		CAST(count(*) AS BIGINT) AS orders,
		CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue,
		min(order_date) AS first_date,
		max(order_date) AS last_date,
		max(order_date) FILTER (WHERE is_purchase) AS last_purchase
	FROM orders
) o`;
}
