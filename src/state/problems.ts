import { LoadError } from '../db/load-csv';

/** A user-facing problem: which file, what happened. Messages are plain text. */
export interface Problem {
	file: string | null;
	/** A message-catalogue key (translated by the UI), or null when `message` is the text. */
	key: string | null;
	message: string;
}

/**
 * The problem to show for an error thrown while loading or building: a LoadError by its code;
 * DuckDB running out of memory with an explanation of what to do (the engine itself stays
 * usable, see tests/unit/state/problems.test.ts); anything else with its own message.
 */
export function problemOf(e: unknown, file: string | null = null): Problem {
	if (e instanceof LoadError)
		return { file: e.file, key: `loadError.${e.code}`, message: e.message };
	const message = e instanceof Error ? e.message : String(e);
	if (/out of memory/i.test(message)) return { file, key: 'error.outOfMemory', message };
	return { file, key: null, message };
}
