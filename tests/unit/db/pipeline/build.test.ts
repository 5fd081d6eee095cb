// Table building (src/db/pipeline/build.ts) and the whole load pipeline (load-data-set.ts) on the
// small fixture, against figures derived by hand from fixtures.ts.
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import { buildTables, customerColumnLabels } from '../../../../src/db/pipeline/build';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { CUSTOMERS, file, ORDERS, PRODUCTS } from './fixtures';

let db: Engine;
beforeEach(async () => {
	db = await createNodeEngine();
});

/**
 * ORDERS by hand: 6 lines typed; the one without a customer id stays in tx but not in `orders`
 * (5 orders: 1001–1005), customers A, B, C; revenue 10 + 25.5 + 4.5 − 3 + 30 = 67 (C's return
 * nets); dates 2024-01-05 … 2024-03-01, so the as-of date is the day after, 2024-03-02.
 */
const SUMMARY = {
	tx_rows: 6,
	rejected_rows: 0,
	missing_customer_rows: 1,
	customers: 3,
	orders: 5,
	revenue: 67,
	first_date: '2024-01-05',
	last_date: '2024-03-01',
	as_of: '2024-03-02',
	returns_lines: 1
};

describe('loadDataSet', () => {
	it('loads, detects and builds a confident orders file at once, with the summary figures', async () => {
		const set = await loadDataSet(db, [file('orders.csv', ORDERS)]);
		expect(set.next).toBe('build');
		expect(set.summary).toEqual(SUMMARY);
		const facts = await db.query(
			'SELECT customer_id, orders, revenue FROM customer_facts ORDER BY customer_id'
		);
		// C's only order is a return: no purchase, its net revenue −3.
		expect(facts).toEqual([
			{ customer_id: 'A', orders: 2, revenue: 14.5 },
			{ customer_id: 'B', orders: 2, revenue: 55.5 },
			{ customer_id: 'C', orders: 0, revenue: -3 }
		]);
	});

	it('builds the customers table beside the orders; a customer without orders is a prospect', async () => {
		const set = await loadDataSet(db, [file('c.csv', CUSTOMERS), file('o.csv', ORDERS)]);
		expect(set.files.map((f) => f.kind)).toEqual(['customers', 'orders']);
		expect(set.summary?.customers).toBe(3);
		const rows = await db.query<{ customer_id: string; orders: number; is_prospect: boolean }>(
			`SELECT customer_id, orders, is_prospect FROM customer_facts
			WHERE customer_id IN ('A', 'B', 'D') ORDER BY customer_id`
		);
		expect(rows.map((r) => [r.customer_id, r.orders, r.is_prospect])).toEqual([
			['A', 2, false],
			['B', 2, false],
			['D', 0, true]
		]);
		expect(customerColumnLabels(set.customers!.mapping, set.summary)).toEqual([
			{ column: 'signup_date', label: 'signup_date', categorical: false },
			{ column: 'gender', label: 'gender', categorical: true },
			{ column: 'region', label: 'region', categorical: true }
		]);
	});

	it('adds a customers file to a data set loaded before (the orders mapping kept)', async () => {
		const first = await loadDataSet(db, [file('o.csv', ORDERS)]);
		const edited = { ...first.orders!, mapping: { ...first.orders!.mapping, dimensions: [] } };
		const added = await loadDataSet(db, [file('c.csv', CUSTOMERS)], {
			current: { orders: edited, customers: null }
		});
		expect(added.orders?.mapping.dimensions).toEqual([]);
		expect(added.next).toBe('build');
		const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customers');
		expect(n!.n).toBe(3);
	});

	it('waits for orders beside a customers file alone, and says when no file was orders', async () => {
		const alone = await loadDataSet(db, [file('c.csv', CUSTOMERS)]);
		expect([alone.next, alone.summary, alone.orders]).toEqual(['customers-only', null, null]);
		// A file with two columns or more could be mapped by hand: it is the orders candidate.
		const mappable = await loadDataSet(db, [file('skus.csv', PRODUCTS)]);
		expect([mappable.next, mappable.unused]).toEqual(['mapping', []]);
		const none = await loadDataSet(db, [file('notes.csv', 'note\nhello\n')]);
		expect([none.next, none.unused]).toEqual(['no-orders', ['notes.csv']]);
	});

	it("stops at the mapping screen when unsure; 'complete' builds what could be confirmed", async () => {
		const text = ORDERS.replace('order_date', 'when');
		const asked = await loadDataSet(db, [file('o.csv', text)]);
		expect([asked.next, asked.summary]).toEqual(['mapping', null]);
		const built = await loadDataSet(db, [file('o.csv', text)], { build: 'complete' });
		expect(built.next).toBe('mapping');
		expect(built.summary).toEqual(SUMMARY);
		const never = await loadDataSet(db, [file('o.csv', ORDERS)], { build: 'never' });
		expect([never.next, never.summary]).toEqual(['build', null]);
	});
});

describe('buildTables', () => {
	it("leaves returns out under the 'exclude' policy", async () => {
		const set = await loadDataSet(db, [file('o.csv', ORDERS)], { build: 'never' });
		const summary = await buildTables(db, { orders: set.orders!.mapping, returns: 'exclude' });
		// C's return is no order now: 4 orders of A and B, 10 + 25.5 + 4.5 + 30 = 70.
		expect(summary).toMatchObject({ customers: 2, orders: 4, revenue: 70, returns_lines: 1 });
	});

	it('takes ages in a customers file as of the year of the last order', async () => {
		const ages = 'customer_id,age\nA,30\nB,41\n';
		const set = await loadDataSet(db, [file('o.csv', ORDERS), file('a.csv', ages)]);
		expect(set.customers?.mapping.roles.age).toBe('age');
		const rows = await db.query('SELECT customer_id, birth_year FROM customers ORDER BY 1');
		// Last order 2024-03-01: 2024 − 30, 2024 − 41.
		expect(rows).toEqual([
			{ customer_id: 'A', birth_year: 1994 },
			{ customer_id: 'B', birth_year: 1983 }
		]);
		expect(customerColumnLabels(set.customers!.mapping, set.summary)).toEqual([
			{ column: 'birth_year', label: 'age', categorical: false }
		]);
		expect(customerColumnLabels(set.customers!.mapping, null)).toEqual([]);
	});
});
