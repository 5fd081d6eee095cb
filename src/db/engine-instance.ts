import type { BrowserEngine } from './duckdb-browser';
import { memoryLimitMiB, parseMemoryLimit } from './memory';

/**
 * DuckDB's memory limit for this page: from the device memory (src/db/memory.ts), or the
 * documented test hook `?memlimit=64MB` (README, "What happens to bad data").
 */
export function pageMemoryLimit(): number | string {
	const hook =
		typeof location === 'undefined'
			? null
			: parseMemoryLimit(new URLSearchParams(location.search).get('memlimit'));
	if (hook) return hook;
	const nav = typeof navigator === 'undefined' ? undefined : navigator;
	return memoryLimitMiB((nav as { deviceMemory?: number } | undefined)?.deviceMemory);
}

/**
 * DuckDB-WASM's bindings and Apache Arrow are a chunk of their own, imported here at once: the
 * browser fetches and evaluates it in parallel with the page's first render instead of inside
 * the page script's first task (a long main-thread task at start-up).
 */
function start(): Promise<BrowserEngine> {
	return import('./duckdb-browser').then((m) =>
		m.createBrowserEngine({ memoryLimit: pageMemoryLimit() })
	);
}

/**
 * The page's one DuckDB instance. Started as soon as this module is imported (page open), so the
 * wasm is fetched and compiled while the user picks a file. `restart()` replaces a killed worker
 * (cancel of a long load, or a worker that died of running out of memory).
 */
let current: Promise<BrowserEngine> = start();

export function getEngine(): Promise<BrowserEngine> {
	return current;
}

/** Kill the running worker (cancels any query) and start a fresh engine. Loaded tables are gone. */
export async function restartEngine(): Promise<BrowserEngine> {
	const old = current;
	current = start();
	old.then((e) => e.terminate()).catch(() => undefined);
	return current;
}
