// CSV for spreadsheets (RFC 4180): CRLF line ends, quotes doubled, UTF-8 with a BOM so that Excel
// detects the encoding and shows Chinese text. Cells that a spreadsheet would run as a formula
// (= + - @, tab, CR at the start) are prefixed with a single quote (OWASP "CSV injection"); text
// that is a plain number such as "-12.5" is left alone, so negative values stay numbers.

export interface CsvColumn {
	key: string;
	label: string;
}

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The CSV text of `rows` (BOM first), one column per entry of `columns` in that order. */
export function toCsv(columns: CsvColumn[], rows: Record<string, unknown>[]): string {
	const lines = [columns.map((c) => escapeCell(neutralise(c.label))).join(',')];
	for (const row of rows) {
		lines.push(columns.map((c) => escapeCell(cellText(row[c.key]))).join(','));
	}
	return BOM + lines.join('\r\n') + '\r\n';
}

/** A Blob for download; the text already carries the BOM, Blob encodes it as UTF-8. */
export function csvBlob(text: string): Blob {
	return new Blob([text], { type: 'text/csv;charset=utf-8' });
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : '';
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	if (typeof value === 'string') return neutralise(value);
	return neutralise(JSON.stringify(value) ?? '');
}

/** '.' decimal, no grouping; JS uses an exponent only below 1e-6 and from 1e21, which spreadsheets read. */
function numberText(n: number): string {
	return Object.is(n, -0) ? '0' : String(n);
}

function neutralise(text: string): string {
	if (!FORMULA_START.test(text)) return text;
	if (PLAIN_NUMBER.test(text)) return text;
	return `'${text}`;
}

function escapeCell(text: string): string {
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
