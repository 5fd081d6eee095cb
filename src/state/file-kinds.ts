/**
 * The session's list of files and their kinds (issue 15: the kind is a decision the person sees
 * and changes), kept apart from Session as plain, tested functions.
 */
import type { LoadReport } from '../core/ingest/types';
import { mappable, type DataSetFile } from '../db/pipeline/file-reasons';
import type { FileKind } from '../db/pipeline/files';
import type { Problem } from './problems';

export type { FileKind } from '../db/pipeline/files';

/**
 * The data set's files after a load: the new files alone when the load started a new data set;
 * added to the earlier ones otherwise, where an earlier orders or customers file whose place a
 * new file took (not appended to it) is now unused, 'replaced'.
 */
export function mergeFiles(
	before: readonly DataSetFile[],
	loaded: readonly DataSetFile[],
	mode: 'replace' | 'add'
): DataSetFile[] {
	if (mode === 'replace') return [...loaded];
	const taken = new Set(
		loaded.filter((f) => f.reason !== 'appended' && f.kind !== 'unused').map((f) => f.kind)
	);
	const kept = before.map((f) =>
		(f.kind === 'orders' || f.kind === 'customers') && taken.has(f.kind)
			? { ...f, kind: 'unused' as const, reason: 'replaced' as const }
			: f
	);
	return [...kept, ...loaded];
}

/**
 * The workbook sheets a loaded file could be read from: the sheet read and the later ones with
 * data (db/unwrap lists those); empty for a file that is not a workbook or has one such sheet.
 */
export function sheetsOf(report: LoadReport | null): string[] {
	const c = report?.container;
	if (!c?.sheet || c.otherSheets.length === 0) return [];
	return [c.sheet, ...c.otherSheets];
}

/**
 * What identifies the file content a report describes (file, sheet, encoding, size, rows): two
 * reports with the same key were read from the same table. The whole-file column counts that
 * arrive later (Session.countColumns) replace the report object, not its key.
 */
export function reportKey(report: LoadReport | null): string {
	if (!report) return '';
	const sheet = report.container?.sheet ?? '';
	return [report.file, sheet, report.encoding, report.bytes, report.rowsLoaded].join('\u001f');
}

/**
 * The problem shown when no file could be the orders file: what was found in each (a file with
 * one column has nothing to map) and what to do. Files that could be mapped never get here: the
 * first of them is the orders candidate (db/pipeline/file-kinds takeCandidate).
 */
export function noOrdersProblem(files: readonly DataSetFile[]): Problem {
	const f = files[0];
	const columns = (f?.report.columns ?? []).filter((c) => c.kind !== 'empty');
	return {
		file: f?.input.name ?? null,
		key: columns.length === 1 ? 'error.noOrdersOneColumn' : 'error.noOrdersEmpty',
		message: '',
		params: { column: columns[0]?.name ?? '', files: files.length }
	};
}

/** The kinds a person can choose for a file, in the selector's order (a basket file keeps its). */
export const CHOOSABLE_KINDS: readonly FileKind[] = ['orders', 'customers', 'feedback', 'unused'];

/**
 * The file the page offers to map as the orders file while it waits for one: the first that is
 * not the orders file and has two or more columns with values; -1 when none.
 */
export function mappingOffer(files: readonly DataSetFile[]): number {
	return files.findIndex((f) => f.kind !== 'orders' && mappable(f.report.columns));
}
