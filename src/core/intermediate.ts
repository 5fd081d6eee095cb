/**
 * Intermediates several runs share (issue 22, item 3): a per-customer table one analysis computes
 * and other analyses read — RFM's scored customers feed its grid and segment table and the
 * breakdown by segment or score. Pure: the state layer keeps the tables, one per key
 * (analyses/work-tables.ts SharedTableCache), as it keeps the materialised scope.
 */
import type { QueryFn } from './analysis';
import { ident, raw, sql, type Sql } from './sql';

export interface Intermediate {
	/** The CTE its readers select from, e.g. 'rfm_scored' (our constant, never user input). */
	name: string;
	/**
	 * What it holds: its statement over the plain scope (the scope and settings spelled out). The
	 * same key, the same rows — on the same data, which the holder of the tables answers for.
	 */
	key: string;
	/** Its rows over the scope the run reads (the materialised one in the dashboard). */
	rows: Sql;
}

/** An intermediate named `name`: `rows` over the scope read, keyed by `plainRows` (the plain scope's). */
export function intermediateOf(name: string, rows: Sql, plainRows: Sql): Intermediate {
	return { name, key: JSON.stringify([name, plainRows.text, plainRows.params]), rows };
}

/** A derived field's statement in two parts: `select` reads the CTE `intermediate.name`. */
export interface OverIntermediate {
	intermediate: Intermediate;
	select: Sql;
}

/** Where a run finds an intermediate's table: built once per key by whoever asks first. */
export interface SharedTables {
	/** The name of a temp table holding `i.rows`, built unless one holding `i.key` exists. */
	tableOf(query: QueryFn, i: Intermediate): Promise<string>;
}

/**
 * `o` as one statement: the intermediate computed in its CTE (self-contained: the notebook, the
 * audience, the profile) or, given `table`, read from the table that holds it.
 */
export function statementOver(o: OverIntermediate, table: string | null = null): Sql {
	const rows = table ? sql`SELECT * FROM ${ident(table)}` : o.intermediate.rows;
	return sql`WITH ${raw(o.intermediate.name)} AS (
${rows}
)
${o.select}`;
}
