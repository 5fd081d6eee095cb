import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/db/engine';
import {
	dropDataSet,
	dropUploads,
	moveTable,
	RAW_CUSTOMERS,
	RAW_ORDERS,
	uploadTable
} from '../../../src/db/tables';
import { PACKED_DATABASE } from '../../../src/db/session';
import { SCOPE_TABLES } from '../../../src/core/scope';
import { createNodeEngine } from '../../helpers/node-engine';

let engine: Engine;
let defaultDb: string;
beforeAll(async () => {
	engine = await createNodeEngine();
	const [row] = await engine.query<{ db: string }>('SELECT current_database() AS db');
	defaultDb = row!.db;
});

async function tables(): Promise<string[]> {
	const rows = await engine.query<{ name: string }>(
		`SELECT database_name || '.' || table_name AS name FROM duckdb_tables()
		 WHERE NOT internal ORDER BY name`
	);
	return rows.map((r) => r.name);
}

describe('db/tables', () => {
	it('moveTable replaces the target with the upload', async () => {
		await engine.exec(`CREATE TABLE ${RAW_ORDERS} AS SELECT 'old' AS v`);
		await engine.exec(`CREATE TABLE ${uploadTable(0)} AS SELECT 'new' AS v`);
		await moveTable(engine, uploadTable(0), RAW_ORDERS);
		expect(await engine.query(`SELECT v FROM ${RAW_ORDERS}`)).toEqual([{ v: 'new' }]);
		expect(await tables()).not.toContain(`${defaultDb}.${uploadTable(0)}`);
	});

	it('dropUploads drops only the raw_upload_ tables', async () => {
		await engine.exec(`CREATE TABLE ${uploadTable(3)} AS SELECT 1 AS v`);
		await engine.exec(`CREATE TABLE ${uploadTable(12)} AS SELECT 1 AS v`);
		await engine.exec(`CREATE TABLE keep_me AS SELECT 1 AS v`);
		await dropUploads(engine);
		const left = await tables();
		expect(left.filter((t) => t.includes('raw_upload_'))).toEqual([]);
		expect(left).toContain(`${defaultDb}.keep_me`);
		await engine.exec('DROP TABLE keep_me');
	});

	it('dropDataSet drops raw, derived and scope tables in every database', async () => {
		await engine.exec(`CREATE TABLE ${RAW_CUSTOMERS} AS SELECT 1 AS v`);
		await engine.exec(`CREATE TABLE ${PACKED_DATABASE}.main.tx AS SELECT 1 AS v`);
		await engine.exec(`CREATE TABLE orders AS SELECT 1 AS v`);
		await engine.exec(`CREATE TEMP TABLE ${SCOPE_TABLES.customers} AS SELECT 1 AS v`);
		await engine.exec(`CREATE TABLE keep_me AS SELECT 1 AS v`);
		await dropDataSet(engine, [defaultDb, PACKED_DATABASE]);
		expect(await tables()).toEqual([`${defaultDb}.keep_me`]);
	});

	it("dropDataSet drops the per-customer field tables of the profile and audience (an old file's values stayed in memory after a reload)", async () => {
		await engine.exec(`CREATE TEMP TABLE __customer_field_0_0 AS SELECT 'c1' AS customer_id`);
		await engine.exec(`CREATE TEMP TABLE __customer_field_3_2 AS SELECT 'c1' AS customer_id`);
		await engine.exec(`CREATE TEMP TABLE keep_me_too AS SELECT 1 AS v`);
		await dropDataSet(engine, [defaultDb]);
		expect(await tables()).toEqual([`${defaultDb}.keep_me`, 'temp.keep_me_too'].sort());
	});

	it('upload tables are named by a whole, non-negative index only', () => {
		expect(uploadTable(2)).toBe('raw_upload_2');
		for (const bad of [-1, 1.5, Number.NaN]) expect(() => uploadTable(bad)).toThrow();
	});
});
