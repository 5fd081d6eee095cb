/**
 * A set of files of one kind read again (issue 15): the person chose another encoding for the
 * orders set on the mapping screen, another sheet of one of its workbooks, or took a file out of
 * the set or put one back. Every file of the set is read again — never only the first, or the
 * others' rows would vanish — and appended as the first load appended them (append.ts: the
 * source column, each file's rows numbered after the previous files').
 */
import { compareColumns, type ColumnsDiffer } from '../../core/ingest/append';
import type { LoadInput, LoadProgress, LoadReport } from '../../core/ingest/types';
import type { TextEncodingName } from '../../core/ingest/encoding';
import type { Engine } from '../engine';
import { loadCsv } from '../load-csv';
import { dropTable, RAW_CUSTOMERS, RAW_ORDERS, uploadTable } from '../tables';
import { appendToSet } from './append';
import { readAs } from './file-kinds';
import type { SetFile } from './set-files';

export { placeInSet, setFilesOf, type SetFile, type SetFiles } from './set-files';

/** A file read again that no longer fits the set (its columns changed with the encoding). */
export interface LeftOut {
	input: LoadInput;
	report: LoadReport;
	differ: ColumnsDiffer;
}

export interface RereadSet {
	/** The set's report (its parts in `files` order), or null when `files` was empty. */
	report: LoadReport | null;
	/** The files appended, in order (`files` without the ones left out). */
	inputs: LoadInput[];
	/** Files whose columns, read again, differ from the first file's: not appended, said apart. */
	left: LeftOut[];
}

export interface RereadOptions {
	encoding?: TextEncodingName;
	signal?: AbortSignal;
	onProgress?: (file: string, p: LoadProgress) => void;
}

/**
 * Read `files` again into the raw table of `kind` (replacing it; dropped when `files` is empty):
 * the first into the table, each next one into an upload table and appended to the set, in
 * `encoding` when given (the choice applies to every file of the set) and each in its sheet.
 * Throws what loadCsv throws; the table then holds the files read before the failure.
 */
export async function rereadSet(
	engine: Engine,
	files: readonly SetFile[],
	kind: 'orders' | 'customers',
	opts: RereadOptions = {}
): Promise<RereadSet> {
	const table = kind === 'orders' ? RAW_ORDERS : RAW_CUSTOMERS;
	const [first, ...rest] = files;
	if (!first) {
		await dropTable(engine, table);
		return { report: null, inputs: [], left: [] };
	}
	const read = (f: SetFile) => ({
		encoding: opts.encoding,
		sheet: f.sheet,
		signal: opts.signal,
		onProgress: (p: LoadProgress) => opts.onProgress?.(f.input.name, p)
	});
	let set = await readAs(engine, first.input, kind, null, read(first));
	const inputs = [first.input];
	const left: LeftOut[] = [];
	for (const [i, f] of rest.entries()) {
		const tmp = uploadTable(i + 1);
		const report = await loadCsv(engine, f.input, tmp, read(f));
		const differ = compareColumns(set, report);
		if (differ) {
			await dropTable(engine, tmp);
			left.push({ input: f.input, report, differ });
			continue;
		}
		set = await appendToSet(engine, set, { ...report, table: tmp });
		inputs.push(f.input);
	}
	return { report: set, inputs, left };
}
