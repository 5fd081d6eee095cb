// The rule for tests that read ../shared/datasets: skipped on a machine without the folder,
// failed (not skipped) under CI, where a missing folder means a broken set-up.
import { describe, expect, it } from 'vitest';
import { datasetPath, datasetPresent } from '../../helpers/datasets';

describe('datasetPresent', () => {
	const missing = datasetPath('no-such-dataset/none.csv');

	it('is false for a missing dataset on a developer machine (the test skips)', () => {
		expect(datasetPresent(missing, {})).toBe(false);
	});

	it('throws for a missing dataset when CI is set, so the suite fails instead of skipping', () => {
		expect(() => datasetPresent(missing, { CI: 'true' })).toThrow(/CI is set but the dataset/);
	});

	it('is true for a file that is there', () => {
		expect(datasetPresent(import.meta.filename, { CI: 'true' })).toBe(true);
	});
});
