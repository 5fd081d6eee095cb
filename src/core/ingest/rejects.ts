/**
 * SQL over DuckDB's CSV rejects table (pure builders; load-csv runs them).
 *
 * DuckDB numbers a rejected record by `line`: records and blank lines counted from 1, header
 * included. With `blank` = the DuckDB line numbers of blank lines (from LineScanner), a rejected
 * record's data-record number is r = line − headerLines − #(blank < line). Loaded rows are first
 * numbered 1..loaded in file order; the k-th loaded row then becomes the k-th number in
 * 1..dataRows that is not a rejected r, i.e. k + #{ j : r_j − j < k } over the sorted r_j.
 */
import { ident, int, join, raw, sql, type Sql } from '../sql';
import { ROW_COLUMN } from './names';

/** One rejected record as read from the rejects table (first error of its line). */
export interface RawReject {
	line: number;
	error_type: string;
	column_name: string | null;
	error_message: string;
	csv_line: string;
}

/** Summary: rejected records (distinct lines) and how many of them are encoding errors. */
export function buildRejectSummaryQuery(rejectsTable: string): Sql {
	return sql`SELECT count(DISTINCT line) AS records,
	count(DISTINCT line) FILTER (WHERE error_type = 'INVALID ENCODING') AS encoding_errors
FROM ${ident(rejectsTable)}`;
}

/** The first `limit` rejected records in file order, one row per record. */
export function buildRejectListQuery(rejectsTable: string, limit: number): Sql {
	return sql`SELECT line,
	arg_min(error_type, byte_position) AS error_type,
	arg_min(column_name, byte_position) AS column_name,
	arg_min(error_message, byte_position) AS error_message,
	arg_min(csv_line, byte_position) AS csv_line
FROM ${ident(rejectsTable)}
GROUP BY line
ORDER BY line
LIMIT ${int(Math.trunc(limit))}`;
}

/** A line the loader kept from DuckDB because it is too long (db/record-count.ts). */
export interface LongLineReject {
	/** DuckDB line number (records and blank lines from 1, header included). */
	line: number;
	/** Byte offset of the line in the file DuckDB reads, and its length in bytes. */
	start: number;
	bytes: number;
	/** The line's first bytes as text. */
	head: string;
}

/**
 * Add lines too long for DuckDB to its rejects table, worded as DuckDB words its own
 * (LINE SIZE OVER MAXIMUM, "Actual Size:…"), so that the reject summary, the list and the
 * renumbering count them like any other rejected record.
 */
export function buildLongLineRejectsInsert(
	rejectsTable: string,
	lines: readonly LongLineReject[],
	maxBytes: number
): Sql {
	if (lines.length === 0) throw new Error('long-line rejects: none given');
	const count = (n: number) => {
		if (!Number.isSafeInteger(n) || n < 0) throw new Error('long-line rejects: integers');
		return int(n);
	};
	const rows = lines.map(
		(l) =>
			sql`(${count(l.line)}, ${count(l.start)}, ${count(l.start)}, 'LINE SIZE OVER MAXIMUM', ${l.head}, ${`Maximum line size of ${maxBytes} bytes exceeded. Actual Size:${l.bytes} bytes.`})`
	);
	return sql`INSERT INTO ${ident(rejectsTable)}
	(line, line_byte_position, byte_position, error_type, csv_line, error_message)
VALUES ${join(rows)}`;
}

function blankList(blankLines: readonly number[]): Sql {
	if (!blankLines.every((n) => Number.isSafeInteger(n))) throw new Error('blank lines: integers');
	return blankLines.length === 0
		? sql`SELECT NULL::BIGINT AS b WHERE false`
		: sql`SELECT unnest([${raw(blankLines.join(', '))}]::BIGINT[]) AS b`;
}

/** Rewrite `table` so that loaded rows and rejected records share one numbering (see above). */
export function buildRenumberQuery(
	table: string,
	columns: readonly string[],
	rejectsTable: string,
	headerLines: number,
	blankLines: readonly number[]
): Sql {
	const row = ident(ROW_COLUMN);
	const cols = join(columns.map((c) => sql`t.${ident(c)}`));
	return sql`CREATE OR REPLACE TABLE ${ident(table)} AS
WITH blanks AS (${blankList(blankLines)}),
rejected AS (
	SELECT line - ${int(headerLines)} - (SELECT count(*) FROM blanks WHERE b < line) AS r
	FROM (SELECT DISTINCT line FROM ${ident(rejectsTable)})
),
ranked AS (SELECT r, row_number() OVER (ORDER BY r) AS j FROM rejected),
gaps AS (SELECT r - j AS g, max(j) AS before FROM ranked GROUP BY g)
SELECT (t.${row} + coalesce(gaps.before, 0))::BIGINT AS ${row}, ${cols}
FROM ${ident(table)} AS t ASOF LEFT JOIN gaps ON t.${row} > gaps.g
ORDER BY t.${row}`;
}

/** Most gap groups renumbered by one UPDATE … CASE (beyond that, the ASOF rewrite above). */
export const MAX_UPDATE_GAPS = 256;

/** A run of loaded rows: rows numbered > g (up to the next gap) move up by `before`. */
export interface RenumberGap {
	g: number;
	before: number;
}

/**
 * The gaps of the numbering above, computed from the rejected records' data-record numbers
 * (any order, each once): sorted r_j with j = 1.., g = r_j − j, `before` = the largest j of g.
 */
export function renumberGaps(rejectedRows: readonly number[]): RenumberGap[] {
	const sorted = [...rejectedRows].sort((a, b) => a - b);
	const gaps: RenumberGap[] = [];
	sorted.forEach((r, k) => {
		const g = r - (k + 1);
		const last = gaps[gaps.length - 1];
		if (last && last.g === g) last.before = k + 1;
		else gaps.push({ g, before: k + 1 });
	});
	return gaps;
}

/**
 * The same renumbering as buildRenumberQuery for a few gaps: an UPDATE of only the rows after the
 * first rejected record, with no join, sort or copy of the table (a few ms instead of a rewrite).
 */
export function buildRenumberUpdate(table: string, gaps: readonly RenumberGap[]): Sql {
	if (gaps.length === 0 || gaps.length > MAX_UPDATE_GAPS) {
		throw new Error(`renumber update: 1..${MAX_UPDATE_GAPS} gaps, got ${gaps.length}`);
	}
	if (!gaps.every((x) => Number.isSafeInteger(x.g) && Number.isSafeInteger(x.before))) {
		throw new Error('renumber update: integer gaps');
	}
	const row = ident(ROW_COLUMN);
	const branches = [...gaps]
		.reverse()
		.map((x) => sql`WHEN ${row} > ${int(x.g)} THEN ${int(x.before)}`);
	return sql`UPDATE ${ident(table)} SET ${row} = ${row} + CASE ${join(branches, ' ')} ELSE 0 END
WHERE ${row} > ${int(gaps[0]!.g)}`;
}
