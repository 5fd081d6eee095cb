/**
 * Whether a date format or decimal mark chosen earlier (a remembered mapping, a shared notebook's
 * mapping) still fits a new file's sampled values. A format that fits fewer sample values than
 * the one sniffed from the file itself is not applied silently: the caller uses the sniffed one
 * and says so (issue 13: a remembered dd/mm/yyyy set aside every ISO-dated row of the next file
 * with the same header; a link's decimal comma read `100.50` as 10050).
 *
 * Dates are checked with a mirror of parseDateExpr (formats.ts): DuckDB's ISO cast for ISO
 * formats, strptime on the date part plus the time part the cell has otherwise, a trailing zone
 * dropped. Numbers are checked by their grouping: with a decimal comma, a `.` is a thousands
 * separator and must be followed by exactly three digits; with a decimal point, likewise `,`.
 * `1.234` and `1,234` fit both marks; `100.50` and `1,234.56` fit only the point, `12,5` only the
 * comma. (The SQL parser reads every value either way, just differently: a misfit is a misread.)
 */
import { EXCEL_SERIAL, ISO_DATE, sniffDateFormat } from './formats';
import type { DateFormat, NumberFormat } from './types';

/** How a chosen format fares on sample values, and what the file itself suggests. */
export interface FormatCheck<F> {
	/** False when the suggestion reads more of the samples than the chosen format. */
	fits: boolean;
	/** Non-blank sample values the chosen format does not read (or misreads). */
	failed: number;
	/** Non-blank sample values. */
	total: number;
	/** The format to use instead when it does not fit (sniffed from the samples). */
	suggested: F | null;
}

/** A chosen format that does not fit a file, for a one-line note ("… does not fit; using …"). */
export interface FormatMisfit {
	kind: 'date' | 'decimal';
	/** The chosen format: a strptime format, or the decimal mark ('.' or ','). */
	saved: string;
	/** The format used instead. */
	used: string;
	failed: number;
	total: number;
}

const ZONE_RE = /(\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(?:Z|UTC|GMT|[+-]\d\d(?::?\d\d)?)$/i;
const ISO_RE =
	/^(\d+)([-/ \\])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?$/;
const TIME_RE = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/;

function daysIn(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDate(y: number, m: number, d: number): boolean {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

function validTime(h: string | undefined, m: string | undefined, s: string | undefined): boolean {
	return (
		(h === undefined || +h <= 23) && (m === undefined || +m <= 59) && (s === undefined || +s <= 59)
	);
}

/** A strptime date part as a RegExp with the position of year, month and day (null: not handled). */
function compileDatePart(format: string): { re: RegExp; y: number; m: number; d: number } | null {
	let pattern = '';
	const at = { y: 0, m: 0, d: 0 };
	let group = 0;
	for (let i = 0; i < format.length; i++) {
		const ch = format[i]!;
		if (ch !== '%') {
			pattern += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
			continue;
		}
		const directive = format[++i];
		if (directive === 'Y') pattern += '(\\d{4})';
		else if (directive === 'y') pattern += '(\\d{2})';
		else if (directive === 'm' || directive === 'd') pattern += '(\\d{1,2})';
		else return null;
		group++;
		at[directive === 'Y' || directive === 'y' ? 'y' : directive] = group;
	}
	if (!at.y || !at.m || !at.d) return null;
	return { re: new RegExp(`^${pattern}$`), ...at };
}

function readsStrptime(cell: string, format: string): boolean | null {
	const timeAt = format.search(/[ T]?%H/);
	const part = compileDatePart(timeAt === -1 ? format : format.slice(0, timeAt));
	if (!part) return null;
	// The time part is chosen from the cell's shape, as strptimeExpr does.
	let date = cell;
	let time: string | null = null;
	if (cell.includes(':')) {
		const m = /^(.*?)(?:T| |)(\d{1,2}:\d{1,2}(?::\d{1,2})?)$/.exec(cell);
		if (!m) return false;
		date = m[1]!;
		time = m[2]!;
	}
	const dm = part.re.exec(date);
	if (!dm) return false;
	if (time !== null) {
		const t = TIME_RE.exec(time);
		if (!t || !validTime(t[1], t[2], t[3])) return false;
	}
	return validDate(+dm[part.y]!, +dm[part.m]!, +dm[part.d]!);
}

function readsIso(cell: string): boolean {
	const m = ISO_RE.exec(cell);
	return !!m && validDate(+m[1]!, +m[3]!, +m[4]!) && validTime(m[5], m[6], m[7]);
}

/**
 * Whether DuckDB reads `value` as a date in format `f` (as parseDateExpr does). Null for formats
 * this check does not model (12-hour clocks, week numbers…): they are neither fit nor misfit.
 */
export function readsAsDate(value: string, f: DateFormat): boolean | null {
	const cell = value.trim();
	if (f.format === EXCEL_SERIAL) {
		return /^\d+(\.\d+)?$/.test(cell) && +cell >= 1 && +cell <= 2958465;
	}
	const iso = f.format === 'iso' || f.format.startsWith(ISO_DATE);
	const read = (c: string) => (iso ? readsIso(c) : readsStrptime(c, f.format));
	const first = read(cell);
	if (first !== false) return first;
	const unzoned = cell.replace(ZONE_RE, '$1');
	return unzoned === cell ? false : read(unzoned);
}

function failures(values: string[], reads: (v: string) => boolean | null): number {
	return values.filter((v) => reads(v) === false).length;
}

/**
 * Check a chosen date format against a column's sample values (blanks ignored). It does not fit
 * when the format sniffed from the samples reads more of them; `suggested` is then that format.
 */
export function checkDateFormat(chosen: DateFormat, samples: string[]): FormatCheck<DateFormat> {
	const values = samples.filter((s) => s.trim() !== '');
	const failed = failures(values, (v) => readsAsDate(v, chosen));
	const sniffed = sniffDateFormat(values);
	const better =
		sniffed !== null &&
		sniffed.format !== chosen.format &&
		failures(values, (v) => readsAsDate(v, sniffed)) < failed;
	return { fits: !better, failed, total: values.length, suggested: better ? sniffed : null };
}

/** Digits, decimal marks and separators of a value (currency, signs and spaces dropped). */
function skeleton(value: string): string {
	return value.replace(/[eE][+-]?\d+\s*$/, '').replace(/[^\d.,]/g, '');
}

/**
 * Whether a value's separators make sense with decimal mark `decimal`: at most one decimal mark,
 * after any thousands groups of exactly three digits. Values without digits read with neither.
 */
export function groupingFits(value: string, decimal: '.' | ','): boolean {
	const s = skeleton(value);
	if (!/\d/.test(s)) return false;
	const re =
		decimal === '.'
			? /^(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?$/
			: /^(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d*)?$/;
	return re.test(s);
}

/**
 * Check a chosen decimal mark against an amount column's sample values (blanks ignored). It does
 * not fit when the other mark makes sense of more values (`100.50` with a decimal comma).
 */
export function checkDecimalMark(
	chosen: NumberFormat,
	samples: string[]
): FormatCheck<NumberFormat> {
	const values = samples.filter((s) => s.trim() !== '');
	const other = chosen.decimal === '.' ? ',' : '.';
	const failed = failures(values, (v) => groupingFits(v, chosen.decimal));
	const better = failures(values, (v) => groupingFits(v, other)) < failed;
	return {
		fits: !better,
		failed,
		total: values.length,
		suggested: better ? { decimal: other } : null
	};
}

/**
 * The formats to use for a file, given formats chosen earlier: each kept where it fits the
 * samples, replaced by the file's own where it does not (listed in `misfits` for the note).
 */
export function fitFormats(
	chosen: { dateFormat: DateFormat; numberFormat: NumberFormat },
	samples: { date: string[]; amount: string[] }
): { dateFormat: DateFormat; numberFormat: NumberFormat; misfits: FormatMisfit[] } {
	const misfits: FormatMisfit[] = [];
	const date = checkDateFormat(chosen.dateFormat, samples.date);
	const number = checkDecimalMark(chosen.numberFormat, samples.amount);
	if (date.suggested) {
		misfits.push({
			kind: 'date',
			saved: chosen.dateFormat.format,
			used: date.suggested.format,
			failed: date.failed,
			total: date.total
		});
	}
	if (number.suggested) {
		misfits.push({
			kind: 'decimal',
			saved: chosen.numberFormat.decimal,
			used: number.suggested.decimal,
			failed: number.failed,
			total: number.total
		});
	}
	return {
		dateFormat: date.suggested ?? chosen.dateFormat,
		numberFormat: number.suggested ?? chosen.numberFormat,
		misfits
	};
}

/** A strptime format as people write it: '%d/%m/%Y %H:%M' → 'dd/mm/yyyy hh:mm'. */
export function readableDateFormat(format: string): string {
	if (format === 'iso') return 'yyyy-mm-dd';
	if (format === EXCEL_SERIAL) return format;
	const words: Record<string, string> = {
		Y: 'yyyy',
		y: 'yy',
		m: 'mm',
		d: 'dd',
		H: 'hh',
		M: 'mm',
		S: 'ss'
	};
	return format.replace(/%(.)/g, (all, d: string) => words[d] ?? all);
}
