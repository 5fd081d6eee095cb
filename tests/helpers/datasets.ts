// The public datasets in ../shared/datasets (beside the repository, never in it). A test that
// reads one is skipped on a machine without the folder, but fails when CI is set: CI always has
// it, so a missing folder there is a broken set-up, not a reason to pass quietly.
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../shared/datasets');

/** Absolute path of `relative` under shared/datasets. */
export function datasetPath(relative: string): string {
	return path.join(ROOT, relative);
}

/**
 * Whether the dataset file is there. Absent with CI set: throws (the suite fails at collection)
 * instead of letting describe.skipIf / it.skipIf skip it.
 */
export function datasetPresent(file: string, env: NodeJS.ProcessEnv = process.env): boolean {
	if (existsSync(file)) return true;
	if (env.CI) {
		throw new Error(`CI is set but the dataset ${file} is missing (../shared/datasets)`);
	}
	return false;
}
