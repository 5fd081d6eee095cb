import {
	AsyncDuckDB,
	ConsoleLogger,
	DuckDBDataProtocol,
	LogLevel,
	type AsyncDuckDBConnection
} from '@duckdb/duckdb-wasm';
// Bundled locally by Vite (never a CDN). EH bundle only: see STACK.md.
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { Engine, QueryResult, Row } from './engine';
import { tableToResult, tableToRowsSliced } from './rows';
import { SESSION_SETUP } from './session';
import type { Sql } from '../core/sql';

export interface BrowserEngine extends Engine {
	/** Kill the worker (cancels whatever runs); the engine must not be used afterwards. */
	terminate(): void;
}

/** Start DuckDB-WASM in a worker. Called as soon as the page opens, not when a file arrives. */
export async function createBrowserEngine(): Promise<BrowserEngine> {
	const worker = new Worker(workerUrl);
	const db = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
	await db.instantiate(wasmUrl);
	const conn: AsyncDuckDBConnection = await db.connect();
	for (const stmt of SESSION_SETUP) await conn.query(stmt);

	async function run(q: Sql | string) {
		const t0 = performance.now();
		if (typeof q === 'string' || q.params.length === 0) {
			const table = await conn.query(typeof q === 'string' ? q : q.text);
			return { table, ms: performance.now() - t0 };
		}
		const stmt = await conn.prepare(q.text);
		try {
			const table = await stmt.query(...q.params);
			return { table, ms: performance.now() - t0 };
		} finally {
			await stmt.close();
		}
	}

	return {
		async exec(q) {
			await run(q);
		},
		async query<T = Row>(q: Sql | string) {
			const { table } = await run(q);
			return tableToRowsSliced<T>(table);
		},
		async queryFull<T = Row>(q: Sql | string): Promise<QueryResult<T>> {
			const { table, ms } = await run(q);
			return tableToResult<T>(table, ms);
		},
		async registerBuffer(name, bytes) {
			await db.registerFileBuffer(name, bytes);
		},
		async registerFile(name, file) {
			// BROWSER_FILEREADER reads the File in place: no copy into JS memory (STACK.md).
			await db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async dropFile(name) {
			await db.dropFile(name);
		},
		async close() {
			await conn.close();
			await db.terminate();
		},
		terminate() {
			worker.terminate();
		}
	};
}
