/**
 * SQL over DuckDB's CSV rejects table (pure builders; load-csv runs them).
 *
 * DuckDB numbers a rejected record by `line`: records and blank lines counted from 1, header
 * included. With `blank` = the DuckDB line numbers of blank lines (from LineScanner), a rejected
 * record's data-record number is r = line − headerLines − #(blank < line). Loaded rows are first
 * numbered 1..loaded in file order; the k-th loaded row then becomes the k-th number in
 * 1..dataRows that is not a rejected r, i.e. k + #{ j : r_j − j < k } over the sorted r_j.
 */
import { ident, join, raw, sql, type Sql } from '../sql';
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
LIMIT ${raw(String(Math.trunc(limit)))}`;
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
	SELECT line - ${raw(String(headerLines))} - (SELECT count(*) FROM blanks WHERE b < line) AS r
	FROM (SELECT DISTINCT line FROM ${ident(rejectsTable)})
),
ranked AS (SELECT r, row_number() OVER (ORDER BY r) AS j FROM rejected),
gaps AS (SELECT r - j AS g, max(j) AS before FROM ranked GROUP BY g)
SELECT (t.${row} + coalesce(gaps.before, 0))::BIGINT AS ${row}, ${cols}
FROM ${ident(table)} AS t ASOF LEFT JOIN gaps ON t.${row} > gaps.g
ORDER BY t.${row}`;
}
