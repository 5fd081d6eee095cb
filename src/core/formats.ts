/**
 * Value formats of text columns: sniffing date and number formats from sample values, and the
 * SQL expressions that parse raw VARCHAR cells with the chosen format (used by canonical.ts).
 *
 * Dates: ISO (`2024-01-05`, `2024-01-05 10:00[:00]`, `2024-01-05T10:00:00`), `2024/1/5`,
 * `05.01.2024` (dots are always day-first), `1/5/2024` vs `5/1/2024` (decided by a value > 12;
 * when no value decides, `ambiguous: true` with month-first as the default), `20240105`,
 * `2024年1月5日` (optionally with a time) and Excel serial day numbers (20000–80000).
 * A trailing zone (`Z`, `UTC`, `+08:00`, `+0800`) is accepted and dropped: timestamps are kept
 * as the wall-clock time written in the file, never shifted (src/db/session.ts explains why).
 *
 * Numbers are in number-format.ts (re-exported here): read by the pattern of the chosen decimal
 * mark, so a value written in the other format is set aside, never misread.
 */
import { literal, raw, sql, type Sql } from './sql';
import type { DateFormat } from './types';

export {
	cleanNumber,
	looksNumeric,
	numberExample,
	parseNumberExpr,
	parseNumberUncheckedExpr,
	sniffNumberFormat
} from './number-format';

/** Strptime format for DuckDB's own ISO cast (fast path). */
export const ISO_DATE = '%Y-%m-%d';
/** DateFormat.format value for Excel serial day numbers. */
export const EXCEL_SERIAL = 'excel-serial';

const ZONE_RE = /(\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(?:Z|UTC|GMT|[+-]\d\d(?::?\d\d)?)$/i;
/** The same rule for DuckDB (RE2 syntax), applied only when the zone-less parse fails. */
const ZONE_SQL = String.raw`(\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(?:[Zz]|UTC|GMT|[+-]\d\d(?::?\d\d)?)$`;
const GROUP1 = raw(literal(String.raw`\1`));
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

interface DateShape {
	/** Strptime format of the date part. */
	date: string;
	/** First and second numeric field for slash/dash day-month detection. */
	dm?: [number, number];
	time: string | null;
}

/** Split an optional time off a date string ('2024/1/5 10:30' → ['2024/1/5', ' %H:%M']). */
function splitTime(s: string): { date: string; time: string | null; sep: string } | null {
	const m = /^(\S+?)(?:([ T])(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(s);
	if (!m) return null;
	const t = m[3];
	if (!t) return { date: m[1]!, time: null, sep: '' };
	const tm = TIME_RE.exec(t);
	if (!tm || Number(tm[1]) > 23 || Number(tm[2]) > 59) return null;
	return { date: m[1]!, time: tm[3] === undefined ? '%H:%M' : '%H:%M:%S', sep: m[2]! };
}

function validDay(y: number, mo: number, d: number): boolean {
	return y >= 1000 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

function shapeOf(raw: string): DateShape | null {
	const s = raw.trim().replace(ZONE_RE, '$1');
	const cn = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:(\s*)(\d{1,2}:\d{2}(?::\d{2})?))?$/.exec(s);
	if (cn) {
		if (!validDay(+cn[1]!, +cn[2]!, +cn[3]!)) return null;
		const t = cn[5];
		const sep = cn[4] ? ' ' : '';
		return {
			date: '%Y年%m月%d日',
			time: t ? sep + (t.split(':').length === 3 ? '%H:%M:%S' : '%H:%M') : null
		};
	}
	if (/^\d{8}$/.test(s)) {
		const y = +s.slice(0, 4);
		if (y < 1900 || y > 2100 || !validDay(y, +s.slice(4, 6), +s.slice(6, 8))) return null;
		return { date: '%Y%m%d', time: null };
	}
	const parts = splitTime(s);
	if (!parts) return null;
	const time = parts.time ? (parts.sep === 'T' ? 'T' : ' ') + parts.time : null;
	let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(parts.date);
	if (m) {
		if (!validDay(+m[1]!, +m[3]!, +m[4]!)) return null;
		return { date: `%Y${m[2]}%m${m[2]}%d`, time };
	}
	m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/.exec(parts.date);
	if (m) {
		const a = +m[1]!;
		const b = +m[3]!;
		const year = m[4]!.length === 4 ? '%Y' : '%y';
		if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) return null;
		if (m[2] === '.') {
			if (b > 12) return null;
			return { date: `%d.%m.${year}`, time };
		}
		return { date: `%m${m[2]}%d${m[2]}${year}`, dm: [a, b], time };
	}
	return null;
}

/**
 * Guess the date format of a column from sample values (blanks ignored). The format that fits
 * most samples wins if it fits at least half of them; null when nothing fits. Day/month order of
 * `a/b/yyyy` is decided by a value above 12; if none decides, the result is month-first with
 * `ambiguous: true` (the user must choose). Samples with a time give a format with the time part.
 */
export function sniffDateFormat(samples: string[]): DateFormat | null {
	const values = samples.map((s) => s.trim()).filter((s) => s !== '');
	if (values.length === 0) return null;
	if (values.every((v) => /^\d{5}(\.\d+)?$/.test(v) && +v >= 20000 && +v <= 80000)) {
		return { format: EXCEL_SERIAL };
	}
	const counts = new Map<
		string,
		{ n: number; time: string | null; dayFirst: number; monthFirst: number }
	>();
	for (const v of values) {
		const shape = shapeOf(v);
		if (!shape) continue;
		const c = counts.get(shape.date) ?? { n: 0, time: null, dayFirst: 0, monthFirst: 0 };
		c.n++;
		// Prefer the longest time part seen ('%H:%M:%S' over '%H:%M'); other lengths still parse.
		if (shape.time && (!c.time || shape.time.length > c.time.length)) c.time = shape.time;
		if (shape.dm) {
			if (shape.dm[0] > 12) c.dayFirst++;
			if (shape.dm[1] > 12) c.monthFirst++;
		}
		counts.set(shape.date, c);
	}
	let best:
		[string, { n: number; time: string | null; dayFirst: number; monthFirst: number }] | null =
		null;
	for (const e of counts) if (!best || e[1].n > best[1].n) best = e;
	if (!best || best[1].n * 2 < values.length) return null;
	const [date, c] = best;
	let format = date;
	let ambiguous = false;
	if (date.startsWith('%m')) {
		if (c.dayFirst > c.monthFirst) format = date.replace(/^%m(.)%d/, '%d$1%m');
		ambiguous = c.dayFirst === c.monthFirst || (c.dayFirst > 0 && c.monthFirst > 0);
	}
	format += c.time ?? '';
	return ambiguous ? { format, ambiguous } : { format };
}

/** Split a strptime format into its date part ('%Y/%m/%d %H:%M' → '%Y/%m/%d'). */
function datePart(format: string): string {
	const at = format.search(/[ T]?%H/);
	return at === -1 ? format : format.slice(0, at);
}

/**
 * Strptime for one cell. A failed strptime is slow in DuckDB (≈10 µs), so instead of trying
 * formats in turn, the time part is chosen from the cell's shape (number of ':' and the
 * separator) and exactly one constant format is tried.
 */
function strptimeExpr(c: Sql, format: string): Sql {
	if (/%[Ip]/.test(format)) return sql`try_strptime(${c}, ${format})`;
	const d = datePart(format);
	const colons = sql`length(${c}) - length(replace(${c}, ':', ''))`;
	const withTime = (sep: string): Sql =>
		sql`CASE WHEN ${colons} = 1 THEN try_strptime(${c}, ${`${d}${sep}%H:%M`}) ELSE try_strptime(${c}, ${`${d}${sep}%H:%M:%S`}) END`;
	return sql`CASE WHEN ${colons} = 0 THEN try_strptime(${c}, ${d})
		WHEN strpos(${c}, 'T') > 0 THEN ${withTime('T')}
		WHEN strpos(${c}, ' ') = 0 THEN ${withTime('')}
		ELSE ${withTime(' ')} END`;
}

/** Whether a format is parsed with DuckDB's ISO cast rather than strptime. */
function isIso(f: DateFormat): boolean {
	return f.format === 'iso' || f.format.startsWith(ISO_DATE);
}

/**
 * SQL expression: a VARCHAR cell parsed as TIMESTAMP (NULL when empty or not a date in format
 * `f`). ISO formats use DuckDB's cast (accepts `T`, seconds-less and fractional times); other
 * formats use strptime on the date part plus the time part the cell has (none, `H:M`, `H:M:S`);
 * Excel serials count days from 1899-12-30 (fractions are the time of day). A trailing zone is
 * dropped (wall-clock time kept).
 */
export function parseDateExpr(col: Sql, f: DateFormat): Sql {
	const cell = sql`trim(${col})`;
	if (f.format === EXCEL_SERIAL) {
		const n = sql`TRY_CAST(${cell} AS DOUBLE)`;
		return sql`CASE WHEN ${n} BETWEEN 1 AND 2958465 THEN CAST(DATE '1899-12-30' AS TIMESTAMP) + to_microseconds(CAST(round(${n} * 86400000000) AS BIGINT)) END`;
	}
	const parse = (c: Sql): Sql =>
		isIso(f) ? sql`TRY_CAST(${c} AS TIMESTAMP)` : strptimeExpr(c, f.format);
	// Trimming and zone stripping run only for cells the plain parse rejects (coalesce is lazy).
	const unzoned = sql`regexp_replace(${cell}, ${raw(literal(ZONE_SQL))}, ${GROUP1})`;
	const first = isIso(f) ? sql`coalesce(${parse(col)}, ${parse(cell)})` : parse(cell);
	return sql`coalesce(${first}, ${parse(unzoned)})`;
}

/** The format as shown to users in messages ('iso' → '%Y-%m-%d'). */
export function describeDateFormat(f: DateFormat): string {
	return f.format === 'iso'
		? ISO_DATE
		: f.format === EXCEL_SERIAL
			? 'Excel serial day number'
			: f.format;
}
