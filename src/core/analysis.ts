import type { Sql } from './sql';
import type { SharedTables } from './intermediate';

/**
 * A plain result row as returned by the DB layer: numbers, strings, booleans, null; dates come
 * back as ISO strings. The one Row type: db's Engine returns it too.
 */
export type Row = Record<string, string | number | boolean | null>;

/** Runs one query; the DB layer provides it (core never imports DuckDB). */
export type QueryFn = <T = Row>(q: Sql) => Promise<T[]>;

/**
 * Runs one query whose columns are all text and returns each cell as its UTF-8 bytes (null for
 * NULL), views into the result, never decoded (db's Engine.queryUtf8).
 */
export type Utf8QueryFn = <K extends string = string>(
	q: Sql
) => Promise<Record<K, Uint8Array | null>[]>;

export interface RunOptions {
	/**
	 * Fetch the per-customer lists (one row per customer; default true). The dashboard passes
	 * false and loads a list only when the user exports it, so a load or filter change never moves
	 * a hundred thousand rows to the page; those fields are then null.
	 */
	customerLists?: boolean;
	/**
	 * Numeric work too long for the page's thread (the forecast's model fit): the state layer
	 * passes the analysis' own runner, its manifest's `compute` (a Web Worker in the page,
	 * in-thread in Node), because core may not construct a Worker. Without it the analysis does
	 * the work in-thread. `unknown` in and out: core does not know the analyses' jobs; each
	 * analysis checks and types its own at the call.
	 */
	compute?: Compute;
	/**
	 * Intermediates kept across runs (core/intermediate.ts; the dashboard's, per data set): an
	 * analysis reads or builds its shared tables there (RFM's scored customers, read again by the
	 * breakdown by segment). Without it a run builds its own and drops them.
	 */
	shared?: SharedTables;
	/**
	 * The state layer's Engine.queryUtf8, for the texts an analysis packs for its job worker
	 * (analyses/packed.ts): the page hands their bytes over as the result holds them rather than
	 * decoding them to strings and encoding them back. Without it the analysis encodes query()'s
	 * strings.
	 */
	queryUtf8?: Utf8QueryFn;
}

/** An analysis' off-thread computation (see RunOptions.compute). */
export type Compute = (input: unknown) => Promise<unknown>;

/**
 * Every dashboard analysis implements this (registry in analyses/index.ts).
 * `queries` returns the exact SQL the analysis runs, named — the notebook opens them as cells.
 */
export interface AnalysisDef<S, R> {
	id: string;
	/** Named queries; keys are stable, snake_case; values are complete, runnable statements. */
	queries(scope: import('./scope').Scope, settings: S): Record<string, Sql>;
	/** Run the queries and shape the typed result. */
	run(
		query: QueryFn,
		scope: import('./scope').Scope,
		settings: S,
		options?: RunOptions
	): Promise<R>;
}
