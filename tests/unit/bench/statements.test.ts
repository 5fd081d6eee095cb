// The bench's statement replay (issue 22, `--statements`): the app's statements, captured from the
// native reference run, replayed on DuckDB-WASM in Node, and the integer-id variant (item 4's
// upper bound) — its ids in the text ids' order, NULL kept, the same rows otherwise.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	integerIds,
	loadStage,
	replay,
	replayParams,
	wasmFactory,
	type ReplayEngine
} from '../../../scripts/bench/statements.mjs';
import type { Table } from 'apache-arrow';
import type { Row } from '../../../src/core/analysis';
import { tableToResult } from '../../../src/db/rows';

/** Rows of a query on a replay engine (its result is DuckDB-WASM's Arrow table), as the app reads them. */
async function rows(engine: ReplayEngine, text: string): Promise<Row[]> {
	return tableToResult((await engine.run(text)) as Table, 0).rows;
}

describe('the statement replay', () => {
	it('names a load statement by the table it makes', () => {
		expect(loadStage('CREATE OR REPLACE TABLE "raw_orders" AS SELECT 1')).toBe('load: raw_orders');
		expect(loadStage('CREATE TEMP TABLE  tx_rejects AS SELECT 1')).toBe('load: tx_rejects');
		expect(loadStage('SELECT count(*) FROM raw_orders')).toBe('load: other');
		// A table built in parts: its inserts are its statements.
		expect(loadStage('INSERT INTO "raw_orders"\nSELECT 1')).toBe('load: raw_orders');
		expect(loadStage('INSERT INTO tx\nWITH x AS (SELECT 1) SELECT 1')).toBe('load: tx');
	});

	it("maps a part of the native run's file to the part it kept", () => {
		const parts = mkdtempSync(join(tmpdir(), 'clientele-parts-'));
		try {
			writeFileSync(join(parts, 'upload_1_part2.csv'), 'a\n');
			expect(
				replayParams(
					[
						'/tmp/run-1/upload_1_part2.csv',
						'/tmp/run-1/upload_1_part3.csv',
						'/tmp/run-1/upload_2.csv'
					],
					'/tmp/run-1',
					'/data/o.csv',
					parts
				)
			).toEqual([join(parts, 'upload_1_part2.csv'), '/data/o.csv', '/data/o.csv']);
		} finally {
			rmSync(parts, { recursive: true, force: true });
		}
	});

	it("maps the native run's file back to the file, and its big integers to numbers", () => {
		expect(
			replayParams(['/tmp/run-1/upload_1.csv', ',', 3n, null], '/tmp/run-1', '/data/o.csv')
		).toEqual(['/data/o.csv', ',', 3, null]);
		// A path beside the folder's name but outside it is left alone.
		expect(replayParams(['/tmp/run-10/a.csv'], '/tmp/run-1', '/data/o.csv')).toEqual([
			'/tmp/run-10/a.csv'
		]);
		expect(replayParams(undefined, '/tmp/run-1', '/data/o.csv')).toBeUndefined();
	});

	it('replays load and analysis statements on DuckDB-WASM; integer ids keep the rows and the order', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'clientele-replay-'));
		const file = join(dir, 'orders.csv');
		writeFileSync(
			file,
			'customer_id,order_id,amount\nb,1,10\na,2,5\n,3,7\nc,4,1\na,5,2\nb10,6,4\n'
		);
		const captured = {
			dir: '/native/run',
			load: [
				{
					text: 'CREATE TABLE tx AS SELECT * FROM read_csv(?, header = true, all_varchar = true)',
					params: ['/native/run/upload_1.csv']
				},
				{
					text: 'CREATE TABLE orders AS SELECT customer_id, order_id, CAST(amount AS DOUBLE) AS revenue FROM tx WHERE customer_id IS NOT NULL'
				},
				{
					text: 'CREATE TABLE customer_facts AS SELECT customer_id, sum(revenue) AS revenue FROM orders GROUP BY customer_id'
				}
			],
			analyses: [
				{ text: 'SELECT customer_id, sum(revenue) AS r FROM orders GROUP BY customer_id' },
				{ text: 'SELECT no_such_column FROM orders' }
			]
		};
		const make = await wasmFactory();
		const app = { SESSION_SETUP: [] as string[] };
		const plain = await replay(make, app, captured, file);
		expect(plain.load.every(Number.isFinite)).toBe(true);
		expect(Number.isFinite(plain.analyses[0])).toBe(true);
		// A statement that fails is NaN (left out of the sums), not a time.
		expect(plain.analyses[1]).toBeNaN();
		expect(plain.convertMs).toBeNull();
		const int = await replay(make, app, captured, file, { intIds: true });
		expect(int.convertMs).toBeGreaterThan(0);

		// The conversion itself, on the same tables: keys in the text ids' order, NULL kept.
		const engine = await make();
		try {
			for (const e of captured.load)
				await engine.run(e.text, replayParams(e.params, captured.dir, file));
			const before = await rows(
				engine,
				'SELECT customer_id, revenue FROM customer_facts ORDER BY customer_id'
			);
			await integerIds(engine);
			const types = await rows(
				engine,
				"SELECT table_name, data_type FROM duckdb_columns() WHERE column_name = 'customer_id' AND table_name IN ('tx', 'orders', 'customer_facts') ORDER BY table_name"
			);
			expect(types.map((t) => t.data_type)).toEqual(['INTEGER', 'INTEGER', 'INTEGER']);
			const after = await rows(
				engine,
				'SELECT customer_id, revenue FROM customer_facts ORDER BY customer_id'
			);
			// a, b, b10, c: 1, 2, 3, 4 — the same revenues in the same order.
			expect(after.map((r) => r.customer_id)).toEqual([1, 2, 3, 4]);
			expect(after.map((r) => r.revenue)).toEqual(before.map((r) => r.revenue));
			const guests = await rows(
				engine,
				'SELECT count(*)::INTEGER AS n FROM tx WHERE customer_id IS NULL'
			);
			expect(guests[0]!.n).toBe(1);
		} finally {
			await engine.close();
		}
	}, 60_000);
});
