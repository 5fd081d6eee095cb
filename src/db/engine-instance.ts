import { createBrowserEngine, type BrowserEngine } from './duckdb-browser';

/**
 * The page's one DuckDB instance. Started as soon as this module is imported (page open), so the
 * wasm is fetched and compiled while the user picks a file. `restart()` replaces a killed worker
 * (cancel of a long load).
 */
let current: Promise<BrowserEngine> = createBrowserEngine();

export function getEngine(): Promise<BrowserEngine> {
	return current;
}

/** Kill the running worker (cancels any query) and start a fresh engine. Loaded tables are gone. */
export async function restartEngine(): Promise<BrowserEngine> {
	const old = current;
	current = createBrowserEngine();
	old.then((e) => e.terminate()).catch(() => undefined);
	return current;
}
