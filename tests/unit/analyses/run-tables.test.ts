// A run's own tables (src/analyses/work-tables.ts withRunTables): created before the run's
// statements, dropped after them whether they succeed or fail — the loyalty, basket, forecast
// and concentration runs and a run's own intermediate rely on it.
import { describe, expect, it } from 'vitest';
import { withRunTables } from '../../../src/analyses/work-tables';
import { sql, type Sql } from '../../../src/core/sql';
import type { QueryFn } from '../../../src/core/analysis';

function recorder(failOn?: string): { query: QueryFn; ran: string[] } {
	const ran: string[] = [];
	const query = (async (q: Sql) => {
		ran.push(q.text);
		if (failOn && q.text === failOn) throw new Error(`failed: ${q.text}`);
		return [];
	}) as QueryFn;
	return { query, ran };
}

const STORE = [sql`CREATE TEMP TABLE a AS SELECT 1`, sql`CREATE TEMP TABLE b AS SELECT 2`];
const DROP = [sql`DROP TABLE IF EXISTS a`, sql`DROP TABLE IF EXISTS b`];

describe('withRunTables', () => {
	it('stores, runs, drops, in that order, and returns what the run returns', async () => {
		const { query, ran } = recorder();
		const out = await withRunTables(query, STORE, DROP, async () => {
			await query(sql`SELECT * FROM a, b`);
			return 42;
		});
		expect(out).toBe(42);
		expect(ran).toEqual([
			'CREATE TEMP TABLE a AS SELECT 1',
			'CREATE TEMP TABLE b AS SELECT 2',
			'SELECT * FROM a, b',
			'DROP TABLE IF EXISTS a',
			'DROP TABLE IF EXISTS b'
		]);
	});

	it('drops the tables when the run fails, and passes its error on', async () => {
		const { query, ran } = recorder('SELECT * FROM a, b');
		await expect(
			withRunTables(query, STORE, DROP, () => query(sql`SELECT * FROM a, b`))
		).rejects.toThrow('failed: SELECT * FROM a, b');
		expect(ran.slice(-2)).toEqual(['DROP TABLE IF EXISTS a', 'DROP TABLE IF EXISTS b']);
	});

	it('runs nothing when a table cannot be stored', async () => {
		const { query, ran } = recorder('CREATE TEMP TABLE b AS SELECT 2');
		let used = false;
		await expect(
			withRunTables(query, STORE, DROP, async () => {
				used = true;
			})
		).rejects.toThrow('failed');
		expect(used).toBe(false);
		expect(ran.slice(0, 2)).toEqual([
			'CREATE TEMP TABLE a AS SELECT 1',
			'CREATE TEMP TABLE b AS SELECT 2'
		]);
	});
});
