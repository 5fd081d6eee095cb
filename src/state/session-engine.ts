/**
 * Where the Session gets its engine: the page's one (db/engine-instance) by default, a Node engine
 * in the unit tests (tests/unit/state/session.svelte.test.ts) — so no part of the Session reaches
 * for the page's global engine itself.
 */
import type { BrowserEngine } from '../db/duckdb-browser';
import { getEngine, pageMemoryLimit, restartEngine } from '../db/engine-instance';
import type { EngineSource } from '../db/pipeline/engine-status';

/** What the Session asks of an engine: the browser engine's calls, less killing its worker. */
export type SessionEngine = Omit<BrowserEngine, 'terminate'>;

export interface SessionEngineSource extends EngineSource<SessionEngine> {
	/** DuckDB's memory limit of the engine (a large file for it is kept compressed). */
	memoryLimit(): number | string;
}

/** The page's engine, its restart and its memory limit. */
export const PAGE_ENGINE: SessionEngineSource = {
	get: getEngine,
	restart: restartEngine,
	memoryLimit: pageMemoryLimit
};
