import { describe, expect, it, beforeAll } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { sql } from '../../../src/core/sql';
import { returnsOnlyQuery, scopeCtes, type Scope } from '../../../src/core/scope';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	await db.exec(`CREATE TABLE orders AS SELECT * FROM (VALUES
		('a', 'o1', DATE '2024-01-05', 10.0, 1.0, true, 'web'),
		('a', 'o2', DATE '2024-02-05', 20.0, 2.0, true, 'shop'),
		('a', 'o3', DATE '2024-02-06', -5.0, -1.0, false, 'shop'),
		('b', 'o4', DATE '2024-03-01', 7.0, 1.0, true, 'web'),
		('c', 'o5', DATE '2024-04-01', 9.0, 1.0, true, 'web')
	) t(customer_id, order_id, order_date, revenue, items, is_purchase, channel)`);
	await db.exec(`CREATE TABLE customers AS SELECT * FROM (VALUES
		('a', 'F'), ('b', 'M'), ('p', 'F')) t(customer_id, gender)`);
});

const base: Scope = {
	asOf: '2024-04-01',
	from: null,
	to: null,
	filter: null,
	hasCustomers: false,
	customerColumns: []
};

async function customers(scope: Scope) {
	return db.query(
		sql`WITH ${scopeCtes(scope)} SELECT * FROM scoped_customers ORDER BY customer_id`
	);
}

describe('scopeCtes', () => {
	it('aggregates purchases before as-of (c bought on as-of day: out)', async () => {
		expect(await customers(base)).toEqual([
			// a: purchases 01-05, 02-05; return 02-06 nets revenue 25; recency 2024-04-01 − 02-05 = 56
			{
				customer_id: 'a',
				first_order: '2024-01-05',
				last_order: '2024-02-05',
				orders: 2,
				revenue: 25,
				items: 2,
				is_prospect: false,
				returns_only: false,
				recency_days: 56,
				tenure_days: 87
			},
			{
				customer_id: 'b',
				first_order: '2024-03-01',
				last_order: '2024-03-01',
				orders: 1,
				revenue: 7,
				items: 1,
				is_prospect: false,
				returns_only: false,
				recency_days: 31,
				tenure_days: 31
			}
		]);
	});
	it('adds prospects and attributes from the customers file', async () => {
		const rows = await customers({ ...base, hasCustomers: true, customerColumns: ['gender'] });
		expect(rows.map((r) => [r.customer_id, r.orders, r.is_prospect, r.gender])).toEqual([
			['a', 2, false, 'F'],
			['b', 1, false, 'M'],
			['p', 0, true, 'F']
		]);
	});
	it('applies the date range and dimension filters', async () => {
		const rows = await customers({
			...base,
			from: '2024-02-01',
			filter: { table: 'orders', column: 'channel', values: ['shop'] }
		});
		expect(rows.map((r) => [r.customer_id, r.orders, r.revenue])).toEqual([['a', 1, 15]]);
		const byGender = await customers({
			...base,
			hasCustomers: true,
			customerColumns: ['gender'],
			filter: { table: 'customers', column: 'gender', values: ['F'] }
		});
		expect(byGender.map((r) => r.customer_id)).toEqual(['a', 'p']);
	});
	it('keeps a prospect only if they signed up before as-of (NULL: always)', async () => {
		await db.exec('BEGIN TRANSACTION');
		try {
			await db.exec('ALTER TABLE customers ADD COLUMN signup_date DATE');
			// a signed up after buying (a buyer is in scope by orders); p the day before as-of;
			// q on as-of and t after it (both out); s without a date (in).
			await db.exec(`UPDATE customers SET signup_date = CASE customer_id
				WHEN 'a' THEN DATE '2024-06-01' WHEN 'p' THEN DATE '2024-03-31' END`);
			await db.exec(`INSERT INTO customers VALUES ('q', 'F', DATE '2024-04-01'),
				('s', 'M', NULL), ('t', 'F', DATE '2024-05-01')`);
			const signup = { ...base, hasCustomers: true, customerColumns: ['gender', 'signup_date'] };
			const rows = await customers(signup);
			expect(rows.map((r) => [r.customer_id, r.is_prospect, r.signup_date])).toEqual([
				['a', false, '2024-06-01'],
				['b', false, null],
				['p', true, '2024-03-31'],
				['s', true, null]
			]);
			const later = await customers({ ...signup, asOf: '2024-05-02' });
			expect(later.filter((r) => r.is_prospect).map((r) => r.customer_id)).toEqual([
				'p',
				'q',
				's',
				't'
			]);
			const byGender = await customers({
				...signup,
				filter: { table: 'customers', column: 'gender', values: ['F'] }
			});
			expect(byGender.map((r) => r.customer_id)).toEqual(['a', 'p']);
			// Without signup_date among the columns, every customers-file prospect is in scope.
			const unmapped = await customers({
				...base,
				hasCustomers: true,
				customerColumns: ['gender']
			});
			expect(unmapped.filter((r) => r.is_prospect).map((r) => r.customer_id)).toEqual([
				'p',
				'q',
				's',
				't'
			]);
		} finally {
			await db.exec('ROLLBACK');
		}
	});
	it('does not call a customer with only returns a prospect', async () => {
		await db.exec('BEGIN TRANSACTION');
		try {
			await db.exec(
				`INSERT INTO orders VALUES ('r', 'o9', DATE '2024-03-05', -8.0, -1.0, false, 'web')`
			);
			const rows = await customers(base);
			// r has an order in scope (a return): 0 purchases, but known to have bought before.
			expect(rows.find((r) => r.customer_id === 'r')).toMatchObject({
				orders: 0,
				revenue: -8,
				is_prospect: false,
				returns_only: true
			});
			expect(await db.query(returnsOnlyQuery(base))).toEqual([{ customers: 1, revenue: -8 }]);
		} finally {
			await db.exec('ROLLBACK');
		}
	});
});
