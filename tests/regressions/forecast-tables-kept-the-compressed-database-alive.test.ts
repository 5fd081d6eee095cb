// Issue 17: the forecast's work tables (__clv_fits, __clv_predictions) were not dropped with the
// data set, so after a large file (kept compressed) the next, plain data set still had the
// compressed database in use, holding the old file's predictions.
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import { dropDataSet } from '../../src/db/tables';

describe('dropping a data set', () => {
	it("drops the analyses' __ work tables with it, in every database, and nothing else", async () => {
		const db = await createNodeEngine();
		await db.exec(`ATTACH ':memory:' AS other`);
		for (const name of ['memory', 'other']) {
			await db.exec(`CREATE TABLE ${name}.main.__clv_fits AS SELECT 1 AS x`);
			await db.exec(`CREATE TABLE ${name}.main.__clv_predictions AS SELECT 1 AS x`);
		}
		await db.exec(`CREATE TABLE memory.main.kept AS SELECT 1 AS x`);
		await dropDataSet(db, ['memory', 'other']);
		const left = await db.query<{ t: string }>(
			`SELECT database_name || '.' || table_name AS t FROM duckdb_tables() ORDER BY t`
		);
		expect(left.map((r) => r.t)).toEqual(['memory.kept']);
		await db.close();
	});
});
