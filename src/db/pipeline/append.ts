/**
 * Appending files of one kind into one set (core/ingest/append): a file's upload table into the
 * set's raw table, and — after a file nobody recognised was taken for the orders — the other
 * files of the load with its columns.
 */
import { appendReport, compareColumns, partsOf, sourceColumnName } from '../../core/ingest/append';
import type { LoadReport } from '../../core/ingest/types';
import { ident, int, lit, sql } from '../../core/sql';
import type { Engine } from '../engine';
import { loadCsv } from '../load-csv';
import { dropTable, uploadTable } from '../tables';
import type { LoadedFile, LoadFilesOptions } from './files';

/**
 * After a file nobody recognised was taken for the orders (file-kinds.ts takeCandidate: `set`,
 * in RAW_ORDERS), the other unrecognised files of the load with its columns — header-less
 * monthly files, say — are appended to it, in load order: from the upload table the load kept
 * (files.ts keepUnused), or read again when it was not kept. Each one appended is changed in
 * `files` (kind 'orders', `set`) and told to `onLoaded`; the set's report after them.
 */
export async function appendToCandidate<F extends LoadedFile>(
	engine: Engine,
	set: LoadReport,
	files: F[],
	opts: LoadFilesOptions & { appended: (f: F) => F }
): Promise<LoadReport> {
	let current = set;
	for (const [i, f] of files.entries()) {
		if (f.kind !== 'unused' || f.differ || f.report.table === current.table) continue;
		if (f.report.columns.filter((c) => c.kind !== 'empty').length < 2) continue;
		if (compareColumns(current, f.report) !== null) continue;
		const tmp = uploadTable(i);
		const report = f.kept
			? f.report
			: {
					...(await loadCsv(engine, f.input, tmp, {
						signal: opts.signal,
						sheet: f.report.container?.sheet ?? undefined,
						onProgress: (p) => opts.onProgress?.(f.input.name, p)
					})),
					table: tmp
				};
		current = await appendToSet(engine, current, report);
		files[i] = opts.appended({
			...f,
			kind: 'orders',
			set: current,
			report: { ...report, table: current.table },
			kept: false
		});
		opts.onLoaded?.(files[i]!);
	}
	return current;
}

/**
 * Append a loaded file (its upload table `file.table`, columns compatible with `set`'s) to the
 * set's raw table: rows numbered after the set's, the file's name in the source column (added,
 * with the first file's name, when the set was one file). The set's new report.
 */
export async function appendToSet(
	engine: Engine,
	set: LoadReport,
	file: LoadReport
): Promise<LoadReport> {
	const target = ident(set.table);
	const source = set.sourceColumn ?? sourceColumnName(set.columns);
	if (!set.sourceColumn) {
		await engine.exec(sql`ALTER TABLE ${target} ADD COLUMN ${ident(source)} VARCHAR`);
		await engine.exec(sql`UPDATE ${target} SET ${ident(source)} = ${lit(set.file)}`);
	}
	const [max] = await engine.query<{ n: number }>(
		sql`SELECT CAST(coalesce(max(__row), 0) AS BIGINT) AS n FROM ${target}`
	);
	const last = partsOf(set).at(-1)!;
	const offset = Math.max(Number(max?.n ?? 0), last.rowOffset + last.report.dataRows);
	// By name: the file's columns may come in another order (compareColumns matched them).
	await engine.exec(sql`INSERT INTO ${target} BY NAME
SELECT * EXCLUDE (__row), __row + ${int(offset)} AS __row, ${lit(file.file)} AS ${ident(source)}
FROM ${ident(file.table)}`);
	await dropTable(engine, file.table);
	return appendReport(set, { ...file, table: set.table }, offset, source);
}
