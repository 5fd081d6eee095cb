import { sql, type Sql } from './sql';
import { ORDER_DATES, VALUE_LIMIT } from './canonical-checks';
import { numberExample } from './number-format';
import type { RejectReason, TypingCode, TypingRejectReason } from './reject-reason';
import type { RejectedRow } from './ingest/types';
import type { OrdersMapping } from './types';

/** Lines of the orders file whose values could not be typed (tx_rejects), in file order. */
export function buildTypingRejectsQuery(limit = 100_000): Sql {
	return sql`SELECT
	CAST(__row AS BIGINT) AS row,
	column_name,
	value,
	reason,
	code
FROM tx_rejects
ORDER BY __row, column_name
LIMIT ${limit}`;
}

export interface TypingReject {
	row: number;
	column_name: string;
	value: string | null;
	/** The reason in English words (tx_rejects.reason): for the download, never parsed. */
	reason: string;
	code: TypingCode;
}

/**
 * A rejected line or cell as a message naming file, line (or data row), column, what was expected
 * and what was found (issue 5, guarantee 1); formatRejectMessage words it in the page's language.
 */
export interface RejectMessage {
	file: string;
	/** Line of the file (as an editor counts), when known. */
	line: number | null;
	/** Last line of a record that spans several lines (read as one by a quote), else null. */
	lastLine?: number | null;
	/** Data row (1 = the first record after the header), when the line is not known. */
	row: number | null;
	column: string | null;
	reason: RejectReason;
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

/**
 * What a typing code means with the formats the canonical build used (the mapping's): the date
 * format and an example of it, the accepted dates, a number in the file's format, the limit.
 */
export function typingRejectReason(
	code: TypingCode,
	formats: Pick<OrdersMapping, 'dateFormat' | 'numberFormat'>
): TypingRejectReason {
	switch (code) {
		case 'bad-date': {
			const format = formats.dateFormat.format;
			return { code, format, example: dateExample(format) };
		}
		case 'date-range':
			return { code, ...ORDER_DATES };
		case 'bad-number':
			return { code };
		case 'number-format':
			return { code, example: numberExample(formats.numberFormat) };
		case 'too-large':
			return { code, limit: VALUE_LIMIT };
	}
}

/** A typing reject (tx_rejects) of `file` as a message; `formats`: the mapping's. */
export function typingRejectMessage(
	file: string,
	r: TypingReject,
	formats: Pick<OrdersMapping, 'dateFormat' | 'numberFormat'>
): RejectMessage {
	const empty = r.value === null;
	return {
		file,
		line: null,
		row: r.row,
		column: r.column_name,
		reason: typingRejectReason(r.code, formats),
		got: r.value,
		empty
	};
}

/** A record the CSV reader refused (LoadReport.rejects) as a message. */
export function csvRejectMessage(
	file: string,
	r: Pick<RejectedRow, 'row' | 'line' | 'column' | 'reason'> & { lastLine?: number | null }
): RejectMessage {
	return {
		file,
		line: r.line,
		lastLine: r.line !== null ? (r.lastLine ?? null) : null,
		row: r.line === null ? r.row : null,
		column: r.column,
		reason: r.reason,
		got: null,
		empty: false
	};
}

/** The catalogue keys (src/i18n, `reject.*`) a reject message is made of. */
export type RejectMessageKey =
	| 'reject.comma'
	| 'reject.colon'
	| 'reject.line'
	| 'reject.lines'
	| 'reject.row'
	| 'reject.column'
	| 'reject.expectDate'
	| 'reject.expectNumber'
	| 'reject.dateRange'
	| 'reject.numberFormat'
	| 'reject.tooLarge'
	| 'reject.fields'
	| 'reject.moreFields'
	| 'reject.quote'
	| 'reject.encoding'
	| 'reject.tooLong'
	| 'reject.tooLongSize'
	| 'reject.engine'
	| 'reject.got'
	| 'reject.gotEmpty';

/** The page's translator (I18n.t): passing it checks that every key above is in the catalogue. */
type Translate = (key: RejectMessageKey, params?: Record<string, string | number>) => string;

/** A byte count in MB with one decimal ("31.0 MB"); the unit is the same in both languages. */
function megabytes(bytes: number, num: (n: number) => string): string {
	return `${num(Math.round(bytes / 104_857.6) / 10)} MB`;
}

/** Longest cell value quoted in a message; the download has the whole line. */
const GOT_MAX = 60;

/**
 * "orders.csv line 17, column order_date: expected a date like 2024-01-05 (%Y-%m-%d), got “abc”",
 * in the page's language (`t`: I18n.t). Plain text: the UI renders it as text.
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
	const expected = expectation(m.reason, t, num);
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

/** What was expected: the reason in words. */
function expectation(r: RejectReason, t: Translate, num: (n: number) => string): string {
	switch (r.code) {
		case 'bad-date':
			return t('reject.expectDate', { example: r.example, format: r.format });
		case 'date-range':
			return t('reject.dateRange', { from: r.from, to: r.to });
		case 'number-format':
			return t('reject.numberFormat', { example: r.example });
		case 'too-large':
			return t('reject.tooLarge', { limit: num(r.limit) });
		case 'bad-number':
			return t('reject.expectNumber');
		case 'too-few-fields':
			return t('reject.fields', { expected: r.expected, found: r.found });
		case 'too-many-fields':
			return t('reject.moreFields', { expected: r.expected });
		case 'quote':
			return t('reject.quote');
		case 'encoding':
			return t('reject.encoding');
		case 'line-too-long':
			return r.bytes !== null && r.max !== null
				? t('reject.tooLongSize', { size: megabytes(r.bytes, num), max: megabytes(r.max, num) })
				: t('reject.tooLong');
		case 'engine':
			return t('reject.engine', { type: r.type.toLowerCase(), message: r.message });
	}
}
