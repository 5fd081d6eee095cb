/**
 * File loading and classification: each file is read into a table of its own (db/load-csv), then
 * recognised as the orders file, a customers file, a basket file or neither from its columns (a
 * wide basket file already while it is read), and moved to its raw table (db/tables), appended to
 * the set of its kind with the same columns (append.ts), put into the baskets table (baskets.ts)
 * — or dropped.
 */
import { detectCustomerRoles, detectOrderRoles, type RoleDetection } from '../../core/columns';
import { compareColumns, type ColumnsDiffer } from '../../core/ingest/append';
import { detectLongBaskets } from '../../core/ingest/baskets';
import { detectFeedback } from '../../core/ingest/feedback';
import { BASKETS_TABLE } from '../../core/canonical-baskets';
import { FEEDBACK_TABLE } from '../../core/canonical-feedback';
import { placeBaskets } from './baskets';
import { placeFeedback } from './feedback';
import { appendToSet } from './append';
import { mappable } from './file-reasons';
import type { LoadInput, LoadProgress, LoadReport } from '../../core/ingest/types';
import type { TextEncodingName } from '../../core/ingest/encoding';
import type { OrderRole } from '../../core/types';
import { measure } from '../../core/timing';
import type { Engine } from '../engine';
import { loadCsv } from '../load-csv';
import { unwrapInput } from '../unwrap';
import { memoryLimitBytes, prefersCompressed } from '../memory';
import { PACKED_DATABASE } from '../session';
import {
	dropDataSet,
	dropTable,
	moveTable,
	RAW_CUSTOMERS,
	RAW_ORDERS,
	uploadTable
} from '../tables';

export type FileKind = 'orders' | 'customers' | 'baskets' | 'feedback' | 'unused';

/** One file of a load, once read and placed. */
export interface LoadedFile {
	input: LoadInput;
	kind: FileKind;
	/** Its load report; `table` is the raw table it went to (the upload table when unused). */
	report: LoadReport;
	/** The orders roles its columns suggest (what classified it). */
	orderRoles: RoleDetection<OrderRole>;
	/**
	 * Appended to the orders (or customers) set loaded before it, its columns being the same:
	 * the set's report with this file in it (core/ingest/append).
	 */
	set?: LoadReport;
	/**
	 * Unused because a set of `kind` is loaded with other columns: which differ. The person
	 * decides (load it on its own, or not at all); it is never appended with columns missing.
	 */
	differ?: ColumnsDiffer & { kind: 'orders' | 'customers' };
	/** A basket file's rows that gave no item (a blank line, a row with no transaction id). */
	basketless?: number;
	/** A feedback file's rows set aside (an unreadable score or date; feedback_rejects). */
	feedbackRejected?: number;
	/**
	 * Unused, and its upload table (`report.table`) kept until the load decides whether it is the
	 * orders candidate or joins it (LoadFilesOptions.keepUnused): then it is moved, not read again.
	 */
	kept?: boolean;
}

export interface LoadFilesOptions {
	signal?: AbortSignal;
	/** Progress of reading `file`. */
	onProgress?: (file: string, p: LoadProgress) => void;
	/** `file` is being read (null: all read); errors thrown meanwhile concern it. */
	onFile?: (file: string | null) => void;
	/** A file was read and placed (before the next one is read). */
	onLoaded?: (file: LoadedFile) => void;
	/** The sets loaded before (adding a file): a file with the same columns appends to its kind's. */
	existing?: { orders?: LoadReport | null; customers?: LoadReport | null };
	/**
	 * Keep the upload table of an unused file that could be mapped by hand (`kept`) while no
	 * orders file is placed: it may become the orders candidate (file-kinds.ts takeCandidate),
	 * which a large file should not cost a second read. Dropped once an orders file is placed;
	 * the caller drops the rest (dropKept).
	 */
	keepUnused?: boolean;
}

/**
 * Orders file if it has a date-like role and an amount (or quantity × price) and no orders file
 * came before it in the same load; a basket file (transaction id + item); a feedback file if its
 * headers name a score or a comment (core/ingest/feedback); a customers file if it has a customer
 * id and does not look like orders; otherwise unused.
 */
export function classify(
	columns: LoadReport['columns'],
	haveOrders: boolean
): { kind: FileKind; orderRoles: RoleDetection<OrderRole> } {
	const orderRoles = detectOrderRoles(columns);
	const looksLikeOrders =
		orderRoles.roles.order_date !== undefined &&
		(orderRoles.roles.amount !== undefined ||
			(orderRoles.roles.quantity !== undefined && orderRoles.roles.unit_price !== undefined));
	if (looksLikeOrders && !haveOrders) return { kind: 'orders', orderRoles };
	if (!looksLikeOrders && detectLongBaskets(columns)) return { kind: 'baskets', orderRoles };
	if (!looksLikeOrders && detectFeedback(columns, orderRoles))
		return { kind: 'feedback', orderRoles };
	const cust = detectCustomerRoles(columns);
	if (cust.roles.customer_id !== undefined && !looksLikeOrders) {
		return { kind: 'customers', orderRoles };
	}
	return { kind: 'unused', orderRoles };
}

/**
 * Read `inputs` in order, classify each and move it to RAW_ORDERS or RAW_CUSTOMERS (replacing the
 * table there), append it to the set of its kind loaded before it (same columns), put a basket
 * file's items into the baskets table, a feedback file's responses into the feedback table, or
 * drop it. A file of a kind already loaded with other
 * columns is unused, with the columns that differ (`differ`).
 * Throws what loadCsv throws (LoadError, AbortError); files placed before stay placed.
 */
export async function loadFiles(
	engine: Engine,
	inputs: readonly LoadInput[],
	opts: LoadFilesOptions = {}
): Promise<LoadedFile[]> {
	const out: LoadedFile[] = [];
	const sets = {
		orders: opts.existing?.orders ?? null,
		customers: opts.existing?.customers ?? null
	};
	let keep = opts.keepUnused === true && !sets.orders;
	for (const [i, input] of inputs.entries()) {
		opts.onFile?.(input.name);
		const tmp = uploadTable(i);
		const t0 = performance.now();
		const report = await loadCsv(engine, input, tmp, {
			signal: opts.signal,
			onProgress: (p) => opts.onProgress?.(input.name, p)
		});
		measure(`load ${input.name}`, t0);
		const wide = report.basketDelimiter !== undefined;
		const classified = wide
			? { kind: 'baskets' as const, orderRoles: detectOrderRoles(report.columns) }
			: classify(report.columns, false);
		const { orderRoles } = classified;
		let kind: FileKind = classified.kind;
		const file: LoadedFile = { input, kind, orderRoles, report };
		if (kind === 'baskets') {
			const placed = await placeBaskets(engine, report, detectLongBaskets(report.columns));
			await dropTable(engine, tmp);
			file.basketless = placed.basketless;
			file.report = { ...placed.report, table: BASKETS_TABLE };
		} else if (kind === 'feedback') {
			const placed = await placeFeedback(
				engine,
				report,
				detectFeedback(report.columns, orderRoles)!
			);
			await dropTable(engine, tmp);
			file.feedbackRejected = placed.rejected;
			file.report = { ...placed.report, table: FEEDBACK_TABLE };
		} else if (kind === 'orders' || kind === 'customers') {
			const set = sets[kind];
			const differ = set ? compareColumns(set, report) : null;
			if (set && differ) {
				file.differ = { ...differ, kind };
				kind = 'unused';
				await dropTable(engine, tmp);
			} else if (set) {
				file.set = sets[kind] = await appendToSet(engine, set, report);
				file.report = { ...report, table: set.table };
			} else {
				const table = kind === 'orders' ? RAW_ORDERS : RAW_CUSTOMERS;
				await moveTable(engine, tmp, table);
				file.report = sets[kind] = { ...report, table };
			}
			// An orders file: no candidate will be taken, the tables kept for one go.
			if (kind === 'orders' && keep) {
				keep = false;
				await dropKept(engine, out);
			}
		} else if (keep && mappable(report.columns)) file.kept = true;
		else await dropTable(engine, tmp);
		file.kind = kind;
		out.push(file);
		opts.onLoaded?.(file);
	}
	opts.onFile?.(null);
	return out;
}

/**
 * Drop the upload tables `files` kept (LoadFilesOptions.keepUnused) and are still unused; the
 * files are marked as no longer kept.
 */
export async function dropKept(engine: Engine, files: LoadedFile[]): Promise<void> {
	for (const f of files) {
		if (!f.kept) continue;
		f.kept = false;
		if (f.kind === 'unused') await dropTable(engine, f.report.table);
	}
}

/**
 * Read the orders file again in `encoding` (the person's choice on the mapping screen) into
 * RAW_ORDERS; its report.
 */
export async function reloadOrdersFile(
	engine: Engine,
	input: LoadInput,
	encoding: TextEncodingName,
	opts: Pick<LoadFilesOptions, 'signal' | 'onProgress'> = {}
): Promise<LoadReport> {
	const report = await loadCsv(engine, input, uploadTable(0), {
		signal: opts.signal,
		encoding,
		onProgress: (p) => opts.onProgress?.(input.name, p)
	});
	await moveTable(engine, uploadTable(0), RAW_ORDERS);
	return { ...report, table: RAW_ORDERS };
}

/** An engine with a choice of databases (db/duckdb-browser BrowserEngine). */
export interface DatabaseEngine extends Engine {
	readonly defaultDatabase: string;
	useDatabase(name: string): Promise<void>;
}

/** Drop the data set in both databases: the previous one may have lived in either. */
export async function dropAll(engine: DatabaseEngine): Promise<void> {
	await dropDataSet(engine, [engine.defaultDatabase, PACKED_DATABASE]);
}

/**
 * Start a new data set of `inputs`: drop the previous one and choose its database — the
 * compressed one for files large for `memoryLimit` (db/memory.ts), packed files by their
 * unpacked size (unpackedBytes). True when compressed.
 */
export async function startDataSet(
	engine: DatabaseEngine,
	inputs: readonly LoadInput[],
	memoryLimit: number | string
): Promise<boolean> {
	await dropAll(engine);
	const packed = prefersCompressed(await unpackedBytes(inputs), memoryLimitBytes(memoryLimit));
	await engine.useDatabase(packed ? PACKED_DATABASE : engine.defaultDatabase);
	return packed;
}

/** Total size of the inputs in bytes. */
export function inputBytes(inputs: readonly LoadInput[]): number {
	return inputs.reduce(
		(t, x) => t + (x.data instanceof Uint8Array ? x.data.byteLength : x.data.size),
		0
	);
}

/**
 * How many times its size a zip archive or a workbook is taken to unpack to: CSV text deflates
 * to a fifth to a tenth (Online Retail: 45 MB of text, 7.5 MB gzipped), so 5× errs on the small
 * side, as the plain size did for every packed file before.
 */
export const UNPACK_FACTOR = 5;

async function bytesAt(data: Blob | Uint8Array, start: number, end: number): Promise<Uint8Array> {
	if (data instanceof Uint8Array) return data.subarray(start, end);
	return new Uint8Array(await data.slice(start, end).arrayBuffer());
}

/**
 * Total size of the inputs once unpacked (what the engine will hold), in bytes, read from their
 * bytes, not their names: a plain file's own size; a gzip file's ISIZE trailer (its last four
 * bytes: the unpacked size mod 2^32) — unless that is below the packed size (a file over 4 GiB,
 * or several gzip members), then UNPACK_FACTOR × its size; a zip archive or workbook,
 * UNPACK_FACTOR × its size.
 */
export async function unpackedBytes(inputs: readonly LoadInput[]): Promise<number> {
	let total = 0;
	for (const { data } of inputs) {
		const size = data instanceof Uint8Array ? data.byteLength : data.size;
		const head = await bytesAt(data, 0, 4);
		if (size >= 18 && head[0] === 0x1f && head[1] === 0x8b) {
			const t = await bytesAt(data, size - 4, size);
			const isize = (t[0]! | (t[1]! << 8) | (t[2]! << 16) | (t[3]! << 24)) >>> 0;
			total += isize >= size ? isize : size * UNPACK_FACTOR;
		} else if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
			total += size * UNPACK_FACTOR;
		} else total += size;
	}
	return total;
}

/**
 * The first `maxBytes` bytes of an input (the encoding preview), and whether that is all; of the
 * table inside for a .gz, zip or workbook (db/unwrap), as the loader reads it.
 */
export async function inputHead(
	input: LoadInput,
	maxBytes: number
): Promise<{ bytes: Uint8Array; whole: boolean }> {
	const { input: inner, partial } = await unwrapInput(input, { head: maxBytes });
	const data = inner.data;
	const bytes =
		data instanceof Uint8Array
			? data.subarray(0, maxBytes)
			: new Uint8Array(await data.slice(0, maxBytes).arrayBuffer());
	const size = data instanceof Uint8Array ? data.byteLength : data.size;
	return { bytes, whole: !partial && bytes.length >= size };
}
