// Issue 15: a gzip file, a zipped CSV and an Excel workbook go through the same loader as their
// CSV twin: the same rows, columns and values, the person's file name, rejects on sheet rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { loadCsv } from '../../../src/db/load-csv';
import { xlsx, zip, type Cell } from '../../helpers/xlsx-writer.mjs';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

const HEADER = ['customer_id', 'order_date', 'amount', 'quantity', 'product'];
const PRODUCTS = ['Tea', 'Coffee, ground', 'Cake "deluxe"', '绿茶'];

/** `n` orders as sheet rows (dates as Excel dates, some with a time) and as their CSV twin. */
function orders(n: number): { rows: Cell[][]; csv: string } {
	const rows: Cell[][] = [HEADER];
	const lines = [HEADER.join(',')];
	for (let i = 0; i < n; i++) {
		const day = new Date(Date.UTC(2023, 0, 1 + (i % 700), i % 3 === 0 ? 0 : 9 + (i % 10), 0, 0));
		const iso = day.toISOString();
		const date = i % 3 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
		const amount = Math.round(((i * 37) % 5000) + 0.25 * (i % 4)) / 1 + (i % 7) / 100;
		const product = PRODUCTS[i % PRODUCTS.length]!;
		rows.push([`C${(i * 7919) % 4000}`, day, amount, (i % 5) + 1, product]);
		const quoted = /[",]/.test(product) ? `"${product.replace(/"/g, '""')}"` : product;
		lines.push(
			[`C${(i * 7919) % 4000}`, date, String(amount), String((i % 5) + 1), quoted].join(',')
		);
	}
	return { rows, csv: lines.join('\n') + '\n' };
}

async function contents(table: string) {
	return db.query(`SELECT * EXCLUDE (__row) FROM ${table} ORDER BY __row`);
}

describe('the same figures as the CSV twin', () => {
	it('a workbook with dates as Excel dates', async () => {
		const { rows, csv } = orders(500);
		const fromCsv = await loadCsv(
			db,
			{ name: 'orders.csv', data: new TextEncoder().encode(csv) },
			'raw_csv'
		);
		const fromXlsx = await loadCsv(
			db,
			{ name: 'orders.xlsx', data: xlsx([{ name: 'Orders', rows }]) },
			'raw_xlsx'
		);
		expect(fromXlsx.file).toBe('orders.xlsx');
		expect(fromXlsx.container).toMatchObject({ kinds: ['xlsx'], sheet: 'Orders', otherSheets: [] });
		expect(fromXlsx.rowsLoaded).toBe(500);
		expect(fromXlsx.rowsRejected).toBe(0);
		expect(fromXlsx.columns.map((c) => [c.name, c.kind])).toEqual(
			fromCsv.columns.map((c) => [c.name, c.kind])
		);
		expect(await contents('raw_xlsx')).toEqual(await contents('raw_csv'));
	});

	it('a .csv.gz and a zipped CSV keep the name the person gave', async () => {
		const { csv } = orders(300);
		await loadCsv(db, { name: 'orders.csv', data: new TextEncoder().encode(csv) }, 'raw_csv');
		const gz = await loadCsv(db, { name: 'orders.csv.gz', data: gzipSync(csv) }, 'raw_gz');
		expect(gz.file).toBe('orders.csv.gz');
		expect(gz.container!.kinds).toEqual(['gzip']);
		expect(gz.bytes).toBe(new TextEncoder().encode(csv).length);
		expect(await contents('raw_gz')).toEqual(await contents('raw_csv'));
		const z = await loadCsv(
			db,
			{ name: 'orders.zip', data: zip([{ name: 'orders.csv', data: csv }]) },
			'raw_zip'
		);
		expect(z.container!.entry).toBe('orders.csv');
		expect(await contents('raw_zip')).toEqual(await contents('raw_csv'));
	});
});

it('a rejected sheet row is reported on its row number in Excel', async () => {
	const { rows } = orders(1005);
	// Row 1003 has a value beyond the table's columns (and row 3 is never filled).
	const sheet = rows.map((cells, i) => ({ r: i < 2 ? i + 1 : i + 2, cells }));
	sheet[1001] = { r: 1003, cells: [...rows[1001]!, 'stray'] };
	const report = await loadCsv(
		db,
		{ name: 'gaps.xlsx', data: xlsx([{ name: 'S', rows: sheet }]) },
		'raw_gaps'
	);
	expect(report.rowsLoaded).toBe(1004);
	expect(report.rejects.map((r) => [r.line, r.reason.code])).toEqual([
		[1003, expect.stringMatching(/many/)]
	]);
});

it('a 100,000-row workbook loads (time measured, not asserted)', async () => {
	const { rows, csv } = orders(100_000);
	const book = xlsx([{ name: 'Orders', rows }]);
	const t0 = performance.now();
	const report = await loadCsv(db, { name: 'big.xlsx', data: book }, 'raw_big');
	const ms = Math.round(performance.now() - t0);
	console.log(`100,000-row workbook (${(book.length / 1e6).toFixed(1)} MB): loaded in ${ms} ms`);
	expect(report.rowsLoaded).toBe(100_000);
	await loadCsv(db, { name: 'big.csv', data: new TextEncoder().encode(csv) }, 'raw_big_csv');
	const sum = async (t: string) =>
		(await db.query<{ s: number }>(`SELECT sum(amount::DOUBLE) AS s FROM ${t}`))[0]!.s;
	expect(await sum('raw_big')).toBeCloseTo(await sum('raw_big_csv'), 6);
}, 120_000);
