/**
 * Why a record or a cell was set aside, as data: a code and the fields its message needs. Made
 * where the problem is found (db/load-csv for records the CSV reader refused, the canonical
 * build's checks for cells that could not be typed) and carried as is to the page and the
 * downloads; core/rejects.ts words it, in the page's language, only when it is shown.
 */

/** Problems of a record the CSV reader refused (LoadReport.rejects). */
export type CsvRejectReason =
	| { code: 'too-few-fields'; expected: number; found: number }
	/** DuckDB stops reading a record at its first extra field, so how many it has is not known. */
	| { code: 'too-many-fields'; expected: number }
	| { code: 'quote' }
	| { code: 'encoding' }
	/** `bytes`: the line's length; `max`: the most the reader accepts (null: not known). */
	| { code: 'line-too-long'; bytes: number | null; max: number | null }
	/** A reader error we do not classify: DuckDB's error type and message, shown as they are. */
	| { code: 'engine'; type: string; message: string };

/**
 * Codes of cells the canonical build sets aside (tx_rejects.code; core/canonical-checks.ts). An
 * empty cell is a 'bad-date' or 'bad-number' whose value is null.
 */
export const TYPING_CODES = [
	'bad-date',
	'date-range',
	'bad-number',
	'number-format',
	'too-large'
] as const;
export type TypingCode = (typeof TYPING_CODES)[number];

/** Problems of a cell the canonical build could not type, with what the message needs. */
export type TypingRejectReason =
	/** Not a date in the mapping's format (`format`: DuckDB strptime / 'iso' / 'excel-serial'). */
	| { code: 'bad-date'; format: string; example: string }
	| { code: 'date-range'; from: string; to: string }
	| { code: 'bad-number' }
	/** A number in the other decimal format; `example`: a number in the file's. */
	| { code: 'number-format'; example: string }
	| { code: 'too-large'; limit: number };

export type RejectReason = CsvRejectReason | TypingRejectReason;

/**
 * The `reason` column of the rejected-rows download: a short English description of a reader
 * reject, the same in every page language (the `message` column beside it is translated). Its
 * wording predates the codes and is kept so that downloads stay comparable.
 */
export function csvRejectReasonText(r: CsvRejectReason): string {
	switch (r.code) {
		case 'too-few-fields':
			return `too few fields: expected ${r.expected}, found ${r.found}`;
		case 'too-many-fields':
			return `too many fields: expected ${r.expected}, found more`;
		case 'quote':
			return 'unterminated or misplaced quote';
		case 'encoding':
			return 'invalid characters for the file encoding';
		case 'line-too-long':
			return r.bytes !== null && r.max !== null
				? `line too long: ${r.bytes} bytes, at most ${r.max}`
				: 'line too long';
		case 'engine':
			return `${r.type.toLowerCase()}: ${r.message}`;
	}
}
