/**
 * The checks that set a raw orders row aside into `tx_rejects` (canonical.ts), each with a plain
 * reason that core/rejects.ts turns into a translated message. A row fails when:
 *
 * - its order date is empty or not a date in the chosen format, or lies outside ORDER_DATES
 *   (issue 13, item 5). 1900-01-01 – 2200-12-31: placeholders sit outside it — 9999-12-31 and
 *   2999-12-31 ("no end date"), 0001-01-01 (.NET's and Java's minimum), 1753-01-01 (SQL Server's),
 *   1899-12-30/31 (an empty Excel date) — while real order history (e-commerce, mail order, store
 *   ledgers digitised from the 20th century) and dates a century ahead (2099-12-31, which loads
 *   with the future-date warning) stay in. Dates outside it also broke every analysis: the day
 *   after 9999-12-31 has a five-digit year.
 * - an amount, quantity or unit price is empty (where required), not a number, does not match
 *   the file's number format (item 6: said so, with an example of the format), or is too large:
 *   |value| ≥ VALUE_LIMIT = 1e15 (item 8). No order line in any currency in use comes near a
 *   quadrillion, and with every line below it a sum over fewer than 2^53 lines stays below 1e31,
 *   far from a double's limit (1.8e308): revenue can never become ∞ or NaN (two `1e308` lines
 *   made it ∞). When the amount is quantity × unit price, the product is held to the same limit.
 */
import { ident, int, raw, sql, type Sql } from './sql';
import { describeDateFormat } from './formats';
import { numberExample, parseNumberUncheckedExpr } from './number-format';
import type { OrdersMapping } from './types';

/** Order dates kept: from `from` to `to`, inclusive (YYYY-MM-DD). */
export const ORDER_DATES = { from: '1900-01-01', to: '2200-12-31' } as const;

/** Amounts, quantities and unit prices must stay below this in absolute value. */
export const VALUE_LIMIT = 1e15;

export interface Check {
	role: string;
	/** The file's column the reason is about. */
	source: string;
	/** Boolean SQL over the `parsed` CTE: the cell fails. */
	bad: Sql;
	/** Reason text SQL over the `parsed` CTE. */
	reason: Sql;
	raw: Sql;
}

const LIMIT = int(VALUE_LIMIT);
const TOO_LARGE = ` is too large (the limit is 1e15 in absolute value)`;

/** The order date check over `order_ts` and `__raw_order_date`. */
export function dateCheck(m: OrdersMapping, source: string): Check {
	const format = describeDateFormat(m.dateFormat);
	const from = raw(`TIMESTAMP '${ORDER_DATES.from}'`);
	const until = raw(`CAST(DATE '${ORDER_DATES.to}' + 1 AS TIMESTAMP)`);
	const inRange = sql`order_ts >= ${from} AND order_ts < ${until}`;
	return {
		role: 'order_date',
		source,
		raw: sql`__raw_order_date`,
		bad: sql`NOT coalesce(${inRange}, false)`,
		reason: sql`CASE WHEN __raw_order_date IS NULL THEN 'order_date: empty'
		WHEN order_ts IS NULL THEN ${"order_date: '"} || __raw_order_date || ${`' is not a date in format ${format}`}
		ELSE ${"order_date: '"} || __raw_order_date || ${`' is outside the accepted dates ${ORDER_DATES.from} to ${ORDER_DATES.to}`} END`
	};
}

/**
 * An amount, quantity or unit price cell (parsed into column `role`, raw text in `__raw_<role>`).
 * `required`: an empty cell fails too.
 */
export function numberCheck(
	m: OrdersMapping,
	role: string,
	source: string,
	required: boolean
): Check {
	const r = sql`${ident(`__raw_${role}`)}`;
	const v = sql`${ident(role)}`;
	const ok = sql`coalesce(isfinite(${v}) AND abs(${v}) < ${LIMIT}, false)`;
	const other = m.numberFormat.decimal === '.' ? ',' : '.';
	const mark = m.numberFormat.decimal === '.' ? 'decimal point' : 'decimal comma';
	const quoted = (text: string) => sql`${`${role}: '`} || ${r} || ${text}`;
	return {
		role,
		source,
		raw: r,
		bad: required ? sql`NOT ${ok}` : sql`(${r} IS NOT NULL AND NOT ${ok})`,
		// 'inf' and 'nan' parse to non-finite doubles: not numbers either; `1e400` is too large.
		reason: sql`CASE WHEN ${r} IS NULL THEN ${`${role}: empty`}
		WHEN NOT isnan(${v}) AND regexp_matches(${r}, '[0-9]') THEN ${quoted(`'${TOO_LARGE}`)}
		WHEN coalesce(isfinite(${parseNumberUncheckedExpr(r, { decimal: other })}), false)
			THEN ${quoted(`' does not match the number format (${mark}) — expected e.g. ${numberExample(m.numberFormat)}`)}
		ELSE ${quoted("' is not a number")} END`
	};
}

/** When the amount is quantity × unit price: the product within VALUE_LIMIT too. */
export function productCheck(source: string): Check {
	const product = sql`quantity * unit_price`;
	return {
		role: 'amount',
		source,
		raw: sql`CAST(${product} AS VARCHAR)`,
		// Only when each factor is within the limit (else their own checks say so).
		bad: sql`coalesce(abs(quantity) < ${LIMIT} AND abs(unit_price) < ${LIMIT} AND NOT (abs(${product}) < ${LIMIT}), false)`,
		reason: sql`${"amount: quantity × unit_price = '"} || CAST(${product} AS VARCHAR) || ${`'${TOO_LARGE}`}`
	};
}
