/**
 * Builds the canonical tables `tx`, `tx_rejects`, `orders` and `customer_facts` from a raw orders
 * table (`__row BIGINT` + VARCHAR columns) and a confirmed mapping; the contract is in types.ts.
 *
 * - A raw row whose order date, amount, quantity or unit price cannot be parsed, or lies outside
 *   the accepted range (order dates 1900-01-01 – 2200-12-31, |values| below 1e15: placeholders
 *   and overflows, see canonical-checks.ts), goes to `tx_rejects` (one row per failing cell, with
 *   a plain reason), never to `tx`; the two filters use the same flags, so rows(tx) + distinct
 *   __row of tx_rejects = rows(raw).
 *   An empty quantity/unit price is an error only when amount is derived from them.
 * - Ids are trimmed text (leading zeros kept); `17850.0` (a float export of an integer id) is
 *   read as `17850`. An empty customer id — or one of only spaces, tabs or invisible characters
 *   such as a zero-width space — leaves the line in `tx` with customer_id NULL.
 * - order_id: the mapped id, or customer_id || '|' || order_date when absent or empty.
 * - amount: the mapped amount, else quantity × unit_price.
 * - is_return: negative quantity or amount; a status meaning cancelled/refunded/returned; or an
 *   order id `C` + digits (C536379) — only when the file also has all-digit order ids, i.e.
 *   the `C` marks a cancellation in a numeric invoice series; files whose ids all start with a
 *   letter are left alone. A line with a cancelled status and a positive amount records an order
 *   that was undone (Shopify/Taobao style), so its net amount is 0, not negative.
 * - Returns policy 'net': every line counts with its signed amount; 'exclude': orders and
 *   customer_facts use only lines with NOT is_return AND amount > 0 AND unit_price > 0 (if mapped).
 * - is_purchase (DESIGN.md §3): an order with at least one non-return line and net amount ≥ 0
 *   (free orders and zero-price promotions are purchases); negative-net or returns-only orders
 *   are not. purchase_rows: 1 per order when order ids are mapped; without them, the order's
 *   non-return rows (the file's purchases that one customer's same day merged; the rfm package
 *   preset counts them as its F).
 * - Order dimensions (and category): the first non-null value per order (by line number).
 * Plain set operations only (scans, GROUP BY), so it scales to millions of lines.
 */
import { ident, int, join, raw, sql, type Sql } from './sql';
import { parseDateExpr, parseNumberUncheckedExpr } from './formats';
import { dateCheck, numberCheck, productCheck, type Check } from './canonical-checks';
import type { CanonicalOptions, Dimension, OrdersMapping } from './types';
import { customerFactsStatement } from './canonical-facts';

export { buildLoadSummaryQuery } from './canonical-summary';
export { customerFactsStatement } from './canonical-facts';

/** Status values (lower-cased, trimmed) that mark a cancelled, refunded or returned line. */
export const RETURN_STATUSES: readonly string[] = [
	'cancelled',
	'canceled',
	'cancel',
	'refunded',
	'refund',
	'returned',
	'return',
	'voided',
	'void',
	'已取消',
	'取消',
	'退款',
	'已退款',
	'退款成功',
	'退货',
	'已退货',
	'交易关闭'
];

/**
 * Whether the `tx` lines of one group (an order) make a purchase, as an aggregate: at least one
 * non-return line and a net amount ≥ 0 (DESIGN.md §3). −1e-9: a net that is zero up to float
 * rounding (0.1 + 0.2 − 0.3) is zero.
 */
export const IS_PURCHASE: Sql = sql`(bool_or(NOT is_return) AND sum(amount) >= -1e-9)`;

/** Spaces, control and format characters only (RE2): a blank cell. */
const BLANK = raw(`'[\\p{Z}\\p{Cc}\\p{Cf}]+'`);

/**
 * Trimmed text, NULL when blank. trim() (which strips Unicode space separators, not tabs) runs
 * only on cells that can change: a space or control character first (`c < '!'`, a byte
 * comparison), a space last, or any non-ASCII character (strlen counts bytes, length
 * characters). Calling it on every cell copied every string and was a fifth of building `tx`
 * (about 0.3 s at 1 M lines in Node).
 * A cell of nothing but spaces, control characters and invisible format characters (a tab, a
 * zero-width space or joiner, a BOM, NBSP, U+3000 …) is blank too (issue 13, item 8: a tab or a
 * zero-width space counted as a customer). Among those cells, the pattern runs only where the
 * first character lies in a block that holds such characters (ascii() is the first code point),
 * so Chinese or accented text does not pay for it.
 */
export function textExpr(col: string): Sql {
	const c = sql`CAST(${ident(col)} AS VARCHAR)`;
	const a = sql`ascii(${c})`;
	const invisibleFirst = sql`(${a} < 33 OR ${a} BETWEEN 127 AND 173 OR ${a} BETWEEN 5760 AND 6158 OR ${a} BETWEEN 8192 AND 8303 OR ${a} IN (12288, 65279) OR ${a} BETWEEN 65529 AND 65531)`;
	return sql`CASE WHEN ${c} < '!' OR ends_with(${c}, ' ') OR strlen(${c}) <> length(${c}) THEN (CASE WHEN ${invisibleFirst} AND regexp_full_match(${c}, ${BLANK}) THEN NULL ELSE nullif(trim(${c}), '') END) ELSE ${c} END`;
}

/** `17850.0`: an integer id exported as a float. */
const ID_FLOAT_SUFFIX = raw(`'^([0-9]+)\\.0+$'`);

/** Customer id: trimmed text, NULL when blank, `123.0` → `123`. */
export function customerIdExpr(col: string): Sql {
	return sql`regexp_replace(${textExpr(col)}, ${ID_FLOAT_SUFFIX}, ${raw(`'\\1'`)})`;
}

/**
 * `123.0` → `123` on text already trimmed. The pattern needs a '.', so it runs only on cells with
 * one (`contains` is a byte search; the regex on every id was a measurable part of building tx).
 */
function idFromTextExpr(text: Sql): Sql {
	return sql`CASE WHEN contains(${text}, '.') THEN regexp_replace(${text}, ${ID_FLOAT_SUFFIX}, ${raw(`'\\1'`)}) ELSE ${text} END`;
}

/**
 * The `parsed` CTE and the checks that reject rows. `rows`: every raw row, only those missing from
 * tx (the rejected ones), or none; less the duplicates the user chose to remove.
 */
function parsedCte(
	m: OrdersMapping,
	rows: 'all' | 'missing-from-tx' | 'none',
	removeDuplicatesFrom?: string,
	range?: RowRange
): { cte: Sql; checks: Check[] } {
	const r = m.roles;
	if (!r.order_date || !r.customer_id)
		throw new Error('canonical: customer_id and order_date are required');
	if (!r.amount && !(r.quantity && r.unit_price)) {
		throw new Error('canonical: amount or quantity and unit_price are required');
	}
	const cols: Sql[] = [sql`__row`, sql`${textExpr(r.order_date)} AS __raw_order_date`];
	cols.push(sql`${parseDateExpr(sql`${ident(r.order_date)}`, m.dateFormat)} AS order_ts`);
	const checks: Check[] = [dateCheck(m, r.order_date)];
	for (const role of ['amount', 'quantity', 'unit_price'] as const) {
		const src = r[role];
		if (src) {
			cols.push(sql`${textExpr(src)} AS ${ident(`__raw_${role}`)}`);
			cols.push(
				sql`${parseNumberUncheckedExpr(sql`${ident(src)}`, m.numberFormat)} AS ${ident(role)}`
			);
			checks.push(numberCheck(m, role, src, role === 'amount' || !r.amount));
		} else cols.push(sql`CAST(NULL AS DOUBLE) AS ${ident(role)}`);
	}
	if (!r.amount && r.unit_price) checks.push(productCheck(r.unit_price));
	// Trimmed here, `123.0` → `123` in tx's projection (one textExpr, regex only on cells with '.').
	cols.push(sql`${textExpr(r.customer_id)} AS __customer_text`);
	cols.push(
		r.order_id
			? sql`${textExpr(r.order_id)} AS __raw_order_id`
			: sql`CAST(NULL AS VARCHAR) AS __raw_order_id`
	);
	for (const role of ['product', 'category'] as const) {
		const src = r[role];
		cols.push(
			src ? sql`${textExpr(src)} AS ${ident(role)}` : sql`CAST(NULL AS VARCHAR) AS ${ident(role)}`
		);
	}
	cols.push(
		r.status
			? sql`coalesce(lower(${textExpr(r.status)}) IN (${[...RETURN_STATUSES]}), false) AS __status_return`
			: sql`false AS __status_return`
	);
	for (const d of m.dimensions) cols.push(sql`${textExpr(d.source)} AS ${ident(d.column)}`);
	const where: Sql[] = [];
	// 'none': a constant false lets DuckDB drop the scan and the anti-join altogether.
	if (rows === 'none') where.push(sql`false`);
	else if (rows === 'missing-from-tx') where.push(sql`__row NOT IN (SELECT line_no FROM tx)`);
	if (removeDuplicatesFrom)
		where.push(sql`__row NOT IN (SELECT __row FROM ${ident(removeDuplicatesFrom)})`);
	if (range?.after != null) where.push(sql`__row > ${int(range.after)}`);
	if (range?.last != null) where.push(sql`__row <= ${int(range.last)}`);
	const cte = sql`parsed AS (
	SELECT
		${join(cols, ',\n\t\t')}
	FROM ${ident(m.table)}${where.length > 0 ? sql`\n\tWHERE ${join(where, ' AND ')}` : raw('')}
)`;
	return { cte, checks };
}

function dimensionList(dims: Dimension[]): Sql {
	return join(
		dims.map((d) => sql`, ${ident(d.column)}`),
		''
	);
}

/**
 * Raw rows numbered after `after` and up to `last` (__row; null: no bound): a part of `tx` built
 * by a statement of its own (TxStatements.part).
 */
export interface RowRange {
	after: number | null;
	last: number | null;
}

/**
 * `tx`: accepted lines, typed and cleaned, in three statements. `create` parses every cell once
 * into a table that holds every raw row and a `__bad` flag (the checks, in the same projection as
 * the parsing: no filter over the parsed columns that the optimiser could push below it, copying
 * the parse expressions); `deleteBad` removes the flagged rows (needed only when some are
 * flagged: ANY_BAD_QUERY); `dropFlag` drops the flag (a catalog change, no copy).
 */
export interface TxStatements {
	create: Sql;
	/**
	 * `create` for the raw rows of `range` only: with `after` null it creates tx, else it
	 * inserts into it. Parts in __row order, one statement each, build the same tx as `create`
	 * while DuckDB holds one part's rows uncompressed at a time (db/build-orders.ts).
	 */
	part(range: RowRange): Sql;
	deleteBad: Sql;
	dropFlag: Sql;
}

function txStatements(m: OrdersMapping, removeDuplicatesFrom?: string): TxStatements {
	return {
		create: txSelect(m, removeDuplicatesFrom, sql`CREATE OR REPLACE TABLE tx AS`),
		part: (range) =>
			txSelect(
				m,
				removeDuplicatesFrom,
				range.after === null ? sql`CREATE OR REPLACE TABLE tx AS` : sql`INSERT INTO tx`,
				range
			),
		deleteBad: sql`DELETE FROM tx WHERE __bad`,
		dropFlag: sql`ALTER TABLE tx DROP COLUMN __bad`
	};
}

function txSelect(
	m: OrdersMapping,
	removeDuplicatesFrom: string | undefined,
	into: Sql,
	range?: RowRange
): Sql {
	const { cte, checks } = parsedCte(m, 'all', removeDuplicatesFrom, range);
	// flags first and the cheap prefix test next: the pattern runs only on ids starting with C/c.
	const cPrefix = m.roles.order_id
		? sql`(flags.__numeric_ids AND (starts_with(__raw_order_id, 'C') OR starts_with(__raw_order_id, 'c')) AND regexp_full_match(__raw_order_id, '[Cc][0-9]+'))`
		: raw('false');
	const oid = m.roles.order_id;
	// EXISTS stops at the first numeric id (usually the first line) instead of matching every line.
	const flags = oid
		? sql`, flags AS (SELECT EXISTS (SELECT 1 FROM ${ident(m.table)} WHERE regexp_full_match(${textExpr(oid)}, '[0-9]+')) AS __numeric_ids)`
		: sql`, flags AS (SELECT false AS __numeric_ids)`;
	const amountRaw = m.roles.amount ? sql`p.amount` : sql`p.quantity * p.unit_price`;
	// A row is kept when every check is false (a NULL check, which none gives, would drop it).
	const bad = sql`coalesce(${join(
		checks.map((c) => c.bad),
		' OR '
	)}, true)`;
	return sql`${into}
WITH ${cte}${flags},
lines AS (
	SELECT p.*, ${idFromTextExpr(sql`__customer_text`)} AS customer_id, ${amountRaw} AS __amount_raw, ${cPrefix} AS __c_prefix, ${bad} AS __bad
	FROM parsed p, flags
)
SELECT
	CAST(__row AS BIGINT) AS line_no,
	customer_id,
	coalesce(__raw_order_id, customer_id || '|' || strftime(CAST(order_ts AS DATE), '%Y-%m-%d')) AS order_id,
	order_ts,
	CAST(order_ts AS DATE) AS order_date,
	quantity,
	unit_price,
	CAST(CASE WHEN __status_return AND __amount_raw > 0 THEN 0 ELSE __amount_raw END AS DOUBLE) AS amount,
	(__c_prefix OR coalesce(quantity < 0, false) OR __amount_raw < 0 OR __status_return) AS is_return,
	product,
	category${dimensionList(m.dimensions)},
	__bad
FROM lines`;
}

/** One row, `any_bad`: whether `tx` (after TxStatements.create) holds a row to delete. */
export const ANY_BAD_QUERY: Sql = sql`SELECT coalesce(bool_or(__bad), false) AS any_bad FROM tx`;

/**
 * CREATE OR REPLACE TABLE tx_rejects (after tx): one row per failing cell of a rejected raw row,
 * with its reason in words and as a code (core/reject-reason.ts TypingCode).
 */
function rejectsStatement(m: OrdersMapping, opts: CanonicalOptions): Sql {
	// Only raw rows missing from tx are re-parsed (an anti-join); each fails at least one check.
	const none = opts.noneRejected === true && !opts.removeDuplicatesFrom;
	const { cte, checks } = parsedCte(
		m,
		none ? 'none' : 'missing-from-tx',
		opts.removeDuplicatesFrom
	);
	const parts = checks.map(
		(c) =>
			sql`SELECT CAST(__row AS BIGINT) AS __row, ${c.source} AS column_name, ${c.raw} AS value, ${c.reason} AS reason, ${c.code} AS code FROM parsed WHERE ${c.bad}`
	);
	return sql`CREATE OR REPLACE TABLE tx_rejects AS
WITH ${cte}
SELECT * FROM (${join(parts, '\nUNION ALL\n')})
ORDER BY __row, column_name`;
}

/** One of `of` parts of the orders, by a hash of their key (every line of an order in one part). */
export interface OrdersPart {
	part: number;
	of: number;
}

function ordersStatement(m: OrdersMapping, opts: CanonicalOptions, part?: OrdersPart): Sql {
	const conds: Sql[] = [sql`customer_id IS NOT NULL`];
	if (opts.returns === 'exclude') {
		conds.push(sql`NOT is_return`, sql`amount > 0`);
		if (m.roles.unit_price) conds.push(sql`unit_price > 0`);
	}
	const items = m.roles.quantity ? sql`sum(quantity)` : sql`count(*)`;
	// Without order ids each row of the file is a purchase, merged per customer and day.
	const purchaseRows = m.roles.order_id ? sql`1` : sql`count(*) FILTER (WHERE NOT is_return)`;
	// category is an order dimension too (the breakdown offers it): first non-null per order.
	// arg_min skips NULL values itself (tests/unit/db/arg-min-nulls.test.ts): a FILTER (WHERE
	// x IS NOT NULL) only cost time (issue 22, item 5).
	const dims = join(
		[{ column: 'category' }, ...m.dimensions].map(
			(d) => sql`,\n\targ_min(${ident(d.column)}, line_no) AS ${ident(d.column)}`
		),
		''
	);
	if (part) conds.push(sql`hash(customer_id, order_id) % ${int(part.of)} = ${int(part.part)}`);
	const into =
		!part || part.part === 0 ? sql`CREATE OR REPLACE TABLE orders AS` : sql`INSERT INTO orders`;
	return sql`${into}
SELECT
	customer_id,
	order_id,
	min(order_ts) AS order_ts,
	CAST(min(order_ts) AS DATE) AS order_date,
	CAST(sum(amount) AS DOUBLE) AS revenue,
	CAST(${items} AS DOUBLE) AS items,
	CAST(count(*) AS INTEGER) AS lines,
	CAST(${purchaseRows} AS INTEGER) AS purchase_rows,
	${IS_PURCHASE} AS is_purchase${dims}
FROM tx
WHERE ${join(conds, ' AND ')}
GROUP BY customer_id, order_id`;
}

/**
 * One row, `all_accepted`: whether `tx` (just built) holds every row of the raw orders table, so
 * that tx_rejects can be built with `noneRejected`. Counts only (instant). Not for a build that
 * removes duplicates: those rows are in neither table, and noneRejected is ignored there.
 */
export function buildAllAcceptedQuery(m: OrdersMapping): Sql {
	return sql`SELECT (SELECT count(*) FROM tx) = (SELECT count(*) FROM ${ident(m.table)}) AS all_accepted`;
}

/**
 * Statements (run in order) that build `tx`, `tx_rejects`, `orders` and `customer_facts` from the
 * raw orders table `m.table`. If a customers file is loaded, run buildCustomersStatements
 * afterwards: it rebuilds customer_facts with the attributes and prospects.
 * Throws when a required role (customer_id, order_date, amount or quantity+unit_price) is unmapped.
 */
export function buildOrdersStatements(m: OrdersMapping, opts: CanonicalOptions): Sql[] {
	const tx = buildTxStatements(m, opts);
	return [tx.create, tx.deleteBad, tx.dropFlag, ...buildAfterTxStatements(m, opts)];
}

/** The statements that build `tx` (see TxStatements); buildOrdersStatements runs all three. */
export function buildTxStatements(m: OrdersMapping, opts: CanonicalOptions): TxStatements {
	return txStatements(m, opts.removeDuplicatesFrom);
}

/** The statements of buildOrdersStatements after `tx`: tx_rejects, orders, customer_facts. */
export function buildAfterTxStatements(m: OrdersMapping, opts: CanonicalOptions): Sql[] {
	return [rejectsStatement(m, opts), ordersStatement(m, opts), customerFactsStatement(null)];
}

/**
 * `orders` built in `of` statements (`of` ≥ 2), each grouping the orders whose key hashes to its
 * part: the first creates the table, the others insert. The same rows as buildAfterTxStatements'
 * one statement, in another physical order (part after part), so sums of doubles taken over
 * `orders` afterwards (a customer's revenue) may differ from the one statement's in the last bits.
 */
export function buildOrdersPartStatements(
	m: OrdersMapping,
	opts: CanonicalOptions,
	of: number
): Sql[] {
	if (!Number.isInteger(of) || of < 2) throw new Error(`orders in parts: ${of} parts`);
	return Array.from({ length: of }, (_, part) => ordersStatement(m, opts, { part, of }));
}
