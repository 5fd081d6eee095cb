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
import { Table, type RecordBatch } from 'apache-arrow';
import {
	ResultTooLargeError,
	type Engine,
	type QueryResult,
	type UserQueryOptions
} from './engine';
import type { Row } from '../core/analysis';
import { tableColumns, tableToResult, tableToRowsSliced, tableToUtf8 } from './rows';
import { SESSION_SETUP, lockdownStatements } from './session';
import { memoryLimitStatement } from './memory';
import { EngineCrashError } from '../core/engine-errors';
import { ident, type Sql } from '../core/sql';
import type { AnalysisRun, WarmUpResult } from './warm-up';

export interface BrowserEngine extends Engine {
	/** Kill the worker (cancels whatever runs); the engine must not be used afterwards. */
	terminate(): void;
	/** The worker died (see EngineCrashError): every call fails, restart the engine. */
	readonly crashed: boolean;
	/** The database unqualified table names resolve to (both connections), and the default one. */
	readonly database: string;
	readonly defaultDatabase: string;
	/** Make `name` (an attached database) the current one of every connection. */
	useDatabase(name: string): Promise<void>;
	/**
	 * Run the warm-up (db/warm-up.ts) on a connection and in-memory database of its own, dropped
	 * afterwards. 'stopped' when the page called the engine meanwhile: the warm-up ends at its next
	 * statement so that the page's work waits for one small statement at most. `analyses` are run
	 * after the load, as the dashboard runs them.
	 */
	warmUp(
		analyses: readonly AnalysisRun[]
	): Promise<{ state: 'done'; result: WarmUpResult } | { state: 'stopped' }>;
}

/** The warm-up's throw-away database (attached and detached by warmUp). */
const WARM_DATABASE = '__warm_up';

/** Thrown inside the warm-up when the page needs the engine. */
class WarmUpStopped extends Error {}

export interface BrowserEngineOptions {
	/** DuckDB's memory_limit: MiB, or a text like '64MB' (src/db/memory.ts). */
	memoryLimit: number | string;
}

/** The DuckDB worker's `self.name`. */
export const DUCKDB_WORKER_NAME = 'duckdb';

/**
 * The DuckDB worker, bound by the page's Content-Security-Policy. A worker started from its own
 * URL takes its policy from its own response headers, which a static host (GitHub Pages) cannot
 * send: it could fetch from any site. A worker started from a blob: URL inherits the policy of the
 * page that made it (connect-src 'self'), so its script only imports the bundled worker.
 */
export function startWorker(): Worker {
	const absolute = new URL(workerUrl, document.baseURI).href;
	const script = `importScripts(${JSON.stringify(absolute)});`;
	const blobUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
	try {
		// Named, so tests and devtools can tell it from other workers (its URL is a blob:).
		return new Worker(blobUrl, { name: DUCKDB_WORKER_NAME });
	} finally {
		// The worker has its script once it starts; the URL is not needed afterwards.
		setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
	}
}

/** Start DuckDB-WASM in a worker. Called as soon as the page opens, not when a file arrives. */
export async function createBrowserEngine(options: BrowserEngineOptions): Promise<BrowserEngine> {
	const worker = startWorker();
	// AsyncDuckDB forgets its pending requests when the worker dies (they would never settle):
	// every call races this promise, so a crash rejects it with EngineCrashError instead.
	let crashed = false;
	let crash: (e: EngineCrashError) => void = () => undefined;
	const died = new Promise<never>((_, reject) => (crash = reject));
	died.catch(() => undefined);
	const onCrash = (detail: string) => {
		if (crashed) return;
		crashed = true;
		crash(new EngineCrashError(detail));
	};
	worker.addEventListener('error', (e) => {
		// Handled here (the session restarts the engine): not an uncaught error of the page.
		e.preventDefault();
		onCrash(e.message);
	});
	worker.addEventListener('messageerror', () => onCrash('unreadable message from the worker'));
	const guard = <T>(p: Promise<T>): Promise<T> => {
		if (crashed) return died;
		return Promise.race([p, died]);
	};

	const db = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
	// Absolute: the blob: worker has no base URL of its own to resolve a relative one against.
	await guard(db.instantiate(new URL(wasmUrl, document.baseURI).href));
	const conn: AsyncDuckDBConnection = await guard(db.connect());
	// The lockdown first (it ends by locking the configuration), then the connection's setup.
	for (const stmt of [
		...lockdownStatements(memoryLimitStatement(options.memoryLimit)),
		...SESSION_SETUP
	]) {
		await guard(conn.query(stmt));
	}
	const defaultDatabase = String(
		(await guard(conn.query('SELECT current_database() AS d'))).getChild('d')?.get(0) ?? 'memory'
	);
	let database = defaultDatabase;
	const useStatement = (name: string) => `USE ${ident(name).text}`;

	// Set by every call of the page: a running warm-up stops at its next statement.
	let pageNeedsEngine = false;

	async function run(q: Sql | string) {
		pageNeedsEngine = true;
		return guard(runOn(conn, q));
	}

	async function runOn(c: AsyncDuckDBConnection, q: Sql | string) {
		const t0 = performance.now();
		if (typeof q === 'string' || q.params.length === 0) {
			const table = await c.query(typeof q === 'string' ? q : q.text);
			return { table, ms: performance.now() - t0 };
		}
		const stmt = await c.prepare(q.text);
		try {
			const table = await stmt.query(...q.params);
			return { table, ms: performance.now() - t0 };
		} finally {
			await stmt.close();
		}
	}

	type Runner = (q: Sql | string) => ReturnType<typeof runOn>;
	/** exec, query and queryFull over one way of running a statement (page or warm-up). */
	function statementsOver(
		runner: Runner
	): Pick<Engine, 'exec' | 'query' | 'queryFull' | 'queryUtf8'> {
		return {
			async exec(q) {
				await runner(q);
			},
			async query<T = Row>(q: Sql | string) {
				return tableToRowsSliced<T>((await runner(q)).table);
			},
			async queryFull<T = Row>(q: Sql | string): Promise<QueryResult<T>> {
				const { table, ms } = await runner(q);
				return tableToResult<T>(table, ms);
			},
			async queryUtf8<K extends string = string>(q: Sql | string) {
				return tableToUtf8((await runner(q)).table) as Record<K, Uint8Array | null>[];
			}
		};
	}

	// User queries (notebook) get their own connection: a pending query there can be cancelled
	// without touching the dashboard's queries on `conn`. Views and tables are shared (same
	// database); session settings are per connection, so they are applied again.
	let userConn: Promise<AsyncDuckDBConnection> | null = null;
	let running = false;
	function user(): Promise<AsyncDuckDBConnection> {
		userConn ??= db.connect().then(async (c) => {
			for (const stmt of SESSION_SETUP) await c.query(stmt);
			if (database !== defaultDatabase) await c.query(useStatement(database));
			return c;
		});
		return userConn;
	}

	return {
		async queryCancellable<T = Row>(
			text: string,
			options: UserQueryOptions = {}
		): Promise<QueryResult<T>> {
			pageNeedsEngine = true;
			const c = await user();
			const t0 = performance.now();
			const maxBytes = options.maxBytes ?? Infinity;
			running = true;
			try {
				const reader = await c.send(text, true);
				if (!reader) throw new Error('DuckDB worker is gone');
				const batches: RecordBatch[] = [];
				let bytes = 0;
				for await (const batch of reader) {
					// Measured before converting: a result too large for the page is never decoded.
					bytes += batch.data.byteLength;
					if (bytes > maxBytes) {
						await c.cancelSent().catch(() => false);
						throw new ResultTooLargeError(bytes, maxBytes);
					}
					batches.push(batch);
				}
				const table = new Table(reader.schema, batches);
				const rows = await tableToRowsSliced<T>(table);
				return { rows, columns: tableColumns(table), ms: performance.now() - t0 };
			} finally {
				running = false;
			}
		},
		async interrupt() {
			if (!running || !userConn) return false;
			return (await userConn).cancelSent();
		},
		...statementsOver(run),
		async registerBuffer(name, bytes) {
			pageNeedsEngine = true;
			await guard(db.registerFileBuffer(name, bytes));
		},
		async registerFile(name, file) {
			pageNeedsEngine = true;
			// BROWSER_FILEREADER reads the File in place: no copy into JS memory (STACK.md).
			await guard(db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true));
		},
		async dropFile(name) {
			pageNeedsEngine = true;
			await guard(db.dropFile(name));
		},
		async close() {
			await conn.close();
			await db.terminate();
		},
		get database() {
			return database;
		},
		defaultDatabase,
		async useDatabase(name: string) {
			if (name === database) return;
			await run(useStatement(name));
			database = name;
			// The notebook's connection reads the same tables.
			if (userConn) {
				const c = await userConn;
				await guard(c.query(useStatement(name)));
			}
		},
		async warmUp(analyses) {
			pageNeedsEngine = false;
			const c = await guard(db.connect());
			const step = async (q: Sql | string) => {
				if (pageNeedsEngine) throw new WarmUpStopped();
				return guard(runOn(c, q));
			};
			const statements = statementsOver(step);
			const engine: Engine = {
				...statements,
				queryCancellable: (text) => statements.queryFull(text),
				interrupt: async () => false,
				registerBuffer: async (name, bytes) => {
					if (pageNeedsEngine) throw new WarmUpStopped();
					await guard(db.registerFileBuffer(name, bytes));
				},
				// The user's file is read through this path (a File handle, read in place by the
				// worker's FileReaderSync): warming it up too warms the code a file given next runs.
				registerFile: async (name, file) => {
					if (pageNeedsEngine) throw new WarmUpStopped();
					await guard(
						db.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true)
					);
				},
				dropFile: async (name) => void (await guard(db.dropFile(name))),
				close: async () => undefined
			};
			try {
				for (const stmt of SESSION_SETUP) await step(stmt);
				await step(`ATTACH ':memory:' AS ${WARM_DATABASE}`);
				await step(`USE ${WARM_DATABASE}`);
				const { runWarmUp } = await import('./warm-up');
				return { state: 'done' as const, result: await runWarmUp(engine, analyses) };
			} catch (e) {
				if (e instanceof WarmUpStopped) return { state: 'stopped' as const };
				throw e;
			} finally {
				// Closing the connection drops its temp tables; the database goes with DETACH.
				await guard(
					c.query(`${useStatement(defaultDatabase)}; DETACH DATABASE IF EXISTS ${WARM_DATABASE}`)
				).catch(() => undefined);
				await c.close().catch(() => undefined);
			}
		},
		terminate() {
			worker.terminate();
		},
		get crashed() {
			return crashed;
		}
	};
}
