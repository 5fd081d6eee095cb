/**
 * The checks that set a raw orders row aside into `tx_rejects` (canonical.ts), each with a code
 * (core/reject-reason.ts: what core/rejects.ts words, translated, on the page) and a plain English
 * reason (a column for the notebook and the download; never read back). A row fails when:
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
import { ident, int, join, raw, sql, type Sql } from './sql';
import { describeDateFormat } from './formats';
import { numberExample, parseNumberUncheckedExpr } from './number-format';
import type { OrdersMapping } from './types';
import type { TypingCode } from './reject-reason';

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
	/** The reason's code (a TypingCode) SQL over the `parsed` CTE. */
	code: Sql;
	raw: Sql;
}

/** One way a cell fails: when `when` holds (null: otherwise), with its code and reason text. */
interface Branch {
	when: Sql | null;
	code: TypingCode;
	reason: Sql;
}

/** The reason and the code of the first branch that holds, as two CASE expressions. */
function outcomes(branches: readonly Branch[]): { reason: Sql; code: Sql } {
	const pick = (f: (b: Branch) => Sql) =>
		branches.length === 1
			? f(branches[0]!)
			: sql`CASE ${join(
					branches.map((b) => (b.when ? sql`WHEN ${b.when} THEN ${f(b)}` : sql`ELSE ${f(b)}`)),
					'\n\t\t'
				)} END`;
	return { reason: pick((b) => b.reason), code: pick((b) => sql`${b.code}`) };
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
		...outcomes([
			{ when: sql`__raw_order_date IS NULL`, code: 'bad-date', reason: sql`'order_date: empty'` },
			{
				when: sql`order_ts IS NULL`,
				code: 'bad-date',
				reason: sql`${"order_date: '"} || __raw_order_date || ${`' is not a date in format ${format}`}`
			},
			{
				when: null,
				code: 'date-range',
				reason: sql`${"order_date: '"} || __raw_order_date || ${`' is outside the accepted dates ${ORDER_DATES.from} to ${ORDER_DATES.to}`}`
			}
		])
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
		...outcomes([
			{ when: sql`${r} IS NULL`, code: 'bad-number', reason: sql`${`${role}: empty`}` },
			{
				when: sql`NOT isnan(${v}) AND regexp_matches(${r}, '[0-9]')`,
				code: 'too-large',
				reason: quoted(`'${TOO_LARGE}`)
			},
			{
				when: sql`coalesce(isfinite(${parseNumberUncheckedExpr(r, { decimal: other })}), false)`,
				code: 'number-format',
				reason: quoted(
					`' does not match the number format (${mark}) — expected e.g. ${numberExample(m.numberFormat)}`
				)
			},
			{ when: null, code: 'bad-number', reason: quoted("' is not a number") }
		])
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
		...outcomes([
			{
				when: null,
				code: 'too-large',
				reason: sql`${"amount: quantity × unit_price = '"} || CAST(${product} AS VARCHAR) || ${`'${TOO_LARGE}`}`
			}
		])
	};
}
