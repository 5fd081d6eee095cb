/**
 * The columns that identify and reach a customer, added to every customer list a person downloads
 * for a campaign (issue 16 item 12): the RFM segment, lifecycle stage and value-tier lists and the
 * due-for-repurchase list all go through withContacts(), so they carry the same columns, read the
 * same way.
 *
 * Where they come from. The canonical tables leave out names, e-mail addresses and phone numbers
 * (they are useless as breakdown dimensions, core/columns.ts isIdLike), so the values are read from
 * the files as loaded (the raw tables), as text, trimmed, exactly as written there (a phone number
 * keeps its leading zeros):
 * - Customers file: every column but the customer id. A customer listed twice takes each column's
 *   first non-empty value, in file order (as the canonical `customers` table does).
 * - Orders file: every column that no role reads (an order or line fact: order id, date, amount,
 *   quantity, unit price, product, category, status) and that is a per-customer column in the
 *   data: of the customers with two or more lines where the column is filled, at most
 *   PER_CUSTOMER_MAX_VARYING show more than one value (a customer's region or e-mail, not the
 *   channel of each order). Its value for a customer is the one on the customer's latest accepted
 *   line where it is filled (by order time, then line number): the newest contact details known,
 *   whatever the dashboard's date range, filter or as-of date.
 * - A column of that name (case and spaces aside) in both files is one column: the customers
 *   file's value, else the orders file's.
 * The headers are the files' own; one equal to a list column's gets a " (2)" (unique-names.ts).
 */
import { ident, join, raw, sql, type Sql } from './sql';
import { customerIdExpr, textExpr } from './canonical';
import { uniqueColumnNames } from './unique-names';
import type { CustomersMapping, OrdersMapping } from './types';

/** One loaded file's raw table, its customer id column and the columns a list may carry. */
export interface ContactSource {
	table: string;
	customerId: string;
	columns: string[];
}

/** The raw tables contact columns are read from (null: that file is not loaded). */
export interface ContactSources {
	orders: ContactSource | null;
	customers: ContactSource | null;
}

/** One contact column of a list: its row key, its header, and where its value comes from. */
export interface ContactColumn {
	key: string;
	label: string;
	/** Raw column of the customers file, or null. */
	customers: string | null;
	/** Raw column of the orders file (per-customer, latest value), or null. */
	orders: string | null;
}

/** Rows of a list with a segment (or stage, tier) kept: `column` = `value`. */
export interface ListFilter {
	column: string;
	value: string;
}

/**
 * Share of customers (with two or more filled lines) whose lines may disagree for an orders-file
 * column still to count as per-customer: people do change address or phone now and then.
 */
export const PER_CUSTOMER_MAX_VARYING = 0.1;

/**
 * The raw tables and columns of the loaded files: `columns` are the raw tables' columns (without
 * `__row`). Orders-file columns a role reads are left out, and so is the customers file's id.
 */
export function contactSources(
	orders: { mapping: OrdersMapping; columns: readonly string[] } | null,
	customers: { mapping: CustomersMapping; columns: readonly string[] } | null
): ContactSources {
	const source = (
		table: string,
		customerId: string | undefined,
		columns: readonly string[],
		taken: (string | undefined)[]
	): ContactSource | null => {
		if (!customerId) return null;
		const skip = new Set(['__row', customerId, ...taken.filter((c) => c !== undefined)]);
		return { table, customerId, columns: columns.filter((c) => !skip.has(c)) };
	};
	return {
		orders: orders
			? source(
					orders.mapping.table,
					orders.mapping.roles.customer_id,
					orders.columns,
					Object.values(orders.mapping.roles)
				)
			: null,
		customers: customers
			? source(customers.mapping.table, customers.mapping.roles.customer_id, customers.columns, [])
			: null
	};
}

/** Alias of the i-th candidate column inside the statements (never a user's name). */
const alias = (i: number) => ident(`__contact_${i}`);

/** The orders file's lines in `tx` (accepted, with a customer), with the candidate columns as text. */
function orderLines(o: ContactSource, columns: readonly string[]): Sql {
	const cols = columns.map((c, i) => sql`, ${textExpr(c)} AS ${alias(i)}`);
	return sql`SELECT t.customer_id, t.order_ts, t.line_no${join(
		columns.map((_, i) => sql`, r.${alias(i)}`),
		''
	)}
	FROM tx t
	JOIN (SELECT __row${join(cols, '')} FROM ${ident(o.table)}) r ON r.__row = t.line_no
	WHERE t.customer_id IS NOT NULL`;
}

/**
 * One row: for each candidate column i of the orders file, `filled_i` (customers with two or more
 * lines where it is filled) and `varying_i` (of those, customers with more than one value).
 * Needs `tx` (canonical.ts). Read by perCustomerColumns.
 */
export function perCustomerStatsQuery(o: ContactSource): Sql {
	const counts = o.columns.map(
		(_, i) =>
			sql`, count(${alias(i)}) AS n_${raw(String(i))}, count(DISTINCT ${alias(i)}) AS d_${raw(String(i))}`
	);
	const sums = o.columns.map(
		(_, i) =>
			sql`CAST(count(*) FILTER (WHERE n_${raw(String(i))} >= 2) AS INTEGER) AS filled_${raw(String(i))}, CAST(count(*) FILTER (WHERE d_${raw(String(i))} >= 2) AS INTEGER) AS varying_${raw(String(i))}`
	);
	if (sums.length === 0) return sql`SELECT 1 AS none`;
	return sql`WITH lines AS (
	${orderLines(o, o.columns)}
),
per_customer AS (
	SELECT customer_id${join(counts, '')}
	FROM lines
	GROUP BY customer_id
)
SELECT ${join(sums)}
FROM per_customer`;
}

/** The orders-file columns that are per-customer, by the row of perCustomerStatsQuery. */
export function perCustomerColumns(o: ContactSource, stats: Record<string, unknown>): string[] {
	return o.columns.filter((_, i) => {
		const filled = Number(stats[`filled_${i}`] ?? 0);
		const varying = Number(stats[`varying_${i}`] ?? 0);
		return filled === 0 || varying <= PER_CUSTOMER_MAX_VARYING * filled;
	});
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The contact columns of a list: the customers file's columns in file order, then the orders
 * file's per-customer columns (`ordersColumns`, from perCustomerColumns) that the customers file
 * does not have under the same name.
 */
export function contactColumns(
	sources: ContactSources,
	ordersColumns: readonly string[]
): ContactColumn[] {
	const out: Omit<ContactColumn, 'key'>[] = (sources.customers?.columns ?? []).map((c) => ({
		label: c,
		customers: c,
		orders: null
	}));
	for (const c of ordersColumns) {
		const twin = out.find((x) => sameName(x.label, c));
		if (twin) twin.orders = c;
		else out.push({ label: c, customers: null, orders: c });
	}
	return out.map((c, i) => ({ ...c, key: `__contact_${i}` }));
}

/**
 * The customer list `list` (a complete statement with a `customer_id` column; its rows in its own
 * order) with the contact columns after its own, keyed by ContactColumn.key; only the rows with
 * `keep.column` = `keep.value` when given. Needs `tx` and the raw tables of `sources`.
 */
export function withContacts(
	list: Sql,
	sources: ContactSources,
	contacts: readonly ContactColumn[],
	keep?: ListFilter
): Sql {
	const where = keep ? sql`\n\tWHERE __l.${ident(keep.column)} = ${keep.value}` : raw('');
	const ctes: Sql[] = [
		// The window numbers the rows in the list's own order (an ORDER BY inside a subquery does
		// not order the join below); the final ORDER BY restores it.
		sql`__list AS (
	SELECT *, row_number() OVER () AS __position
	FROM (${list}) __l${where}
)`
	];
	const fromCustomers = contacts.filter((c) => c.customers !== null);
	const cust = sources.customers;
	if (cust && fromCustomers.length > 0) {
		const firsts = fromCustomers.map(
			(c) => sql`, arg_min(${textExpr(c.customers!)}, __row) AS ${ident(c.key)}`
		);
		ctes.push(sql`__customers AS (
	SELECT ${customerIdExpr(cust.customerId)} AS customer_id${join(firsts, '')}
	FROM ${ident(cust.table)}
	GROUP BY 1
)`);
	}
	const fromOrders = contacts.filter((c) => c.orders !== null);
	const ord = sources.orders;
	if (ord && fromOrders.length > 0) {
		const latest = fromOrders.map(
			(c, i) => sql`, arg_max(${alias(i)}, (order_ts, line_no)) AS ${ident(c.key)}`
		);
		ctes.push(sql`__order_lines AS (
	${orderLines(
		ord,
		fromOrders.map((c) => c.orders!)
	)}
		AND t.customer_id IN (SELECT customer_id FROM __list)
),
__orders AS (
	SELECT customer_id${join(latest, '')}
	FROM __order_lines
	GROUP BY customer_id
)`);
	}
	const hasC = cust !== null && fromCustomers.length > 0;
	const hasO = ord !== null && fromOrders.length > 0;
	const values = contacts.map((c) => {
		const parts: Sql[] = [];
		if (hasC && c.customers !== null) parts.push(sql`__c.${ident(c.key)}`);
		if (hasO && c.orders !== null) parts.push(sql`__o.${ident(c.key)}`);
		const value =
			parts.length === 0
				? sql`CAST(NULL AS VARCHAR)`
				: parts.length === 1
					? parts[0]!
					: sql`coalesce(${join(parts)})`;
		return sql`,\n\t${value} AS ${ident(c.key)}`;
	});
	const joins = [
		hasC ? sql`\nLEFT JOIN __customers __c ON __c.customer_id = __list.customer_id` : raw(''),
		hasO ? sql`\nLEFT JOIN __orders __o ON __o.customer_id = __list.customer_id` : raw('')
	];
	return sql`WITH ${join(ctes, ',\n')}
SELECT __list.* EXCLUDE (__position)${join(values, '')}
FROM __list${join(joins, '')}
ORDER BY __list.__position`;
}

/**
 * The CSV columns of a list: its own, then the contact columns under the files' headers, made
 * unique against the list's headers and each other.
 */
export function listCsvColumns<C extends { key: string; label: string }>(
	own: readonly C[],
	contacts: readonly ContactColumn[]
): (C | { key: string; label: string })[] {
	const labels = uniqueColumnNames([...own.map((c) => c.label), ...contacts.map((c) => c.label)]);
	return [...own, ...contacts.map((c, i) => ({ key: c.key, label: labels[own.length + i]! }))];
}
