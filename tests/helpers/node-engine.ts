import { createRequire } from 'node:module';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
	ResultTooLargeError,
	type Engine,
	type QueryResult,
	type UserQueryOptions
} from '../../src/db/engine';
import type { Row } from '../../src/core/analysis';
import { tableToResult } from '../../src/db/rows';
import { Sql } from '../../src/core/sql';
import { SESSION_SETUP, lockdownStatements } from '../../src/db/session';
import { memoryLimitStatement } from '../../src/db/memory';

const require = createRequire(import.meta.url);
const duckdb =
	require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');

const DIST = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/**
 * DuckDB's Node bindings compile the 35 MB wasm file again for every database, and V8 then
 * optimises each copy on its own: about 2.5 s of CPU per engine, and the unit suite makes well over
 * a hundred. The compiled module is kept per file and instantiated for each database instead: the
 * same wasm, the same imports, a fresh instance (its own memory) per engine.
 */
const compiledModules = new Map<string, Promise<WebAssembly.Module>>();
let compilations = 0;

/** How many times this process compiled DuckDB's wasm (tests/unit/db/node-engine.test.ts). */
export function wasmCompilations(): number {
	return compilations;
}

function compiledModule(file: string): Promise<WebAssembly.Module> {
	let module = compiledModules.get(file);
	if (!module) {
		compilations++;
		module = WebAssembly.compile(readFileSync(file));
		compiledModules.set(file, module);
	}
	return module;
}

/** The part of the bindings' class (duckdb-node-blocking.cjs) that loads the wasm. */
interface WasmLoadingBindings {
	mainModulePath: string;
	_runtime: object;
	instantiateWasm(
		imports: WebAssembly.Imports,
		done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void
	): unknown;
}

/**
 * Replaces the bindings' instantiateWasm (which reads and compiles the file) with one that
 * instantiates the kept module, and returns the instantiation, to be awaited beside
 * db.instantiate() so that a failure is thrown rather than left pending. It does what the original
 * does first: expose the runtime's functions as globalThis.DUCKDB_RUNTIME for the wasm's imports.
 * Throws if a new version of the package no longer has the shape this relies on, so the change is
 * seen rather than slow.
 */
async function reuseCompiledModule(db: object): Promise<{ instantiated: Promise<void> }> {
	const bindings = db as Partial<WasmLoadingBindings>;
	if (
		typeof bindings.instantiateWasm !== 'function' ||
		typeof bindings.mainModulePath !== 'string'
	) {
		throw new Error('@duckdb/duckdb-wasm changed how its Node bindings load the wasm file');
	}
	const module = await compiledModule(bindings.mainModulePath);
	const runtime = bindings._runtime as Record<string, unknown>;
	let settle: { resolve(): void; reject(e: unknown): void } | undefined;
	const instantiated = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
	bindings.instantiateWasm = (imports, done) => {
		const exposed: Record<string, unknown> = {};
		for (const name of Object.getOwnPropertyNames(runtime)) {
			if (name !== 'constructor') {
				exposed[name] = Object.getOwnPropertyDescriptor(runtime, name)?.value;
			}
		}
		(globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = exposed;
		WebAssembly.instantiate(module, imports).then((instance) => {
			done(instance, module);
			settle?.resolve();
		}, settle?.reject);
		return [];
	};
	return { instantiated };
}

export async function createNodeEngine(options: { memoryLimit?: string } = {}): Promise<Engine> {
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: path.join(DIST, 'duckdb-mvp.wasm'),
				mainWorker: path.join(DIST, 'duckdb-node-mvp.worker.cjs')
			},
			eh: {
				mainModule: path.join(DIST, 'duckdb-eh.wasm'),
				mainWorker: path.join(DIST, 'duckdb-node-eh.worker.cjs')
			}
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	const { instantiated } = await reuseCompiledModule(db);
	await Promise.all([db.instantiate(), instantiated]);
	const conn = db.connect();
	// The browser's lockdown too: tests see the engine as the page has it (files under /clientele/).
	// The memory limit, as in the browser, is set before the lock (a test passes a small one).
	const memory = options.memoryLimit ? memoryLimitStatement(options.memoryLimit) : undefined;
	for (const stmt of [...lockdownStatements(memory), ...SESSION_SETUP]) conn.query(stmt);

	function run(q: Sql | string) {
		const t0 = performance.now();
		if (typeof q === 'string' || q.params.length === 0) {
			const table = conn.query(typeof q === 'string' ? q : q.text);
			return { table, ms: performance.now() - t0 };
		}
		const stmt = conn.prepare(q.text);
		try {
			const table = stmt.query(...q.params);
			return { table, ms: performance.now() - t0 };
		} finally {
			stmt.close();
		}
	}

	const engine: Engine = {
		async exec(q) {
			run(q);
		},
		async query<T = Row>(q: Sql | string) {
			const { table, ms } = run(q);
			return tableToResult<T>(table, ms).rows;
		},
		async queryFull<T = Row>(q: Sql | string): Promise<QueryResult<T>> {
			const { table, ms } = run(q);
			return tableToResult<T>(table, ms);
		},
		async queryCancellable<T = Row>(
			text: string,
			options: UserQueryOptions = {}
		): Promise<QueryResult<T>> {
			const { table, ms } = run(text);
			// As the browser engine: the Arrow data is measured before any value is converted.
			const bytes = table.data.reduce((sum, d) => sum + d.byteLength, 0);
			const limit = options.maxBytes ?? Infinity;
			if (bytes > limit) throw new ResultTooLargeError(bytes, limit);
			return tableToResult<T>(table, ms);
		},
		async interrupt() {
			// The blocking bundle runs a query to its end before anything else can run.
			return false;
		},
		async registerBuffer(name, bytes) {
			db.registerFileBuffer(name, bytes);
		},
		async registerFile(name, file) {
			db.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
		},
		async dropFile(name) {
			db.dropFile(name);
		},
		async close() {
			conn.close();
		}
	};
	return engine;
}

/** Read a fixture file as bytes. */
export function fixtureBytes(name: string): Uint8Array {
	return new Uint8Array(readFileSync(path.join(import.meta.dirname, '..', 'fixtures', name)));
}
