/**
 * How to recognise the engine running out of memory or dying (guarantee 7), from the error
 * alone. Pure: db throws EngineCrashError; state and ui classify what they catch with these.
 * Unit-tested in tests/unit/db/memory.test.ts.
 */

/** The DuckDB worker died (a wasm abort, the browser killing it): the engine must be restarted. */
export class EngineCrashError extends Error {
	constructor(detail: string) {
		super(detail || 'the DuckDB worker stopped');
		this.name = 'EngineCrashError';
	}
}

/**
 * Messages of the ways running out of memory shows up: DuckDB's "Out of Memory Error" (the limit
 * was reached), the wasm heap unable to grow (`Cannot enlarge memory`, `Maximum memory size
 * exceeded`, `Aborted(OOM)`, `bad_alloc`), and JS engines refusing an allocation (`RangeError:
 * Array buffer allocation failed`, `Invalid array length`, `Invalid string length`).
 */
const OOM_PATTERNS = [
	/out of memory/i,
	/\bOOM\b/,
	/cannot enlarge memory/i,
	/maximum memory size exceeded/i,
	/memory\.grow/i,
	/could not allocate/i,
	/failed to allocate/i,
	/bad_alloc/i,
	/array buffer allocation failed/i,
	/invalid (typed )?array length/i,
	/invalid string length/i
];

/** Text of any thrown value (Error, ErrorEvent-like, string). */
function messageOf(e: unknown): string {
	if (e instanceof Error) return `${e.name}: ${e.message}`;
	if (typeof e === 'object' && e !== null && 'message' in e) return String(e.message);
	return String(e);
}

/** True when `e` (an error or its message) means the browser or DuckDB ran out of memory. */
export function isOutOfMemory(e: unknown): boolean {
	const text = messageOf(e);
	return OOM_PATTERNS.some((p) => p.test(text));
}

/**
 * The first line of an out-of-memory error: DuckDB appends advice meant for its own users
 * (SET threads, temp_directory, a web link) that does not apply in this page.
 */
export function memoryDetail(message: string): string {
	return message.split('\n', 1)[0]!.trim();
}

/** True when the engine cannot be used any more and must be restarted. */
export function isEngineDead(e: unknown): boolean {
	if (e instanceof EngineCrashError) return true;
	// A wasm abort leaves the module unusable: every later call fails too.
	return /Aborted\(|RuntimeError|unreachable|memory access out of bounds/i.test(messageOf(e));
}
