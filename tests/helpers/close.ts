/**
 * Deep equality for comparing analysis results computed two ways: numbers within 1e-9 relative
 * (absolute near zero), since sums of doubles may add up in another order; everything else exact.
 * Returns null when equal, else the path of the first difference.
 */
export function closeDiff(actual: unknown, expected: unknown, path = '$'): string | null {
	if (typeof actual === 'number' && typeof expected === 'number') {
		const tol = 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected));
		return Math.abs(actual - expected) <= tol ? null : `${path}: ${actual} ≠ ${expected}`;
	}
	if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
		if (Array.isArray(actual) !== Array.isArray(expected)) return `${path}: array vs object`;
		if (Array.isArray(actual) && Array.isArray(expected)) {
			if (actual.length !== expected.length)
				return `${path}: length ${actual.length} ≠ ${expected.length}`;
			for (let i = 0; i < actual.length; i++) {
				const d = closeDiff(actual[i], expected[i], `${path}[${i}]`);
				if (d) return d;
			}
			return null;
		}
		const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
		for (const k of keys) {
			const d = closeDiff(
				(actual as Record<string, unknown>)[k],
				(expected as Record<string, unknown>)[k],
				`${path}.${k}`
			);
			if (d) return d;
		}
		return null;
	}
	return Object.is(actual, expected) ? null : `${path}: ${String(actual)} ≠ ${String(expected)}`;
}
