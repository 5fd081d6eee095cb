import path from 'node:path';
import { readFileSync } from 'node:fs';
import {
	ResultTooLargeError,
	type Engine,
	type QueryResult,
	type UserQueryOptions
} from '../../src/db/engine';
import type { Row } from '../../src/core/analysis';
import { tableToResult, tableToUtf8 } from '../../src/db/rows';
import { Sql } from '../../src/core/sql';
import { SESSION_SETUP, lockdownStatements } from '../../src/db/session';
import { memoryLimitStatement } from '../../src/db/memory';
import { createWasmDuckDB } from '../../scripts/lib/duckdb-wasm-node.mjs';

/** How many times this process compiled DuckDB's wasm (the engine keeps the compiled module). */
export { wasmCompilations } from '../../scripts/lib/duckdb-wasm-node.mjs';

/**
 * `inner` recording the text of every statement it runs (exec, query, queryFull, queryUtf8) in
 * `ran`, for tests that count the statements a step ran; empty `ran` (`ran.length = 0`) to start
 * again.
 */
export function recordingEngine(inner: Engine): { engine: Engine; ran: string[] } {
	const ran: string[] = [];
	const text = (q: Sql | string) => (typeof q === 'string' ? q : q.text);
	const engine = {
		...inner,
		exec: (q) => (ran.push(text(q)), inner.exec(q)),
		query: (q) => (ran.push(text(q)), inner.query(q)),
		queryFull: (q) => (ran.push(text(q)), inner.queryFull(q)),
		queryUtf8: inner.queryUtf8 && ((q) => (ran.push(text(q)), inner.queryUtf8!(q)))
	} as Engine;
	return { engine, ran };
}

export async function createNodeEngine(options: { memoryLimit?: string } = {}): Promise<Engine> {
	const db = await createWasmDuckDB();
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
		async queryUtf8<K extends string = string>(q: Sql | string) {
			return tableToUtf8(run(q).table) as Record<K, Uint8Array | null>[];
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
