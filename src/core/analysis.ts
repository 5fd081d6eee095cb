import type { Sql } from './sql';

/** A plain result row as returned by the DB layer. */
export type Row = Record<string, string | number | boolean | null>;

/** Runs one query; the DB layer provides it (core never imports DuckDB). */
export type QueryFn = <T = Row>(q: Sql) => Promise<T[]>;

/**
 * Every dashboard analysis implements this (registry in analyses/index.ts).
 * `queries` returns the exact SQL the analysis runs, named — the notebook opens them as cells.
 */
export interface AnalysisDef<S, R> {
	id: string;
	/** Named queries; keys are stable, snake_case; values are complete, runnable statements. */
	queries(scope: import('./scope').Scope, settings: S): Record<string, Sql>;
	/** Run the queries and shape the typed result. */
	run(query: QueryFn, scope: import('./scope').Scope, settings: S): Promise<R>;
}
