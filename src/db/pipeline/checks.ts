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
import type { LoadReport } from '../../core/ingest/types';
import type { Engine } from '../engine';

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

/**
 * raw_duplicates for the raw orders table it was found for: the search (a pass over the file)
 * runs once per orders table loaded, however often the tables are rebuilt or checked.
 */
export class DuplicateSearch {
	private table = 0;
	private searched = -1;

	/** A new raw orders table was loaded: the next `ensure` searches it. */
	newTable(): void {
		this.table++;
	}

	/** findDuplicates in raw table `table` of the file `report`, unless done for this table. */
	async ensure(engine: Engine, table: string, report: LoadReport | null): Promise<void> {
		if (!report || this.searched === this.table) return;
		const stamp = this.table;
		// An appended set's source column is left out: a row two overlapping exports both hold
		// is a duplicate, whichever file it came from.
		const columns = report.columns.map((c) => c.name).filter((n) => n !== report.sourceColumn);
		await findDuplicates(engine, table, columns);
		this.searched = stamp;
	}
}
