// How a spreadsheet cuts the bytes of a CSV file into fields, for any list separator: the tests
// read our exports as Excel does in a ',' locale, in the ';' locales of most of Europe, and with
// tab or '|' (a text import), to prove that no field a reader gets starts a formula.

export type QuoteReading = 'excel' | 'none';

/**
 * Records of fields from `text` (a leading BOM dropped) split at `sep`.
 * - 'excel': a '"' opens a quoted section only as the first character of a field (elsewhere it
 *   is text); inside, '""' is one quote and a lone '"' closes the section; whatever follows up
 *   to the next separator is appended as is (Excel's leniency). CR, LF or CRLF outside a quoted
 *   section end the record.
 * - 'none': quotes are ordinary text (a text import with the qualifier set to {none}).
 */
export function splitAs(text: string, sep: string, quotes: QuoteReading): string[][] {
	const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
	const records: string[][] = [];
	let fields: string[] = [];
	let field = '';
	let i = 0;
	let atFieldStart = true;
	const endField = () => {
		fields.push(field);
		field = '';
		atFieldStart = true;
	};
	while (i < src.length) {
		const c = src[i]!;
		if (atFieldStart && quotes === 'excel' && c === '"') {
			i++;
			while (i < src.length) {
				if (src[i] === '"') {
					if (src[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				field += src[i];
				i++;
			}
			atFieldStart = false;
			continue;
		}
		atFieldStart = false;
		if (c === sep) {
			endField();
			i++;
		} else if (c === '\r' || c === '\n') {
			endField();
			records.push(fields);
			fields = [];
			i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
		} else {
			field += c;
			i++;
		}
	}
	if (field !== '' || fields.length > 0) {
		endField();
		records.push(fields);
	}
	return records;
}

const TRIGGER = /^[\s"]*[=+\-@＝＋－＠]/;
/**
 * A signed number ending the field or followed by a break where some other reader splits. The
 * break part matters: read on ';', the row `-5,x` is one field `-5,x`; only writing every
 * negative number as text would avoid that, and the number ends where a formula would need an
 * operand, so no reader can run it.
 */
const NUMBER_FIRST = /^[\s"]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[\s"]*(?:[,;\t|\r\n]|$)/;

/**
 * Fields a spreadsheet could run as a formula: one that starts (after spaces, tabs and quotes a
 * reader may trim) with = + - @ or their full-width forms and does not start with a number that
 * ends at a break (see NUMBER_FIRST).
 */
export function formulaFields(records: string[][]): string[] {
	return records.flat().filter((f) => TRIGGER.test(f) && !NUMBER_FIRST.test(f));
}
