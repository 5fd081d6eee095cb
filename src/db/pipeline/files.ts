/**
 * File loading and classification: each file is read into a table of its own (db/load-csv), then
 * recognised as the orders file, a customers file or neither from its columns, and moved to its
 * raw table (db/tables) — or dropped.
 */
import { detectCustomerRoles, detectOrderRoles, type RoleDetection } from '../../core/columns';
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

export type FileKind = 'orders' | 'customers' | 'unused';

/** One file of a load, once read and placed. */
export interface LoadedFile {
	input: LoadInput;
	kind: FileKind;
	/** Its load report; `table` is the raw table it went to (the upload table when unused). */
	report: LoadReport;
	/** The orders roles its columns suggest (what classified it). */
	orderRoles: RoleDetection<OrderRole>;
}

export interface LoadFilesOptions {
	signal?: AbortSignal;
	/** Progress of reading `file`. */
	onProgress?: (file: string, p: LoadProgress) => void;
	/** `file` is being read (null: all read); errors thrown meanwhile concern it. */
	onFile?: (file: string | null) => void;
	/** A file was read and placed (before the next one is read). */
	onLoaded?: (file: LoadedFile) => void;
}

/**
 * Orders file if it has a date-like role and an amount (or quantity × price) and no orders file
 * came before it in the same load; a customers file if it has a customer id and does not look like
 * orders; otherwise unused.
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
	const cust = detectCustomerRoles(columns);
	if (cust.roles.customer_id !== undefined && !looksLikeOrders) {
		return { kind: 'customers', orderRoles };
	}
	return { kind: 'unused', orderRoles };
}

/**
 * Read `inputs` in order, classify each and move it to RAW_ORDERS or RAW_CUSTOMERS (replacing the
 * table there) or drop it. The first orders-looking file is the orders file; a later one is unused.
 * Throws what loadCsv throws (LoadError, AbortError); files placed before stay placed.
 */
export async function loadFiles(
	engine: Engine,
	inputs: readonly LoadInput[],
	opts: LoadFilesOptions = {}
): Promise<LoadedFile[]> {
	const out: LoadedFile[] = [];
	let haveOrders = false;
	for (const [i, input] of inputs.entries()) {
		opts.onFile?.(input.name);
		const tmp = uploadTable(i);
		const t0 = performance.now();
		const report = await loadCsv(engine, input, tmp, {
			signal: opts.signal,
			onProgress: (p) => opts.onProgress?.(input.name, p)
		});
		measure(`load ${input.name}`, t0);
		const { kind, orderRoles } = classify(report.columns, haveOrders);
		const table = kind === 'orders' ? RAW_ORDERS : kind === 'customers' ? RAW_CUSTOMERS : null;
		if (table) await moveTable(engine, tmp, table);
		else await dropTable(engine, tmp);
		haveOrders ||= kind === 'orders';
		const file: LoadedFile = {
			input,
			kind,
			orderRoles,
			report: { ...report, table: table ?? tmp }
		};
		out.push(file);
		opts.onLoaded?.(file);
	}
	opts.onFile?.(null);
	return out;
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
 * compressed one for files large for `memoryLimit` (db/memory.ts). True when compressed.
 */
export async function startDataSet(
	engine: DatabaseEngine,
	inputs: readonly LoadInput[],
	memoryLimit: number | string
): Promise<boolean> {
	await dropAll(engine);
	const packed = prefersCompressed(inputBytes(inputs), memoryLimitBytes(memoryLimit));
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
