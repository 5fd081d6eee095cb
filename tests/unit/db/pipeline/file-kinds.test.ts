// A file's kind and the reason for it, and the orders candidate when no file is recognised as
// orders (src/db/pipeline/file-kinds.ts, through loadDataSet), against the Node engine.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { datasetPath, datasetPresent } from '../../../helpers/datasets';
import { loadBytes } from '../../../helpers/load-text';
import type { Engine } from '../../../../src/db/engine';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { readAs } from '../../../../src/db/pipeline/file-kinds';
import { CUSTOMERS, file, ORDERS, PRODUCTS } from './fixtures';

let db: Engine;
beforeEach(async () => {
	db = await createNodeEngine();
});

/** Names, ISO dates and amounts under headers no synonym knows. */
const WHO = 'who,when,paid\nAnn,2024-01-02,10.5\nBob,2024-02-03,20\nAnn,2024-03-01,7.25\n';

const count = async (table: string) =>
	(await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`))[0]!.n;

describe('the reason for each file’s kind', () => {
	it('orders have dates and amounts, customers an id and attributes; the rest say why not', async () => {
		const set = await loadDataSet(db, [
			file('sales.csv', ORDERS),
			file('people.csv', CUSTOMERS),
			file('skus.csv', PRODUCTS),
			file('one.csv', 'note\nhello\nworld\n')
		]);
		expect(set.files.map((f) => [f.input.name, f.kind, f.reason])).toEqual([
			['sales.csv', 'orders', 'dates-amounts'],
			['people.csv', 'customers', 'id-attributes'],
			['skus.csv', 'unused', 'unrecognised'],
			['one.csv', 'unused', 'one-column']
		]);
	});

	it('a line-level file has dates, quantities and prices', async () => {
		const set = await loadDataSet(db, [
			file('l.csv', 'customer_id,order_date,quantity,unit_price\nA,2024-01-01,2,3.5\n')
		]);
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([['orders', 'dates-quantity-price']]);
	});
});

describe('the orders candidate', () => {
	it('who,when,paid: no orders file recognised, so it becomes the orders file and the mapping screen asks', async () => {
		const placed: string[] = [];
		const set = await loadDataSet(db, [file('who.csv', WHO)], {
			onLoaded: (f) => placed.push(`${f.input.name}:${f.kind}`)
		});
		expect(set.next).toBe('mapping');
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([['orders', 'guessed']]);
		// The page is told the file is unused, then that it is the orders file.
		expect(placed).toEqual(['who.csv:unused', 'who.csv:orders']);
		expect(set.unused).toEqual([]);
		expect(set.orders?.report.table).toBe('raw_orders');
		expect(set.orders?.mapping.roles).toEqual({
			customer_id: 'who',
			order_date: 'when',
			amount: 'paid'
		});
		expect(set.orders?.detection.confidence).toEqual({
			customer_id: 'low',
			order_date: 'low',
			amount: 'low'
		});
		expect(await count('raw_orders')).toBe(3);
	});

	it('confirming the guessed mapping unchanged builds the tables', async () => {
		const set = await loadDataSet(db, [file('who.csv', WHO)], { build: 'complete' });
		expect(set.summary).toMatchObject({ customers: 2, orders: 3, revenue: 37.75 });
	});

	it('a customers file beside an unrecognised file: the unrecognised one is the candidate', async () => {
		const set = await loadDataSet(db, [file('people.csv', CUSTOMERS), file('who.csv', WHO)]);
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([
			['customers', 'id-attributes'],
			['orders', 'guessed']
		]);
		expect(set.next).toBe('mapping');
	});

	it('no candidate where an orders file was recognised, nor for a one-column file', async () => {
		const withOrders = await loadDataSet(db, [file('who.csv', WHO), file('sales.csv', ORDERS)]);
		expect(withOrders.files.map((f) => f.kind)).toEqual(['unused', 'orders']);
		const single = await loadDataSet(db, [file('one.csv', 'note\nhello\nworld\n')]);
		expect(single.next).toBe('no-orders');
		expect(single.files[0]!.reason).toBe('one-column');
	});

	it('adding an unrecognised file to a data set with orders leaves it unused', async () => {
		const first = await loadDataSet(db, [file('sales.csv', ORDERS)]);
		const added = await loadDataSet(db, [file('who.csv', WHO)], { current: first });
		expect(added.files.map((f) => [f.kind, f.reason])).toEqual([['unused', 'unrecognised']]);
		expect(await count('raw_orders')).toBe(6);
	});
});

describe('readAs', () => {
	it('reads a file again as the customers file, replacing the table there', async () => {
		await loadDataSet(db, [file('people.csv', CUSTOMERS)]);
		const report = await readAs(db, file('skus.csv', PRODUCTS), 'customers', null);
		expect(report.table).toBe('raw_customers');
		expect(await count('raw_customers')).toBe(2);
	});
});

// The public CDNOW sample (../shared/datasets/cdnow): header-less, whitespace-separated.
const sample = datasetPath('cdnow/CDNOW_sample.txt');
describe.skipIf(!datasetPresent(sample))('CDNOW_sample.txt', () => {
	it('loads with one confirmation of the guessed mapping: 2,357 customers, $244,091.94', async () => {
		const { set, summary } = await loadBytes(
			new Uint8Array(readFileSync(sample)),
			'CDNOW_sample.txt'
		);
		expect(set.next).toBe('mapping');
		expect(set.files.map((f) => f.reason)).toEqual(['guessed']);
		expect(set.orders?.mapping.roles).toEqual({
			customer_id: 'column_1',
			order_date: 'column_3',
			amount: 'column_5',
			quantity: 'column_4'
		});
		expect(set.orders?.mapping.dateFormat.format).toBe('%Y%m%d');
		expect(summary.customers).toBe(2357);
		expect(summary.revenue).toBeCloseTo(244091.94, 2);
		expect(summary.tx_rows).toBe(6919);
	});
});
