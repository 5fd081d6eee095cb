// The bench's folding of repetitions (scripts/bench/reps.mjs): medians and ranges leaf by leaf.
import { describe, expect, it } from 'vitest';
import { median, medianRun, rangeRun } from '../../../scripts/bench/reps.mjs';

describe('bench repetitions', () => {
	it('median of an odd and an even count, ignoring missing values', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([null, 2, undefined, Number.NaN])).toBe(2);
		expect(median([])).toBeNull();
	});

	it('folds runs of the same shape leaf by leaf; text and arrays from the first run', () => {
		const runs = [
			{ loadMs: 900, analyses: { rfm: 10, cohort: 30 }, filterDate: '2024-01-01', ids: ['a'] },
			{ loadMs: 700, analyses: { rfm: 30, cohort: 10 }, filterDate: '2024-01-01', ids: ['b'] },
			{ loadMs: 800, analyses: { rfm: 20, cohort: 20 }, filterDate: '2024-01-01', ids: ['c'] }
		];
		expect(medianRun(runs)).toEqual({
			loadMs: 800,
			analyses: { rfm: 20, cohort: 20 },
			filterDate: '2024-01-01',
			ids: ['a']
		});
		expect(rangeRun(runs)).toEqual({
			loadMs: [700, 900],
			analyses: { rfm: [10, 30], cohort: [10, 30] },
			filterDate: '2024-01-01',
			ids: ['a']
		});
	});

	it('a measurement of the first repetition only is kept; failed runs (null) are left out', () => {
		expect(medianRun([{ a: 1, extra: { n: 5 } }, null, { a: 3 }])).toEqual({
			a: 2,
			extra: { n: 5 }
		});
		expect(medianRun([null, null])).toBeNull();
	});
});
