/** How closeDiff compares; the defaults are the comparison every caller had before the options. */
export interface CloseOptions {
	/** Relative tolerance for numbers (absolute near zero); 1e-9 by default. */
	rel?: number;
	/** Two integers (counts) must be equal, not only close. */
	exactIntegers?: boolean;
	/** Object keys left out (e.g. the time a model fit took). */
	ignoreKeys?: readonly string[];
	/** Counts the numbers that were close but not equal. */
	drift?: { n: number };
}

/**
 * Deep equality for comparing analysis results computed two ways: numbers within 1e-9 relative
 * (absolute near zero), since sums of doubles may add up in another order; equal infinities are
 * equal; dates by their time; everything else exact. Returns null when equal, else the path of the first difference.
 */
export function closeDiff(
	actual: unknown,
	expected: unknown,
	path = '$',
	options: CloseOptions = {}
): string | null {
	if (typeof actual === 'number' && typeof expected === 'number') {
		// Equal values, infinities included (their difference is NaN); NaN is never equal.
		if (actual === expected) return null;
		if (options.exactIntegers && Number.isInteger(actual) && Number.isInteger(expected))
			return `${path}: count ${actual} ≠ ${expected}`;
		const tol = (options.rel ?? 1e-9) * Math.max(1, Math.abs(actual), Math.abs(expected));
		if (Math.abs(actual - expected) > tol) return `${path}: ${actual} ≠ ${expected}`;
		if (options.drift) options.drift.n++;
		return null;
	}
	if (actual instanceof Date || expected instanceof Date) {
		const same =
			actual instanceof Date && expected instanceof Date && actual.getTime() === expected.getTime();
		return same ? null : `${path}: ${String(actual)} ≠ ${String(expected)}`;
	}
	if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
		if (Array.isArray(actual) !== Array.isArray(expected)) return `${path}: array vs object`;
		if (Array.isArray(actual) && Array.isArray(expected)) {
			if (actual.length !== expected.length)
				return `${path}: length ${actual.length} ≠ ${expected.length}`;
			for (let i = 0; i < actual.length; i++) {
				const d = closeDiff(actual[i], expected[i], `${path}[${i}]`, options);
				if (d) return d;
			}
			return null;
		}
		const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
		for (const k of keys) {
			if (options.ignoreKeys?.includes(k)) continue;
			const d = closeDiff(
				(actual as Record<string, unknown>)[k],
				(expected as Record<string, unknown>)[k],
				`${path}.${k}`,
				options
			);
			if (d) return d;
		}
		return null;
	}
	return Object.is(actual, expected) ? null : `${path}: ${String(actual)} ≠ ${String(expected)}`;
}
