// DuckDB-WASM through its blocking Node bindings, the wasm compiled once per process: the unit
// tests' engine (tests/helpers/node-engine.ts) and the bench's statement replay
// (scripts/bench/statements.mjs) both make many databases.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking');
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/**
 * DuckDB's Node bindings compile the 35 MB wasm file again for every database, and V8 then
 * optimises each copy on its own: about 2.5 s of CPU per engine, and the unit suite makes well over
 * a hundred. The compiled module is kept per file and instantiated for each database instead: the
 * same wasm, the same imports, a fresh instance (its own memory) per engine.
 */
const compiledModules = new Map();
let compilations = 0;

/** How many times this process compiled DuckDB's wasm (tests/unit/db/node-engine.test.ts). */
export function wasmCompilations() {
	return compilations;
}

function compiledModule(file) {
	let module = compiledModules.get(file);
	if (!module) {
		compilations++;
		module = WebAssembly.compile(readFileSync(file));
		compiledModules.set(file, module);
	}
	return module;
}

/**
 * Replaces the bindings' instantiateWasm (which reads and compiles the file) with one that
 * instantiates the kept module, and returns the instantiation, to be awaited beside
 * db.instantiate() so that a failure is thrown rather than left pending. It does what the original
 * does first: expose the runtime's functions as globalThis.DUCKDB_RUNTIME for the wasm's imports.
 * Throws if a new version of the package no longer has the shape this relies on, so the change is
 * seen rather than slow.
 */
async function reuseCompiledModule(db) {
	if (typeof db.instantiateWasm !== 'function' || typeof db.mainModulePath !== 'string') {
		throw new Error('@duckdb/duckdb-wasm changed how its Node bindings load the wasm file');
	}
	const module = await compiledModule(db.mainModulePath);
	const runtime = db._runtime;
	let settle;
	const instantiated = new Promise((resolve, reject) => (settle = { resolve, reject }));
	db.instantiateWasm = (imports, done) => {
		const exposed = {};
		for (const name of Object.getOwnPropertyNames(runtime)) {
			if (name !== 'constructor') {
				exposed[name] = Object.getOwnPropertyDescriptor(runtime, name)?.value;
			}
		}
		globalThis.DUCKDB_RUNTIME = exposed;
		WebAssembly.instantiate(module, imports).then((instance) => {
			done(instance, module);
			settle?.resolve();
		}, settle?.reject);
		return [];
	};
	return { instantiated };
}

/** A fresh DuckDB-WASM database (the EH build, as the page's), instantiated from the kept module. */
export async function createWasmDuckDB() {
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: join(DIST, 'duckdb-mvp.wasm'),
				mainWorker: join(DIST, 'duckdb-node-mvp.worker.cjs')
			},
			eh: {
				mainModule: join(DIST, 'duckdb-eh.wasm'),
				mainWorker: join(DIST, 'duckdb-node-eh.worker.cjs')
			}
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	const { instantiated } = await reuseCompiledModule(db);
	await Promise.all([db.instantiate(), instantiated]);
	return db;
}
