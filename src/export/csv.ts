// CSV for spreadsheets (RFC 4180): CRLF line ends, quotes doubled, UTF-8 with a BOM so that Excel
// detects the encoding and shows Chinese text.
//
// Formula injection (OWASP "CSV injection"). A spreadsheet runs a field as a formula when it
// starts with = + - @ (some also take the full-width ＝＋－＠ of East Asian input, and tab or CR
// first, or leading spaces, when they trim). The same bytes are split differently by locale:
// Excel opens a .csv with the system's list separator, which is ';' in most of Europe, and
// treats '"' as a qualifier only at the very start of a field. Our ',' file opened there is cut
// at every ';' inside a quoted cell, the quotes become literal text, and a line break inside a
// quoted cell ends the record: `x;=1+1` (any cell but the first of a line) yields a field
// `=1+1`. Quoting cannot prevent that, so every piece a cell could be split into — the cell
// itself and the text after each , ; tab | CR or LF in it — gets a leading apostrophe when it
// would start a formula. The apostrophe is OWASP's advice: a field starting with it is read as
// text, and it stays first under every split and quote reading (a space or tab would be trimmed).
// Cells holding one of those separators, a quote or a line break are quoted, so that a reader
// using our ',' keeps the cell whole. Numbers stay numbers: a cell that is one plain number as a
// whole (-12.5, +7, -1e3) is left alone, and so is a piece that is one ("1;-2"). What remains is
// a number followed by a separator, e.g. the row `-5,x` read on ';' as the field `-5,x`: that is
// no formula a spreadsheet can run, and avoiding it would turn every negative number into text.

export interface CsvColumn {
	key: string;
	label: string;
	/** 'money': numbers written to the cent (536.18). Other kinds only lose binary noise. */
	kind?: string;
}

const BOM = '\uFEFF';
/** Where a spreadsheet in some locale may start a new field or record. */
const PIECE_BREAK = /([,;\t|\r\n])/;
/** A formula trigger after any spaces or quotes that a reader may trim or unquote first. */
const FORMULA_START = /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",;\t|\r\n]/;

/** The CSV text of `rows` (BOM first), one column per entry of `columns` in that order. */
export function toCsv(columns: CsvColumn[], rows: Record<string, unknown>[]): string {
	const lines = [columns.map((c) => escapeCell(neutralise(c.label))).join(',')];
	for (const row of rows) {
		lines.push(columns.map((c) => escapeCell(cellText(row[c.key], c.kind))).join(','));
	}
	return BOM + lines.join('\r\n') + '\r\n';
}

/** A Blob for download; the text already carries the BOM, Blob encodes it as UTF-8. */
export function csvBlob(text: string): Blob {
	return new Blob([text], { type: 'text/csv;charset=utf-8' });
}

function cellText(value: unknown, kind?: string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? numberText(value, kind) : '';
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	if (typeof value === 'string') return neutralise(value);
	return neutralise(JSON.stringify(value) ?? '');
}

/**
 * '.' decimal, no grouping; JS uses an exponent only below 1e-6 and from 1e21, which spreadsheets
 * read. Sums of doubles carry binary noise in their last digits (536.18 summed from prices is
 * 536.1800000000001): a fraction is written with at most 15 significant digits, all a double
 * holds for certain (and all a spreadsheet shows), and money to the cent, halves away from zero.
 * Integers are written whole, however long.
 */
function numberText(n: number, kind?: string): string {
	let v = n;
	if (!Number.isInteger(v)) v = Number(v.toPrecision(15));
	if (kind === 'money' && !Number.isInteger(v)) {
		// Cents from the 15-digit value, so 1.005 (stored as 1.00499999…) rounds to 1.01.
		const cents = Number((Math.abs(v) * 100).toPrecision(15));
		v = (Math.sign(v) * Math.round(cents)) / 100;
	}
	return Object.is(v, -0) ? '0' : String(v);
}

/** The text with an apostrophe before each piece that a spreadsheet could run as a formula. */
function neutralise(text: string): string {
	// split() with a capturing group: even indices are pieces, odd ones the breaks between them.
	const parts = text.split(PIECE_BREAK);
	for (let i = 2; i < parts.length; i += 2) {
		const piece = parts[i] ?? '';
		if (startsFormula(piece)) parts[i] = `'${piece}`;
	}
	// The first piece starts the cell, which a reader of our own format gets whole: it stays
	// unmarked only if the whole cell is a number. A tab or CR first is a trigger of its own.
	const mark = /^[\t\r]/.test(text) || startsFormula(text) ? "'" : '';
	return mark + parts.join('');
}

function startsFormula(text: string): boolean {
	return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text.trim());
}

function escapeCell(text: string): string {
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
