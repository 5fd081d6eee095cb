import type { Engine } from './engine';

/** What DuckDB holds: its tables and views, and the memory its buffer manager accounts for. */
export interface EngineStats {
	/** `schema.name` of every user table and view (temporary ones too), sorted. */
	objects: string[];
	/** The databases holding user tables other than temporary ones (e.g. 'memory', 'packed'). */
	databases: string[];
	/** Sum of duckdb_memory(): bytes held by tables, hash tables, readers… */
	memoryBytes: number;
	/** Bytes of in-memory tables alone (the IN_MEMORY_TABLE tag). */
	tableBytes: number;
	/** current_setting('memory_limit'), e.g. '2.0 GiB'. */
	memoryLimit: string;
}

/**
 * Read DuckDB's own view of its memory (guarantee 7). Used by the `?probe` test hook
 * (README, "What happens to bad data"), scripts/measure-memory.mjs and tests/e2e/memory.spec.ts.
 */
export async function engineStats(engine: Engine): Promise<EngineStats> {
	const objects = await engine.query<{ name: string }>(
		`SELECT schema_name || '.' || table_name AS name FROM duckdb_tables() WHERE NOT internal
UNION ALL
SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal
ORDER BY 1`
	);
	const dbs = await engine.query<{ name: string }>(
		`SELECT DISTINCT database_name AS name FROM duckdb_tables() WHERE NOT internal AND NOT temporary ORDER BY 1`
	);
	const [mem] = await engine.query<{ total: number; tables: number; mlimit: string }>(
		`SELECT
	CAST(sum(memory_usage_bytes) AS DOUBLE) AS total,
	CAST(sum(memory_usage_bytes) FILTER (WHERE tag = 'IN_MEMORY_TABLE') AS DOUBLE) AS tables,
	current_setting('memory_limit') AS mlimit
FROM duckdb_memory()`
	);
	return {
		objects: objects.map((o) => o.name),
		databases: dbs.map((d) => d.name),
		memoryBytes: mem?.total ?? 0,
		tableBytes: mem?.tables ?? 0,
		memoryLimit: mem?.mlimit ?? ''
	};
}
