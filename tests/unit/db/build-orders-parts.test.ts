// Issue 22: a large raw table is typed into tx in parts of TX_PART_ROWS raw rows, one statement
// each (build-orders.ts), so that DuckDB holds one part's new rows at a time. The proof that the
// parts build the same tables: the bench's kinds of file (a clean and a dirty order log) and the
// online-retail log, read as a person's file is (loadDataSet: read, mapping detected), then tx,
// tx_rejects, orders and customer_facts built whole and in parts, compared with EXCEPT ALL both
// ways. (canonical-parse-once.test does the same on the hostile corpus and random dirty logs.)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine, recordingEngine } from '../../helpers/node-engine';
import { datasetPath, datasetPresent } from '../../helpers/datasets';
import { generateOrders } from '../../../scripts/generate-sample.mjs';
import type { Engine } from '../../../src/db/engine';
import { buildOrdersTables, TX_PART_ROWS } from '../../../src/db/build-orders';
import { loadDataSet } from '../../../src/db/pipeline/load-data-set';
import type { CanonicalOptions } from '../../../src/core/types';

const TABLES = ['tx', 'tx_rejects', 'orders', 'customer_facts'];
let db: Engine;
let ran: string[] = [];

beforeAll(async () => {
	({ engine: db, ran } = recordingEngine(await createNodeEngine()));
});

afterAll(async () => {
	await db?.close();
});

/** Rows of a table not in the other, both ways, and the row count. */
async function difference(t: string): Promise<[number, number, number]> {
	const [row] = await db.query<{ ab: number; ba: number; n: number }>(
		`SELECT (SELECT count(*) FROM (SELECT * FROM whole_${t} EXCEPT ALL SELECT * FROM ${t})) AS ab,
			(SELECT count(*) FROM (SELECT * FROM ${t} EXCEPT ALL SELECT * FROM whole_${t})) AS ba,
			(SELECT count(*) FROM ${t}) AS n`
	);
	return [Number(row!.ab), Number(row!.ba), Number(row!.n)];
}

/** Load `data` as a person's file, build the tables whole and in parts; the differences. */
async function compare(name: string, data: Uint8Array, opts: CanonicalOptions) {
	await db.exec('DROP TABLE IF EXISTS raw_orders');
	const set = await loadDataSet(db, [{ name, data }], { build: 'never' });
	const m = set.orders?.mapping;
	if (!m || set.orders!.detection.missing.length > 0) throw new Error(`${name}: no mapping`);
	const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${m.table}`)) as [
		{ n: number }
	];
	ran.length = 0;
	await buildOrdersTables(db, m, opts);
	expect(
		ran.filter((q) => q.startsWith('INSERT INTO tx')),
		'whole'
	).toEqual([]);
	for (const t of TABLES) await db.exec(`ALTER TABLE ${t} RENAME TO whole_${t}`);
	ran.length = 0;
	const partRows = Math.ceil(Number(n) / 7);
	await buildOrdersTables(db, m, opts, partRows);
	const inserts = ran.filter((q) => q.startsWith('INSERT INTO tx')).length;
	const out: Record<string, [number, number, number]> = {};
	for (const t of TABLES) out[t] = await difference(t);
	for (const t of TABLES) await db.exec(`DROP TABLE whole_${t}; DROP TABLE ${t}`);
	return { out, inserts };
}

function expectSame(out: Record<string, [number, number, number]>, label: string) {
	for (const [t, [ab, ba, n]] of Object.entries(out)) {
		expect([ab, ba], `${label}: ${t} EXCEPT ALL both ways (${n} rows)`).toEqual([0, 0]);
	}
	expect(out.tx![2], `${label}: tx rows`).toBeGreaterThan(0);
}

describe('tx typed in parts builds the same tables as one statement', () => {
	it('parts hold a million raw rows; smaller tables are typed whole', () => {
		expect(TX_PART_ROWS).toBe(1_000_000);
	});

	for (const dirty of [false, true]) {
		it(`the bench's ${dirty ? 'dirty' : 'clean'} order log`, async () => {
			const data = new TextEncoder().encode(generateOrders({ customers: 3000, dirty }).csv);
			for (const returns of ['net', 'exclude'] as const) {
				const { out, inserts } = await compare('orders.csv', data, { returns });
				expectSame(out, `${dirty ? 'dirty' : 'clean'}, ${returns}`);
				expect(inserts).toBe(6);
				if (dirty) expect(out.tx_rejects![2]).toBeGreaterThan(0);
			}
		}, 120_000);
	}

	const RETAIL = datasetPath('online_retail/online_retail.csv.gz');
	it.skipIf(!datasetPresent(RETAIL))(
		'the online-retail log',
		async () => {
			const data = new Uint8Array(gunzipSync(readFileSync(RETAIL)));
			const { out, inserts } = await compare('online_retail.csv', data, { returns: 'net' });
			expectSame(out, 'online retail');
			expect(inserts).toBe(6);
		},
		240_000
	);
});
