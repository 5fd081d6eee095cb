/**
 * Delimiter and header sniffing on the decoded start of a file (pure; PapaParse does the parsing).
 *
 * Delimiter: of comma, semicolon, tab and pipe, the one that splits the sampled records
 * (header included) most consistently into two or more fields; ties go to that order.
 * Header: the first record is data, not a header, when every non-empty cell looks like a
 * number or a date (headers are names, e.g. `order_date`, never `2024-01-05`).
 */
import Papa from 'papaparse';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface Dialect {
	delimiter: string;
	hasHeader: boolean;
	/** Cells of the header record (untrimmed), or null for a headerless file. */
	header: string[] | null;
	/** Number of columns to read: the header's, or the most common record width if wider. */
	fieldCount: number;
}

/** Parse records from a sample; drops the last record of an incomplete prefix. */
export function sampleRecords(text: string, delimiter: string, complete: boolean): string[][] {
	const parsed = Papa.parse<string[]>(text, {
		delimiter,
		quoteChar: '"',
		escapeChar: '"',
		skipEmptyLines: true
	});
	const rows = parsed.data;
	if (!complete && rows.length > 1) rows.pop();
	return rows;
}

function modeOf(values: readonly number[]): { value: number; count: number } {
	const counts = new Map<number, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	let best = { value: 1, count: 0 };
	for (const [value, count] of counts) {
		if (count > best.count || (count === best.count && value > best.value)) best = { value, count };
	}
	return best;
}

const NUMBER_LIKE = /^[-+(]?[¥$€£￥]?\s?[-+]?\d[\d.,' ]*\)?\s?[¥$€£￥%]?$/;
const DATE_LIKE =
	/^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?)?$/;

/** True for cells that look like a value (number, date, timestamp), not like a column name. */
export function looksLikeValue(cell: string): boolean {
	const v = cell.trim();
	return NUMBER_LIKE.test(v) || DATE_LIKE.test(v);
}

/** Choose the delimiter for a decoded sample (see module comment). */
export function sniffDelimiter(text: string, complete: boolean): string {
	let best: { delimiter: string; consistency: number; width: number } | null = null;
	for (const delimiter of DELIMITERS) {
		const rows = sampleRecords(text, delimiter, complete);
		if (rows.length === 0) continue;
		const mode = modeOf(rows.map((r) => r.length));
		if (mode.value < 2) continue;
		const consistency = mode.count / rows.length;
		if (!best || consistency > best.consistency) {
			best = { delimiter, consistency, width: mode.value };
		}
	}
	return best?.delimiter ?? ',';
}

/**
 * Sniff delimiter, header and width from the decoded start of a file.
 * @param text     decoded text (BOM removed)
 * @param complete true when `text` is the whole file
 */
export function sniffDialect(text: string, complete: boolean): Dialect {
	const delimiter = sniffDelimiter(text, complete);
	const rows = sampleRecords(text, delimiter, complete);
	const first = rows[0] ?? [];
	const nonEmpty = first.filter((c) => c.trim() !== '');
	const hasHeader = !(nonEmpty.length > 0 && nonEmpty.every(looksLikeValue));
	const body = hasHeader ? rows.slice(1) : rows;
	const dataWidth = body.length > 0 ? modeOf(body.map((r) => r.length)).value : 0;
	const fieldCount = Math.max(hasHeader ? first.length : 0, dataWidth, 1);
	return { delimiter, hasHeader, header: hasHeader ? first : null, fieldCount };
}
