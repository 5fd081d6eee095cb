/**
 * Which raw orders table's exact duplicates have been searched (checks.ts findDuplicates). Kept
 * apart from the checks so that the page's state can hold one before the load pipeline is
 * fetched: the search's code comes with its first use.
 */
import type { LoadReport } from '../../core/ingest/types';
import type { Engine } from '../engine';

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
		const { findDuplicates } = await import('./checks');
		await findDuplicates(engine, table, columns);
		this.searched = stamp;
	}
}
