import type { Sql } from '../core/sql';
import type { Row } from '../core/analysis';

/** Options of a user query (notebook). */
export interface UserQueryOptions {
	/**
	 * Refuse a result whose Arrow data passes this many bytes (ResultTooLargeError), measured as
	 * its batches arrive and before any value is converted to JavaScript.
	 */
	maxBytes?: number;
}

/** A user query's result was larger than UserQueryOptions.maxBytes: nothing was converted. */
export class ResultTooLargeError extends Error {
	constructor(
		/** Bytes received when the query was stopped (at least). */
		readonly bytes: number,
		readonly limit: number
	) {
		super(`The result is larger than ${limit} bytes (at least ${bytes}).`);
		this.name = 'ResultTooLargeError';
	}
}

export interface QueryResult<T = Row> {
	rows: T[];
	/** Column names and DuckDB type names, in result order. */
	columns: { name: string; type: string }[];
	ms: number;
}

/**
 * The only interface the rest of the app uses to talk to DuckDB (DESIGN.md §2, layer 5).
 * Browser: AsyncDuckDB in a worker. Node (tests): the blocking bundle in tests/helpers.
 */
export interface Engine {
	/** Run statements; no result. A string is trusted SQL (ours), a Sql carries parameters. */
	exec(q: Sql | string): Promise<void>;
	/** Run a query and convert its result to plain rows. */
	query<T = Row>(q: Sql | string): Promise<T[]>;
	/** Like query, with column types and timing (notebook, profile). */
	queryFull<T = Row>(q: Sql | string): Promise<QueryResult<T>>;
	/**
	 * Run a query whose columns are all text and return each cell as its UTF-8 bytes (null for
	 * NULL): views into the result's own buffer, neither decoded nor copied (rows.ts tableToUtf8).
	 * For the packed texts a job worker reads (analyses/packed.ts), which the page hands over by
	 * transfer. Optional: where absent, the analyses encode query()'s strings.
	 */
	queryUtf8?<K extends string = string>(q: Sql | string): Promise<Record<K, Uint8Array | null>[]>;
	/**
	 * Run a user's query (notebook) so that interrupt() can stop it. Browser: a second connection
	 * and DuckDB's pending-query API, so the worker stays free between steps of the query.
	 */
	queryCancellable<T = Row>(text: string, options?: UserQueryOptions): Promise<QueryResult<T>>;
	/** Stop the query queryCancellable is running (it then rejects); true when one was stopped. */
	interrupt(): Promise<boolean>;
	/** Make bytes readable by read_csv under `name`. */
	registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
	/** Make a browser File readable without copying it into JS memory (browser only; Node falls back to bytes). */
	registerFile(name: string, file: Blob): Promise<void>;
	dropFile(name: string): Promise<void>;
	close(): Promise<void>;
}
