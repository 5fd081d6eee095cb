import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import {
	VIEW_PREFIX_LINES,
	buildCellCount,
	buildCellRows,
	buildCellView,
	buildDropCellView,
	buildSchemaQuery,
	cellErrorMessage
} from '../../../../src/core/notebook/queries';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	await db.exec('CREATE TABLE orders AS SELECT range AS id, range % 3 AS k FROM range(10)');
});
afterAll(async () => {
	await db?.close();
});

describe('cell SQL', () => {
	it('quotes the view name and keeps the user text whole (a `?` is not a parameter)', () => {
		const q = buildCellView('a"b', "SELECT '?' AS q;");
		expect(q.text).toBe('CREATE OR REPLACE VIEW "a""b" AS\nSELECT \'?\' AS q');
		expect(q.params).toEqual([]);
	});
	it('creates a view other cells can read, with rows, count and schema', async () => {
		await db.exec(buildCellView('cell_1', 'SELECT k, count(*) AS n FROM orders GROUP BY k;'));
		await db.exec(buildCellView('cell_2', 'SELECT sum(n) AS total FROM cell_1 -- all'));
		expect(await db.query(buildCellRows('cell_2', 10))).toEqual([{ total: 10 }]);
		expect(await db.query(buildCellRows('cell_1', 2))).toHaveLength(2);
		expect(await db.query(buildCellCount('cell_1'))).toEqual([{ n: 3 }]);
		const schema = await db.query<{ table_name: string }>(buildSchemaQuery());
		expect(new Set(schema.map((r) => r.table_name))).toEqual(
			new Set(['orders', 'cell_1', 'cell_2'])
		);
		await db.exec(buildDropCellView('cell_2'));
		await db.exec(buildDropCellView('cell_2'));
	});
	it('renumbers error lines to the cell’s own lines', async () => {
		const err = await db.exec(buildCellView('bad', 'SELECT 1\nFROM nowhere_table')).then(
			() => '',
			(e: Error) => e.message
		);
		expect(err).toMatch(/nowhere_table/);
		const shown = cellErrorMessage(err, VIEW_PREFIX_LINES);
		// DuckDB points at the view's line 3 (the CREATE VIEW line comes first); the user wrote it
		// on line 2 of the cell.
		expect(err).toMatch(/LINE 3: FROM nowhere_table/);
		expect(shown).toMatch(/LINE 2: FROM nowhere_table/);
		expect(shown).not.toMatch(/LINE 3:/);
		expect(cellErrorMessage('LINE 3: x', 1)).toBe('LINE 2: x');
	});
});
