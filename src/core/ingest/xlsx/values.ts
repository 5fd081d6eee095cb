/**
 * Excel cell values as CSV text (pure): numbers as plain decimals, serial dates as ISO dates,
 * fields quoted as RFC 4180 asks. The CSV loader then reads the sheet like any CSV file, so the
 * profile, mapping and rejects downstream see what Excel showed, in the forms they already read.
 */

/** How a number-format shows its value: a date, a date and time, a time of day, or a number. */
export type DateKind = 'date' | 'datetime' | 'time';

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * An Excel serial date as `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` or (time of day) `HH:MM:SS`; null
 * for a value that is no date (negative, not finite, past year 9999). The 1900 system counts
 * 1 = 1900-01-01 and has Lotus's 29 February 1900 (serial 60, kept as written); 1904 counts days
 * from 1904-01-01. Times are rounded to the second, as Excel shows them.
 */
export function excelSerialToIso(serial: number, kind: DateKind, date1904 = false): string | null {
	if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
	let days = Math.floor(serial);
	let seconds = Math.round((serial - days) * 86_400);
	if (seconds === 86_400) {
		days++;
		seconds = 0;
	}
	const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
	if (kind === 'time' && days === 0) return time;
	let date: string;
	if (!date1904 && days === 60) date = '1900-02-29';
	else {
		const epoch = date1904
			? Date.UTC(1904, 0, 1)
			: days > 60
				? Date.UTC(1899, 11, 30)
				: Date.UTC(1899, 11, 31);
		date = new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
	}
	return kind === 'date' ? date : `${date} ${time}`;
}

/**
 * A number as Excel stores it (`10.5`, `1.0000000000000001E-3`, `45296`) as a plain decimal with
 * at most 15 significant digits — Excel's own precision, so `0.30000000000000004` is `0.3` as
 * the person saw it — without exponent or thousands separators. Text that is no number is kept.
 */
export function plainNumber(v: string): string {
	const t = v.trim();
	if (/^-?\d+(\.\d+)?$/.test(t) && t.replace(/^-?0*|\./g, '').length <= 15) {
		return t === '-0' ? '0' : t;
	}
	const n = Number(t);
	if (t === '' || !Number.isFinite(n)) return v;
	if (n === 0) return '0';
	const [mantissa, exp] = n.toPrecision(15).split('e') as [string, string | undefined];
	return trimZeros(shiftPoint(mantissa, Number(exp ?? 0)));
}

/** `digits` (e.g. "-1.50000") with its decimal point moved `by` places (exponent notation). */
function shiftPoint(digits: string, by: number): string {
	const negative = digits.startsWith('-');
	const [int, frac = ''] = digits.replace('-', '').split('.') as [string, string?];
	const all = int + frac;
	const point = int.length + by;
	let body: string;
	if (point <= 0) body = '0.' + '0'.repeat(-point) + all;
	else if (point >= all.length) body = all + '0'.repeat(point - all.length);
	else body = all.slice(0, point) + '.' + all.slice(point);
	body = body.replace(/^0+(?=\d)/, '');
	return (negative ? '-' : '') + body;
}

function trimZeros(s: string): string {
	return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/**
 * An ISO 8601 date cell (`t="d"`, written by some tools instead of a serial) as
 * `YYYY-MM-DD[ HH:MM:SS]`: the T becomes a space, fractions of seconds and zones are dropped.
 */
export function isoCellDate(v: string, kind: DateKind | null): string {
	const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?))?/.exec(v.trim());
	if (!m) return v;
	const time = m[2] ? (m[2].length === 5 ? `${m[2]}:00` : m[2]) : null;
	if (kind === 'time' && time) return time;
	return time && (kind !== 'date' || time !== '00:00:00') ? `${m[1]} ${time}` : m[1]!;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled.
 * Line breaks inside a cell (Alt+Enter) become spaces, so each sheet row stays one line and the
 * CSV's line numbers are the sheet's row numbers.
 */
export function csvField(text: string): string {
	const flat = /[\r\n]/.test(text) ? text.replace(/\r\n|\r|\n/g, ' ') : text;
	return /[",]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

/** 0-based column of a cell reference's letters (`A1` → 0, `AB7` → 27); -1 without letters. */
export function columnIndex(ref: string): number {
	let n = 0;
	let i = 0;
	for (; i < ref.length; i++) {
		const c = ref.charCodeAt(i);
		if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
		else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
		else break;
	}
	return i === 0 ? -1 : n - 1;
}
