import { sql, type Sql } from './sql';
import { ORDER_DATES, VALUE_LIMIT } from './canonical-checks';

/** Lines of the orders file whose values could not be typed (tx_rejects), in file order. */
export function buildTypingRejectsQuery(limit = 100_000): Sql {
	return sql`SELECT
	CAST(__row AS BIGINT) AS row,
	column_name,
	value,
	reason
FROM tx_rejects
ORDER BY __row, column_name
LIMIT ${limit}`;
}

export interface TypingReject {
	row: number;
	column_name: string;
	value: string | null;
	reason: string;
}

/**
 * What a rejected line lacked, for a message naming file, line (or data row), column, what was
 * expected and what was found (issue 5, guarantee 1). Built from the reasons the loader and
 * canonical.ts write, so the messages can be translated; `other` keeps a reason we do not know.
 */
export type RejectProblem =
	| { kind: 'date'; format: string; example: string }
	| { kind: 'dateRange'; from: string; to: string }
	| { kind: 'number' }
	| { kind: 'numberFormat'; example: string }
	| { kind: 'tooLarge'; limit: number }
	| { kind: 'fields'; expected: number; found: number | null }
	| { kind: 'quote' }
	| { kind: 'encoding' }
	/** `bytes`: the line's length; `max`: the most the reader accepts (both known for our own). */
	| { kind: 'tooLong'; bytes?: number; max?: number }
	| { kind: 'other'; text: string };

export interface RejectMessage {
	file: string;
	/** Line of the file (as an editor counts), when known. */
	line: number | null;
	/** Last line of a record that spans several lines (read as one by a quote), else null. */
	lastLine?: number | null;
	/** Data row (1 = the first record after the header), when the line is not known. */
	row: number | null;
	column: string | null;
	problem: RejectProblem;
	/** The cell as found (null: empty, or not about one cell). */
	got: string | null;
	/** The cell was empty. */
	empty: boolean;
}

/** A date in `format` (DuckDB strptime / 'iso' / 'excel-serial'), for "expected a date like …". */
export function dateExample(format: string): string {
	if (format === 'iso') return '2024-01-05';
	if (format === 'excel-serial') return '45296';
	const parts: Record<string, string> = {
		Y: '2024',
		y: '24',
		m: '01',
		'-m': '1',
		d: '05',
		'-d': '5',
		H: '14',
		'-H': '14',
		I: '02',
		'-I': '2',
		M: '30',
		'-M': '30',
		S: '00',
		'-S': '0',
		p: 'PM',
		b: 'Jan',
		B: 'January',
		a: 'Fri',
		A: 'Friday',
		f: '000000',
		z: '+0800',
		Z: 'UTC',
		'%': '%'
	};
	return format.replace(/%(-?[A-Za-z%])/g, (all, k: string) => parts[k] ?? all);
}

/** A typing reject (tx_rejects) of `file` as a message; `dateFormat` is the mapping's. */
export function typingRejectMessage(
	file: string,
	r: TypingReject,
	dateFormat: string
): RejectMessage {
	const empty = r.value === null || /: empty$/.test(r.reason);
	const isDate = /is not a date|^order_date:/.test(r.reason);
	const isNumber =
		/is not a number/.test(r.reason) || /^(amount|quantity|unit_price):/.test(r.reason);
	// Reasons of canonical-checks.ts: dates out of range, numbers in the other format, too large.
	const format = / — expected e\.g\. (\S+)$/.exec(r.reason);
	const problem: RejectProblem = / is outside the accepted dates \S+ to \S+$/.test(r.reason)
		? { kind: 'dateRange', ...ORDER_DATES }
		: / is too large \(the limit is \S+ in absolute value\)$/.test(r.reason)
			? { kind: 'tooLarge', limit: VALUE_LIMIT }
			: format && /does not match the number format/.test(r.reason)
				? { kind: 'numberFormat', example: format[1]! }
				: isDate
					? { kind: 'date', format: dateFormat, example: dateExample(dateFormat) }
					: isNumber
						? { kind: 'number' }
						: { kind: 'other', text: r.reason };
	return {
		file,
		line: null,
		row: r.row,
		column: r.column_name,
		problem,
		got: empty ? null : r.value,
		empty
	};
}

/** A record the CSV reader refused (LoadReport.rejects) as a message. */
export function csvRejectMessage(
	file: string,
	r: {
		row: number | null;
		line: number | null;
		lastLine?: number | null;
		column: string | null;
		reason: string;
	}
): RejectMessage {
	const fields = /^too (many|few) fields: expected (\d+), found (\d+|more)$/.exec(r.reason);
	const long = /^line too long(?:: (\d+) bytes, at most (\d+))?$/.exec(r.reason);
	const problem: RejectProblem = fields
		? {
				kind: 'fields',
				expected: Number(fields[2]),
				found: fields[3] === 'more' ? null : Number(fields[3])
			}
		: r.reason === 'unterminated or misplaced quote'
			? { kind: 'quote' }
			: r.reason === 'invalid characters for the file encoding'
				? { kind: 'encoding' }
				: long
					? long[1] && long[2]
						? { kind: 'tooLong', bytes: Number(long[1]), max: Number(long[2]) }
						: { kind: 'tooLong' }
					: { kind: 'other', text: r.reason };
	return {
		file,
		line: r.line,
		lastLine: r.line !== null ? (r.lastLine ?? null) : null,
		row: r.line === null ? r.row : null,
		column: r.column,
		problem,
		got: null,
		empty: false
	};
}

/** Message keys and parameters of rejects (the catalogues hold `reject.*`). */
type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A byte count in MB with one decimal ("31.0 MB"); the unit is the same in both languages. */
function megabytes(bytes: number, num: (n: number) => string): string {
	return `${num(Math.round(bytes / 104_857.6) / 10)} MB`;
}

/** Longest cell value quoted in a message; the download has the whole line. */
const GOT_MAX = 60;

/**
 * "orders.csv line 17, column order_date: expected a date like 2024-01-05 (%Y-%m-%d), got “abc”",
 * in the page's language (`t` from I18n.tk). Plain text: the UI renders it as text.
 */
export function formatRejectMessage(
	m: RejectMessage,
	t: Translate,
	num: (n: number) => string = String
): string {
	const where =
		m.line !== null && m.lastLine != null && m.lastLine > m.line
			? t('reject.lines', { file: m.file, line: num(m.line), last: num(m.lastLine) })
			: m.line !== null
				? t('reject.line', { file: m.file, line: num(m.line) })
				: m.row !== null
					? t('reject.row', { file: m.file, row: num(m.row) })
					: m.file;
	const column = m.column !== null ? t('reject.column', { column: m.column }) : '';
	const p = m.problem;
	const expected =
		p.kind === 'date'
			? t('reject.expectDate', { example: p.example, format: p.format })
			: p.kind === 'dateRange'
				? t('reject.dateRange', { from: p.from, to: p.to })
				: p.kind === 'numberFormat'
					? t('reject.numberFormat', { example: p.example })
					: p.kind === 'tooLarge'
						? t('reject.tooLarge', { limit: num(p.limit) })
						: p.kind === 'number'
							? t('reject.expectNumber')
							: p.kind === 'fields'
								? p.found === null
									? t('reject.moreFields', { expected: p.expected })
									: t('reject.fields', { expected: p.expected, found: p.found })
								: p.kind === 'other'
									? p.text
									: p.kind === 'tooLong' && p.bytes !== undefined && p.max !== undefined
										? t('reject.tooLongSize', {
												size: megabytes(p.bytes, num),
												max: megabytes(p.max, num)
											})
										: t(`reject.${p.kind}`);
	const chars = m.got === null ? [] : [...m.got];
	const got = m.empty
		? t('reject.gotEmpty')
		: m.got !== null
			? t('reject.got', {
					value: chars.length > GOT_MAX ? `${chars.slice(0, GOT_MAX - 1).join('')}…` : m.got
				})
			: '';
	const comma = t('reject.comma');
	const colon = t('reject.colon');
	return `${where}${column ? `${comma}${column}` : ''}${colon}${expected}${got ? `${comma}${got}` : ''}`;
}
