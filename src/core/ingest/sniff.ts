/**
 * Dialect sniffing on the decoded start of a file (pure; PapaParse does the parsing).
 *
 * Delimiter: an Excel `sep=;` first line says it (and is skipped). Otherwise, of comma,
 * semicolon, tab and pipe, the one that splits the sampled records (header included) most
 * consistently into two or more fields; ties go to that order. Runs of spaces or tabs
 * (fixed-width or space-separated text, e.g. CDNOW's ` 00001 19970101  1   11.77`) win only
 * when they split more consistently than any of those, and the text looks laid out in columns
 * (see whitespaceFits).
 * Preamble: title or "exported on …" lines above the header — at most MAX_PREAMBLE lines with at
 * most half as many fields as the table's records — are skipped and listed.
 * Header: see header.ts.
 */
import Papa from 'papaparse';
import { detectHeader, modeOf } from './header';
import type { SkippedLine } from './types';

export { looksLikeValue } from './header';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** Dialect.delimiter of a file whose fields are separated by runs of spaces or tabs. */
export const WHITESPACE = ' ';
/** Most lines above the header taken for a title or preamble. */
export const MAX_PREAMBLE = 10;

export interface Dialect {
	/** The file's delimiter: one character, or WHITESPACE (runs of spaces or tabs). */
	delimiter: string;
	/** The delimiter DuckDB reads: a whitespace file is rewritten with one tab between fields. */
	readDelimiter: string;
	hasHeader: boolean;
	/** Cells of the header record (untrimmed), or null for a headerless file. */
	header: string[] | null;
	/** Number of columns to read: the header's, or the most common record width if wider. */
	fieldCount: number;
	/** Lines before the header (or the first record) that the reader skips: blank, sep=, title. */
	skip: number;
	/** The non-blank ones among them. */
	skipped: SkippedLine[];
}

/** Fields of one line separated by runs of spaces or tabs (trimmed; quotes open at a field). */
export function splitWhitespace(line: string): string[] {
	const fields: string[] = [];
	const re = /"((?:[^"]|"")*)"(?=[ \t]|$)|[^ \t]+/gy;
	let at = 0;
	while (at < line.length) {
		while (line[at] === ' ' || line[at] === '\t') at++;
		if (at >= line.length) break;
		re.lastIndex = at;
		const m = re.exec(line);
		// An unclosed or inner quote: the rest of the token is a plain value.
		if (!m) {
			const end = line.slice(at).search(/[ \t]/);
			fields.push(end === -1 ? line.slice(at) : line.slice(at, at + end));
			at = end === -1 ? line.length : at + end;
			continue;
		}
		fields.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0]);
		at = re.lastIndex;
	}
	return fields;
}

/** Parse records from a sample; drops the last record of an incomplete prefix. */
export function sampleRecords(text: string, delimiter: string, complete: boolean): string[][] {
	let rows: string[][];
	if (delimiter === WHITESPACE) {
		rows = text
			.split(/\r\n|\r|\n/)
			.map(splitWhitespace)
			.filter((r) => r.length > 0);
		if (!complete && rows.length > 1) rows.pop();
		return rows;
	}
	const parsed = Papa.parse<string[]>(text, {
		delimiter,
		quoteChar: '"',
		escapeChar: '"',
		skipEmptyLines: true
	});
	rows = parsed.data;
	if (!complete && rows.length > 1) rows.pop();
	return rows;
}

/**
 * Runs of spaces are a delimiter only for text laid out in columns: every sampled line splits
 * into the same number of fields, or most lines have a run of two or more spaces, a tab, a
 * leading space (alignment) or quoted fields side by side (`"C1" "New York"`, as R writes them).
 * A one-column list of two-word names is neither.
 */
function whitespaceFits(text: string, rows: readonly string[][]): boolean {
	const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
	const aligned = lines.filter((l) => /^[ \t]| {2}|\t|"[ \t]+"/.test(l)).length;
	return rows.every((r) => r.length === rows[0]!.length) || aligned * 2 > lines.length;
}

/** Choose the delimiter for a decoded sample (see module comment). */
export function sniffDelimiter(text: string, complete: boolean): string {
	let best: { delimiter: string; consistency: number } | null = null;
	for (const delimiter of [...DELIMITERS, WHITESPACE]) {
		const rows = sampleRecords(text, delimiter, complete);
		if (rows.length === 0) continue;
		const mode = modeOf(rows.map((r) => r.length));
		if (mode.value < 2) continue;
		const consistency = mode.count / rows.length;
		if (best && consistency <= best.consistency) continue;
		if (delimiter === WHITESPACE && !whitespaceFits(text, rows)) continue;
		best = { delimiter, consistency };
	}
	return best?.delimiter ?? ',';
}

/** Start offsets of the physical lines of `text` (line ends: LF, CR LF, CR). */
function lineStarts(text: string): number[] {
	const starts = [0];
	const re = /\r\n|\r|\n/g;
	for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
	return starts;
}

/** Excel's first-line delimiter directive: `sep=;` (also quoted, as some tools write it). */
const SEP_LINE = /^"?sep=([\t !#-/:-@[-`{-~])"?[ \t]*$/i;

/**
 * Sniff the dialect — delimiter, skipped lines, header and width — from the decoded start of a
 * file.
 * @param text     decoded text (BOM removed)
 * @param complete true when `text` is the whole file
 */
export function sniffDialect(text: string, complete: boolean): Dialect {
	const starts = lineStarts(text);
	// Only lines that end inside the sample count (the last one may be cut).
	const lineCount = complete ? starts.length : starts.length - 1;
	const lineAt = (i: number) => text.slice(starts[i], starts[i + 1] ?? text.length);
	const line = (i: number) => lineAt(i).replace(/[\r\n]+$/, '');
	const skipped: SkippedLine[] = [];
	let at = 0;
	while (at < lineCount && line(at) === '') at++;
	const directive = at < lineCount ? SEP_LINE.exec(line(at)) : null;
	if (directive) {
		skipped.push({ line: at + 1, text: line(at) });
		at++;
	}
	const rest = (from: number) => text.slice(starts[from] ?? text.length);
	const delimiter = directive ? directive[1]! : sniffDelimiter(rest(at), complete);
	// Title lines: narrow lines (a record's width at most half the table's) above the table.
	const width = modeOf(sampleRecords(rest(at), delimiter, complete).map((r) => r.length)).value;
	const title: number[] = [];
	let top = at;
	while (width >= 2 && top < lineCount && top - at < MAX_PREAMBLE) {
		const text = line(top);
		if (text.trim() !== '') {
			const fields = sampleRecords(text, delimiter, true)[0]?.length ?? 0;
			if (fields * 2 > width) break;
			title.push(top);
		}
		top++;
	}
	if (title.length > 0 && top < lineCount && top - at < MAX_PREAMBLE) {
		for (const i of title) skipped.push({ line: i + 1, text: line(i) });
		at = top;
	}
	while (at < lineCount && line(at) === '') at++;
	const rows = sampleRecords(rest(at), delimiter, complete);
	const { hasHeader, fieldCount } = detectHeader(rows);
	return {
		delimiter,
		readDelimiter: delimiter === WHITESPACE ? '\t' : delimiter,
		hasHeader,
		header: hasHeader ? (rows[0] ?? []) : null,
		fieldCount,
		skip: at,
		skipped
	};
}
