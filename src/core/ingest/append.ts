/**
 * Several files of one kind appended into one set (pure; issue 15): two monthly exports of the
 * same shop are one orders set, with the file each row came from kept as a column.
 *
 * Compatible columns: with a header, the same names (trimmed, compared without case, as DuckDB
 * compares identifiers), in any order; header-less, the same number of columns with the same
 * kinds (integer and decimal alike, date and timestamp alike; an empty column fits any).
 * The set's raw table numbers each file's records after the previous files' (`rowOffset`), so a
 * row number of the set names one file and its own data row again (partOfRow).
 */
import { int, join, sql, type Sql } from '../sql';
import type { ColumnProfile } from '../types';
import type { LoadReport, RejectedRow, SetPart } from './types';

/** The column of an appended set that names each row's file. */
export const SOURCE_COLUMN = 'source_file';

/** How a file's columns differ from the set's (each list in the files' column order). */
export interface ColumnsDiffer {
	/** The set's columns the file does not have. */
	missing: string[];
	/** The file's columns the set does not have. */
	extra: string[];
	/** Header-less files: columns at the same place holding another kind of values. */
	kinds: string[];
}

const KIND_GROUP: Record<ColumnProfile['kind'], string> = {
	integer: 'number',
	decimal: 'number',
	date: 'time',
	timestamp: 'time',
	boolean: 'boolean',
	text: 'text',
	empty: 'empty'
};

const key = (name: string) => name.trim().toLowerCase();

/** The file columns of a report (without the set's source column). */
function fileColumns(r: LoadReport): ColumnProfile[] {
	const source = r.sourceColumn;
	return r.columns.filter((c) => c.name !== source);
}

/**
 * How `file`'s columns differ from `set`'s, or null when the file can be appended to the set.
 * A file with a header and a header-less one never fit (names against positions).
 */
export function compareColumns(set: LoadReport, file: LoadReport): ColumnsDiffer | null {
	const a = fileColumns(set);
	const b = fileColumns(file);
	if (set.hasHeader && file.hasHeader) {
		const inB = new Set(b.map((c) => key(c.name)));
		const inA = new Set(a.map((c) => key(c.name)));
		const missing = a.filter((c) => !inB.has(key(c.name))).map((c) => c.name);
		const extra = b.filter((c) => !inA.has(key(c.name))).map((c) => c.name);
		return missing.length + extra.length === 0 ? null : { missing, extra, kinds: [] };
	}
	if (set.hasHeader !== file.hasHeader) {
		return { missing: a.map((c) => c.name), extra: b.map((c) => c.name), kinds: [] };
	}
	const missing = a.slice(b.length).map((c) => c.name);
	const extra = b.slice(a.length).map((c) => c.name);
	const kinds = a
		.slice(0, Math.min(a.length, b.length))
		.filter((c, i) => {
			const [x, y] = [KIND_GROUP[c.kind], KIND_GROUP[b[i]!.kind]];
			return x !== 'empty' && y !== 'empty' && x !== y;
		})
		.map((c) => c.name);
	return missing.length + extra.length + kinds.length === 0 ? null : { missing, extra, kinds };
}

/** The name of the source column for a set with these columns: `source_file`, or `_2`, `_3`… */
export function sourceColumnName(columns: readonly ColumnProfile[]): string {
	const taken = new Set(columns.map((c) => key(c.name)));
	let name = SOURCE_COLUMN;
	for (let n = 2; taken.has(name); n++) name = `${SOURCE_COLUMN}_${n}`;
	return name;
}

/** The parts of a set's report (a single file's report is a set of one). */
export function partsOf(r: LoadReport): SetPart[] {
	return r.parts ?? [{ report: r, rowOffset: 0 }];
}

/**
 * The report of `set` with `file` appended (its rows numbered after `rowOffset`): counts
 * summed, rejected records of every file with their own file named, the columns those of the
 * set (their whole-set counts wait for countColumns) with the source column, and each file's
 * report in `parts` for the load summary.
 */
export function appendReport(
	set: LoadReport,
	file: LoadReport,
	rowOffset: number,
	sourceColumn: string
): LoadReport {
	const parts = [...partsOf(set), { report: file, rowOffset }];
	const reports = parts.map((p) => p.report);
	const sum = (f: (r: LoadReport) => number) => reports.reduce((t, r) => t + f(r), 0);
	const rejects: RejectedRow[] = reports.flatMap((r) =>
		r.rejects.map((x) => ({ ...x, file: x.file ?? r.file }))
	);
	const files = reports.map((r) => r.file);
	const source: ColumnProfile = {
		name: sourceColumn,
		kind: 'text',
		counted: true,
		nulls: 0,
		distinct: new Set(files).size,
		samples: [...new Set(files)].slice(0, 20)
	};
	return {
		...set,
		file: files.join(', '),
		bytes: sum((r) => r.bytes),
		replacedChars: sum((r) => r.replacedChars),
		dataRows: sum((r) => r.dataRows),
		rowsLoaded: sum((r) => r.rowsLoaded),
		rowsRejected: sum((r) => r.rowsRejected),
		unaccounted: sum((r) => r.unaccounted),
		rejects,
		columns: [...fileColumns(set).map((c) => ({ ...c, counted: false, nulls: null })), source],
		sourceColumn,
		parts
	};
}

/**
 * The file and its own data row of row `row` of a set's table (a typing reject's `__row`);
 * the report's own file and the row itself for a single file.
 */
export function partOfRow(r: LoadReport, row: number): { file: string; row: number } {
	const parts = partsOf(r);
	let found = parts[0]!;
	for (const p of parts) if (p.rowOffset < row) found = p;
	return { file: found.report.file, row: row - found.rowOffset };
}

/**
 * Rows of each part of a set that the canonical build set aside (distinct `__row` of
 * tx_rejects, by the parts' row ranges): rows `part` (index in `parts`) and `n`.
 */
export function buildPartRejectsQuery(parts: readonly SetPart[]): Sql {
	const cases = parts
		.map((p, i) => ({ p, i }))
		.slice(1)
		.reverse()
		.map(({ p, i }) => sql`WHEN __row > ${int(p.rowOffset)} THEN ${int(i)}`);
	const part = cases.length > 0 ? sql`CASE ${join(cases, ' ')} ELSE 0 END` : sql`0`;
	return sql`SELECT ${part} AS part, CAST(count(DISTINCT __row) AS INTEGER) AS n
FROM tx_rejects
GROUP BY ALL
ORDER BY part`;
}
