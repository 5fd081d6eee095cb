/**
 * Orders without a customer id ("guests"): their lines stay in `tx` with customer_id NULL and are
 * in no customer table, so the overview reads them from `tx` itself (definitions: ./sql.ts).
 */
import { IS_PURCHASE } from '../../core/canonical';
import { ident, raw, sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';

/**
 * `scoped_guest_orders` as CTE text, without the leading WITH: one row per guest order in scope —
 * order_date DATE, revenue DOUBLE (net), is_purchase BOOLEAN.
 *
 * A guest order is an order id; with no order id mapped (canonical.ts then makes the id from the
 * customer and the day, NULL for a guest) each guest line is an order of its own, since guests on
 * one day cannot be told apart. Lines, purchases and scope follow `orders` (core/canonical.ts
 * ordersStatement and core/scope.ts): with returns 'exclude' only non-return lines with a positive
 * amount and unit price; a purchase by the same rule (IS_PURCHASE); the order date is its first
 * line's; the date range and as-of apply to it, an orders-dimension filter to its first non-empty
 * value, and a customers-file filter leaves every guest out (a guest has no customer row).
 */
export function guestOrdersCte(scope: Scope): Sql {
	const lineConds: Sql[] = [sql`customer_id IS NULL`];
	if (scope.returns === 'exclude') {
		lineConds.push(
			sql`NOT is_return`,
			sql`amount > 0`,
			sql`(unit_price IS NULL OR unit_price > 0)`
		);
	}
	const f = scope.filter && scope.filter.values.length > 0 ? scope.filter : null;
	const dim =
		f?.table === 'orders'
			? sql`,\n\t\targ_min(${ident(f.column)}, line_no) FILTER (WHERE ${ident(f.column)} IS NOT NULL) AS __dim`
			: raw('');
	const conds: Sql[] = [sql`order_date < CAST(${scope.asOf} AS DATE)`];
	if (scope.from) conds.push(sql`order_date >= CAST(${scope.from} AS DATE)`);
	if (scope.to) conds.push(sql`order_date <= CAST(${scope.to} AS DATE)`);
	if (f?.table === 'orders') conds.push(sql`CAST(__dim AS VARCHAR) IN (${f.values})`);
	else if (f) conds.push(sql`false`);
	const and = (parts: Sql[]) => parts.reduce((acc, c) => sql`${acc} AND ${c}`);
	return sql`scoped_guest_orders AS (
	SELECT order_date, revenue, is_purchase
	FROM (
		SELECT
			CAST(min(order_ts) AS DATE) AS order_date,
			CAST(sum(amount) AS DOUBLE) AS revenue,
			${IS_PURCHASE} AS is_purchase${dim}
		FROM tx
		WHERE ${and(lineConds)}
		GROUP BY order_id, CASE WHEN order_id IS NULL THEN line_no END
	)
	WHERE ${and(conds)}
)`;
}
