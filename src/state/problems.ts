import { LoadError } from '../core/ingest/types';
import { isEngineDead, isOutOfMemory, memoryDetail } from '../core/engine-errors';

/** A user-facing problem: which file, what happened. Messages are plain text. */
export interface Problem {
	file: string | null;
	/** A message-catalogue key (translated by the UI), or null when `message` is the text. */
	key: string | null;
	message: string;
	/** Values for the translated message besides {detail} (e.g. a line number). */
	params?: Record<string, number | string>;
}

/**
 * The problem to show for an error thrown while loading or building: a LoadError by its code;
 * running out of memory (DuckDB's limit, the wasm heap, a JS allocation: src/db/memory.ts) with
 * an explanation of what to do (DuckDB itself stays usable, see
 * tests/unit/state/problems.test.ts); a dead worker as such (the session restarts the engine);
 * anything else with its own message.
 */
export function problemOf(e: unknown, file: string | null = null): Problem {
	if (e instanceof LoadError)
		return { file: e.file, key: `loadError.${e.code}`, message: e.message, params: e.params };
	const message = e instanceof Error ? e.message : String(e);
	if (isOutOfMemory(e)) return { file, key: 'error.outOfMemory', message: memoryDetail(message) };
	if (isEngineDead(e)) return { file, key: 'error.engineCrashed', message };
	return { file, key: null, message };
}
