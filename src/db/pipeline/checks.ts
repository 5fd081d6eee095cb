/**
 * Data checks on a built data set (core/data-warnings): exact duplicate rows of the raw orders
 * file, future dates, zero and negative amounts, missing customer ids.
 */
import {
	buildDataWarningsQuery,
	buildDuplicatesStatement,
	localDate,
	toDataWarnings,
	type DataWarning
} from '../../core/data-warnings';
import { measure } from '../../core/timing';
import type { Engine } from '../engine';

export { DuplicateSearch } from './duplicate-search';

/**
 * (Re)create raw_duplicates for raw table `table` with file columns `columns`: every row equal
 * to an earlier one. A pass over the file (about ½ s at a million lines).
 */
export async function findDuplicates(
	engine: Engine,
	table: string,
	columns: readonly string[]
): Promise<void> {
	const t = performance.now();
	await engine.exec(buildDuplicatesStatement(table, columns));
	measure('duplicates', t);
}

/**
 * The data warnings over `tx` and raw_duplicates (findDuplicates first), one per kind in the
 * query's order. `today` (YYYY-MM-DD, the person's local date) decides what is in the future.
 */
export async function dataWarnings(
	engine: Engine,
	today: string = localDate()
): Promise<DataWarning[]> {
	const t = performance.now();
	const rows = await engine.query<{ kind: string; count: number; examples: string }>(
		buildDataWarningsQuery(today)
	);
	measure('warnings', t);
	return toDataWarnings(rows);
}
