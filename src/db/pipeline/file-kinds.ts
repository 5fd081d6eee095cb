/**
 * A file's kind as a decision the person sees and can change (issue 15): why each file of a load
 * is orders, customers, baskets or not used (its reason, shown in words), the orders *candidate*
 * when no file is recognised as orders, and reading a file again as another kind.
 *
 * Files that are not used are dropped after loading (files.ts), so making one the orders or
 * customers file later reads it again. Within a load with no orders file, an unused file that
 * could be mapped keeps its table until the load decides (files.ts keepUnused): the orders
 * candidate is moved, not read twice.
 */
import type { LoadInput, LoadReport } from '../../core/ingest/types';
import type { Engine } from '../engine';
import { loadCsv, type LoadCsvOptions } from '../load-csv';
import { moveTable, RAW_CUSTOMERS, RAW_ORDERS, uploadTable } from '../tables';
import type { LoadFilesOptions } from './files';
import type { DataSetFile } from './file-reasons';

export {
	fileReason,
	mappable,
	withReasons,
	type DataSetFile,
	type FileReason
} from './file-reasons';

/** Where a file of `kind` is read to. */
function tableOf(kind: 'orders' | 'customers'): string {
	return kind === 'orders' ? RAW_ORDERS : RAW_CUSTOMERS;
}

/**
 * Read `input` again into the raw table of `kind` (replacing it), in the sheet of the workbook
 * it was read from before (`previous`) unless `opts.sheet` names another. Its report.
 */
export async function readAs(
	engine: Engine,
	input: LoadInput,
	kind: 'orders' | 'customers',
	previous: LoadReport | null,
	opts: LoadCsvOptions = {}
): Promise<LoadReport> {
	const sheet = opts.sheet ?? previous?.container?.sheet ?? undefined;
	const tmp = uploadTable(0);
	const report = await loadCsv(engine, input, tmp, { ...opts, sheet });
	const table = tableOf(kind);
	await moveTable(engine, tmp, table);
	return { ...report, table };
}

/**
 * The orders candidate of a load where no file is orders (and the data set has none): the first
 * unused file that could be mapped by hand, moved into the orders table (its kept upload table;
 * read again when it was not kept). Its roles are then guessed from its values (mapping.ts) and
 * the mapping screen asks. Null when there is none.
 */
export async function takeCandidate(
	engine: Engine,
	files: DataSetFile[],
	opts: Pick<LoadFilesOptions, 'signal' | 'onProgress'> = {}
): Promise<DataSetFile | null> {
	if (files.some((f) => f.kind === 'orders')) return null;
	const at = files.findIndex((f) => f.reason === 'unrecognised');
	const f = files[at];
	if (!f) return null;
	let report: LoadReport;
	if (f.kept) {
		await moveTable(engine, f.report.table, RAW_ORDERS);
		report = { ...f.report, table: RAW_ORDERS };
	} else {
		report = await readAs(engine, f.input, 'orders', f.report, {
			signal: opts.signal,
			onProgress: (p) => opts.onProgress?.(f.input.name, p)
		});
	}
	const placed: DataSetFile = { ...f, kind: 'orders', reason: 'guessed', report, kept: false };
	files[at] = placed;
	return placed;
}
