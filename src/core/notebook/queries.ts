/**
 * The SQL the notebook runs around a cell's own text. A query cell becomes a view named after the
 * cell (so other cells can read it), then its rows are read through the view; any other statement
 * (CREATE TABLE, INSERT, SET, several statements…) runs as the user wrote it. The cell's text is
 * SQL the user typed to be run: it is the one place where user text is SQL by design, and it is
 * spliced whole, never mixed with values; names still go through ident().
 */
import { Sql, ident, int, sql } from '../sql';
import { statementBody } from './scan';

/** The user's own SQL text as a statement (no parameters, so `?` is never substituted). */
export function userStatement(text: string): Sql {
	return new Sql(text, []);
}

/** `CREATE OR REPLACE VIEW "name" AS` + newline + the query (line numbers shift by one). */
export function buildCellView(name: string, text: string): Sql {
	return sql`CREATE OR REPLACE VIEW ${ident(name)} AS
${userStatement(statementBody(text))}`;
}

/** Lines the view wrapper adds before the user's first line. */
export const VIEW_PREFIX_LINES = 1;

export function buildCellRows(name: string, limit: number): Sql {
	if (!Number.isInteger(limit) || limit < 1) throw new Error(`bad row limit ${limit}`);
	return sql`SELECT * FROM ${ident(name)} LIMIT ${int(limit)}`;
}

export function buildCellCount(name: string): Sql {
	return sql`SELECT count(*)::BIGINT AS n FROM ${ident(name)}`;
}

export function buildDropCellView(name: string): Sql {
	return sql`DROP VIEW IF EXISTS ${ident(name)}`;
}

/** Tables and views with their columns, for autocomplete (our internal `__` tables left out). */
export function buildSchemaQuery(): Sql {
	return sql`SELECT table_name, column_name
FROM information_schema.columns
WHERE table_schema = 'main' AND NOT starts_with(table_name, '__')
ORDER BY table_name, ordinal_position`;
}

/**
 * DuckDB's "LINE n:" in an error about the wrapped query, renumbered to the cell's own lines.
 */
export function cellErrorMessage(message: string, prefixLines: number): string {
	if (prefixLines === 0) return message;
	return message.replace(
		/LINE (\d+):/g,
		(_m, n: string) => `LINE ${Math.max(1, Number(n) - prefixLines)}:`
	);
}
