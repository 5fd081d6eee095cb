// Issue 22, item 5: `orders` takes each order dimension with `arg_min(x, line_no)` and no longer
// with `FILTER (WHERE x IS NOT NULL)`, because DuckDB's arg_min skips rows whose x is NULL. This
// pins that behaviour in the engine the app
// runs (DuckDB-WASM, the same build as the page's) and, when installed (`npm run bench` puts
// @duckdb/node-api in bench/.node-api), in native DuckDB: if an upgrade changes it, this fails
// and the FILTER must come back.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';

// Group 1: the first line (by y) has x NULL, the next a value; group 2: only NULLs; group 3: NULL
// in the middle; group 4: no NULL.
const QUERY = `SELECT g,
	arg_min(x, y) AS plain_min, arg_min(x, y) FILTER (WHERE x IS NOT NULL) AS filtered_min,
	arg_max(x, y) AS plain_max, arg_max(x, y) FILTER (WHERE x IS NOT NULL) AS filtered_max
FROM (VALUES (1, NULL, 1), (1, 'b', 2), (1, 'a', 3), (1, NULL, 4),
	(2, NULL, 1), (2, NULL, 2),
	(3, 'c', 1), (3, NULL, 2), (3, 'd', 3),
	(4, 'e', 5), (4, 'f', 6)) t(g, x, y)
GROUP BY g ORDER BY g`;

const EXPECTED = [
	{ g: 1, plain_min: 'b', filtered_min: 'b', plain_max: 'a', filtered_max: 'a' },
	{ g: 2, plain_min: null, filtered_min: null, plain_max: null, filtered_max: null },
	{ g: 3, plain_min: 'c', filtered_min: 'c', plain_max: 'd', filtered_max: 'd' },
	{ g: 4, plain_min: 'e', filtered_min: 'e', plain_max: 'f', filtered_max: 'f' }
];

describe('arg_min / arg_max skip NULL values of x (so FILTER (WHERE x IS NOT NULL) is redundant)', () => {
	it('in DuckDB-WASM (the app and the unit tests)', async () => {
		const db = await createNodeEngine();
		try {
			const [v] = await db.query<{ v: string }>('SELECT version() AS v');
			expect(v!.v).toMatch(/^v1\.[4-9]/);
			expect(await db.query(QUERY)).toEqual(EXPECTED);
		} finally {
			await db.close();
		}
	});

	const dir = process.env.CLIENTELE_NODE_API ?? join(process.cwd(), 'bench/.node-api');
	it.skipIf(!existsSync(join(dir, 'node_modules/@duckdb/node-api')))(
		'in native DuckDB (@duckdb/node-api, the bench reference)',
		async () => {
			const api = createRequire(join(dir, 'package.json'))('@duckdb/node-api');
			const instance = await api.DuckDBInstance.create(':memory:');
			const conn = await instance.connect();
			const [v] = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJson();
			expect(v.v).toMatch(/^v1\.[4-9]/);
			const rows = (await conn.runAndReadAll(QUERY)).getRowObjectsJson();
			expect(rows.map((r: Record<string, unknown>) => ({ ...r, g: Number(r.g) }))).toEqual(
				EXPECTED
			);
		}
	);
});
