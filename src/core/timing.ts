/**
 * Timing marks for the measurement scripts (scripts/measure-load.mjs, npm run bench): a
 * performance.measure entry named `clientele: …`. Free when nobody reads it; never affects results.
 */
export function measure(name: string, start: number): void {
	measureSpan(name, start, performance.now() - start);
}

/** A `clientele: …` entry of `ms` starting at `start`, for time spent in pieces (e.g. SQL calls). */
export function measureSpan(name: string, start: number, ms: number): void {
	try {
		performance.measure(`clientele: ${name}`, { start, duration: ms });
	} catch {
		// measure() with options is unsupported: timings are optional
	}
}
