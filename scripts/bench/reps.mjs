// Repetitions (issue 22): each size is measured several times, app and native interleaved, and
// every figure is reported as the median with its range. The runs of one kind have the same shape
// (runBrowser's or runNative's result); these fold them into one object of that shape.

/** The median of numbers (the mean of the middle two for an even count); null for none. */
export function median(xs) {
	const s = xs.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
	if (s.length === 0) return null;
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `runs` folded leaf by leaf: numbers by `fold` (median, or [min, max]), objects key by key, any
 * other value (text, arrays) from the first run that has it. Runs that lack a key (a measurement
 * taken in the first repetition only) are left out of that key.
 */
function foldRuns(runs, fold) {
	const present = runs.filter((r) => r !== null && r !== undefined);
	if (present.length === 0) return null;
	if (present.every((v) => typeof v === 'number')) return fold(present);
	if (!present.every(isPlain)) return present[0];
	const keys = [...new Set(present.flatMap((r) => Object.keys(r)))];
	return Object.fromEntries(
		keys.map((k) => [
			k,
			foldRuns(
				present.map((r) => r[k]),
				fold
			)
		])
	);
}

/** One run whose every figure is the median of `runs`' (null when there is no run). */
export function medianRun(runs) {
	return foldRuns(runs, median);
}

/** One run whose every figure is [min, max] of `runs`'. */
export function rangeRun(runs) {
	return foldRuns(runs, (xs) => [Math.min(...xs), Math.max(...xs)]);
}

/** A load average above this (on the bench's machine) marks a repetition as disturbed. */
export const BUSY_LOAD = 1.5;
