/**
 * Numbers in text columns: sniffing the decimal mark from sample values, and parsing a cell by
 * the pattern of the chosen format, in SQL (canonical.ts) and in JS (sniffing, role detection).
 *
 * A cell is read in four steps: currency symbols and codes (¥ ￥ $ € £ ₩ ₹ 元, US$, CNY, RMB,
 * USD, …) are removed; spaces at either end and next to a sign or parenthesis are dropped;
 * `(123.00)` and `123.00-` become negative; then what is left must match the format's pattern,
 * or the cell is not a number (NULL) — it is never read by another rule (issue 13, item 6:
 * stripping every comma read `1.234,56` as 1.23456 and `1 000,50` as 100050).
 *
 * - Decimal point (`1,234,567.89`): thousands groups of three digits separated by `,`, by a space
 *   (space, NBSP, narrow NBSP, thin or figure space: SI style) or by an apostrophe (`'` or `’`:
 *   Swiss style, `CHF 1'234.50`), one kind per value; Indian lakh groups (`12,34,567.00`) too.
 * - Decimal comma (`1.234.567,89`): groups of three separated by `.`, a space or an apostrophe.
 * - Either: a plain run of digits, an optional fraction (`12.` `.5` with a point, `12,` `,5` with
 *   a comma), an exponent only on ungrouped numbers (`1e3`, `1,5e3`).
 * So a value written in the other format (`1.234,56` where the file uses a decimal point, `12.5`
 * where it uses a comma) does not match and is set aside by the canonical build with a reason.
 * DuckDB casts `inf`/`nan`/`1e400` to non-finite doubles: callers test with isfinite.
 */
import { literal, raw, sql, type Sql } from './sql';
import type { NumberFormat } from './types';

/** Spaces that separate thousands groups (SI style). */
const GROUP_SPACES = ' \u00a0\u2007\u2009\u202f';
/** Spaces dropped at either end of a cell and next to a sign or parenthesis. */
const EDGE_SPACES = `\t\n\v\f\r${GROUP_SPACES}\u3000`;
const APOSTROPHES = "'\u2019";

const CURRENCY_CODES = 'CNY|RMB|USD|EUR|GBP|JPY|HKD|TWD|AUD|CAD|CHF|SGD|KRW|INR';
const CURRENCY = String.raw`(?:US|HK|NT|A|C|S)\$|[¥￥$€£₩₹]|元|` + CURRENCY_CODES;

/** Pattern of an unsigned number in format `decimal`, JS and RE2 alike. */
function unsignedPattern(decimal: '.' | ','): string {
	const d = decimal === '.' ? String.raw`\.` : ',';
	const groups = [
		decimal === '.' ? String.raw`\d{1,3}(?:,\d{3})+` : String.raw`\d{1,3}(?:\.\d{3})+`,
		...(decimal === '.' ? [String.raw`\d{1,2}(?:,\d{2})+,\d{3}`] : []),
		String.raw`\d{1,3}(?:[${GROUP_SPACES}]\d{3})+`,
		String.raw`\d{1,3}(?:[${APOSTROPHES}]\d{3})+`,
		String.raw`\d+`
	];
	const plain = String.raw`(?:\d+(?:${d}\d*)?|${d}\d+)`;
	return String.raw`(?:(?:${groups.join('|')})(?:${d}\d*)?|${d}\d+|${plain}[eE][+-]?\d+)`;
}

/**
 * A whole cell: the number with a leading sign, in parentheses or with a trailing minus; currency
 * before or after it (or inside the parentheses); spaces at either end and next to the sign,
 * a parenthesis or the currency. Matched case-insensitively (currency codes).
 */
function cellPattern(decimal: '.' | ','): string {
	const n = unsignedPattern(decimal);
	const e = `[${EDGE_SPACES}]*`;
	const c = `(?:(?:${CURRENCY})${e})?`;
	const body = String.raw`[+-]?${e}${c}${n}|\(${e}${c}${n}${e}${c}\)|${n}${e}-`;
	return String.raw`${e}${c}(?:${body})(?:${e}(?:${CURRENCY}))?${e}`;
}

/** What is dropped from a matching cell before the cast: currency, spaces, group marks. */
function dropPattern(decimal: '.' | ','): string {
	return `${CURRENCY}|[${EDGE_SPACES}${decimal === '.' ? ',' : '.'}${APOSTROPHES}]`;
}

const PATTERNS = {
	'.': { cell: cellPattern('.'), drop: dropPattern('.') },
	',': { cell: cellPattern(','), drop: dropPattern(',') }
} as const;
/** `(5)` and `5-` (currency, spaces and groups dropped) → `-5`. */
const NEGATIVE = String.raw`^\((.*)\)$|^(.*)-$`;

const JS = {
	negative: new RegExp(NEGATIVE),
	'.': {
		cell: new RegExp(`^(?:${PATTERNS['.'].cell})$`, 'i'),
		drop: new RegExp(PATTERNS['.'].drop, 'gi')
	},
	',': {
		cell: new RegExp(`^(?:${PATTERNS[','].cell})$`, 'i'),
		drop: new RegExp(PATTERNS[','].drop, 'gi')
	}
};

/** An example of format `f` for messages: `1,234.56` or `1.234,56`. */
export function numberExample(f: NumberFormat): string {
	return f.decimal === ',' ? '1.234,56' : '1,234.56';
}

/**
 * The number a cell holds in format `f` by the rules of the file comment (JS mirror of
 * parseNumberUncheckedExpr, for sniffing and role detection), or null: blank, not a number, not
 * matching the format's pattern, or not finite.
 */
export function cleanNumber(value: string, f: NumberFormat): number | null {
	if (!JS[f.decimal].cell.test(value)) return null;
	const s = value.replace(JS[f.decimal].drop, '').replace(JS.negative, '-$1$2');
	const n = Number(f.decimal === ',' ? s.replace(',', '.') : s);
	return Number.isFinite(n) ? n : null;
}

/** Whether a sample value parses as a number in format `f` (point by default). */
export function looksNumeric(value: string, f: NumberFormat = { decimal: '.' }): boolean {
	return cleanNumber(value, f) !== null;
}

/**
 * Guess the decimal mark from sample values: `1.234,50` and `12,5` mean a decimal comma,
 * `1,234.50` and `12.5` a decimal point; values such as `1,234` or `1.234` decide nothing; the
 * default is the decimal point. Samples written in the other format are outvoted (and set aside
 * when loading), never decisive on their own.
 */
export function sniffNumberFormat(samples: string[]): NumberFormat {
	let comma = 0;
	let point = 0;
	for (const raw of samples) {
		const s = raw.replace(/[^\d.,]/g, '');
		const lastComma = s.lastIndexOf(',');
		const lastPoint = s.lastIndexOf('.');
		if (lastComma >= 0 && lastPoint >= 0) {
			if (lastComma > lastPoint) comma++;
			else point++;
		} else if (lastComma >= 0) {
			if ((s.match(/,/g) ?? []).length > 1) point++;
			else if (!/^\d{1,3},\d{3}$/.test(s)) comma++;
		} else if (lastPoint >= 0) {
			if ((s.match(/\./g) ?? []).length > 1) comma++;
			else if (!/^\d{1,3}\.\d{3}$/.test(s)) point++;
		}
	}
	return { decimal: comma > point ? ',' : '.' };
}

// Patterns are inlined: DuckDB compiles a parameter pattern per row (16× slower).
const pattern = (p: string) => raw(literal(p));

/**
 * SQL expression: a VARCHAR cell parsed as DOUBLE, or NULL when it is empty, not a number or
 * does not match format `f` (see the file comment); non-finite values are NULL too.
 */
export function parseNumberExpr(col: Sql, f: NumberFormat): Sql {
	const v = parseNumberUncheckedExpr(col, f);
	return sql`CASE WHEN isfinite(${v}) THEN ${v} END`;
}

/**
 * parseNumberExpr without the final finiteness check: DuckDB casts the text 'inf'/'nan' (and
 * `1e400`) to non-finite doubles, which callers must test with isfinite. Cheaper when the value
 * is materialised once, because DuckDB would evaluate the guarded form twice.
 */
export function parseNumberUncheckedExpr(col: Sql, f: NumberFormat): Sql {
	const p = PATTERNS[f.decimal];
	const dropped = sql`regexp_replace(${col}, ${pattern(p.drop)}, '', 'gi')`;
	const plain = sql`regexp_replace(${dropped}, ${pattern(NEGATIVE)}, ${pattern(String.raw`-\1\2`)})`;
	const value = f.decimal === ',' ? sql`replace(${plain}, ',', '.')` : plain;
	const cell = pattern(`(?i)${p.cell}`);
	const slow = sql`CASE WHEN regexp_full_match(${col}, ${cell}) THEN TRY_CAST(${value} AS DOUBLE) END`;
	// Fast path: DuckDB's own cast, for cells it reads the same way as the pattern: no group or
	// decimal character but the point (decimal point format), or neither `.` nor `_` with the
	// comma turned into a point (decimal comma). It accepts surrounding spaces, and `1_000`, which
	// the patterns refuse (hence the `_` test).
	const fast =
		f.decimal === ','
			? sql`CASE WHEN NOT contains(${col}, '.') AND NOT contains(${col}, '_') THEN TRY_CAST(replace(${col}, ',', '.') AS DOUBLE) END`
			: sql`CASE WHEN NOT contains(${col}, '_') THEN TRY_CAST(${col} AS DOUBLE) END`;
	return sql`coalesce(${fast}, ${slow})`;
}
