// Issue 16 item 12: customer lists carry the columns that identify and reach a customer, from the
// customers file and from the orders file's per-customer columns (core/contacts.ts), built through
// the real canonical statements from raw tables as the loader leaves them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { buildOrdersStatements } from '../../../src/core/canonical';
import { buildCustomersStatements } from '../../../src/core/canonical-customers';
import {
	contactColumns,
	contactSources,
	listCsvColumns,
	perCustomerColumns,
	perCustomerStatsQuery,
	withContacts,
	type ContactSources
} from '../../../src/core/contacts';
import { CustomerLists } from '../../../src/state/customer-lists';
import { sql } from '../../../src/core/sql';
import type { CustomersMapping, OrdersMapping } from '../../../src/core/types';

const ORDER_COLUMNS = ['cid', 'day', 'amt', 'oid', 'Email', 'Region', 'Channel'];
const orders: OrdersMapping = {
	table: 'raw_orders',
	roles: { customer_id: 'cid', order_date: 'day', amount: 'amt', order_id: 'oid' },
	dateFormat: { format: '%Y-%m-%d' },
	numberFormat: { decimal: '.' },
	dimensions: [
		{ source: 'Region', column: 'Region', label: 'Region' },
		{ source: 'Channel', column: 'Channel', label: 'Channel' }
	]
};
const CUSTOMER_COLUMNS = ['id', 'Name', 'Phone', 'region', 'gender'];
const customers: CustomersMapping = {
	table: 'raw_customers',
	roles: { customer_id: 'id', gender: 'gender', region: 'region' },
	numberFormat: { decimal: '.' },
	attributes: []
};

/**
 * Twelve customers k01…k12 with two orders each (January, then March). Every one keeps one e-mail
 * address but k02, who changed it (1 of 12: still a per-customer column); the channel changes on
 * every customer's second order (not per-customer). k03's March line has no region. A guest line
 * (no customer) and its e-mail are not anyone's. Revenue grows with the number, so the list
 * ordered by revenue runs k12 … k01.
 */
function orderRows(): string {
	const rows: string[] = [];
	let row = 0;
	for (let n = 1; n <= 12; n++) {
		const k = `k${String(n).padStart(2, '0')}`;
		const region = n % 2 === 0 ? 'South' : 'North';
		const first = n === 2 ? 'old02@example.com' : `${k}@example.com`;
		rows.push(
			`(${++row}, '${k}', '2024-01-${String(n).padStart(2, '0')}', '${n * 10}', 'a${n}', '${first}', '${region}', 'web')`,
			`(${++row}, '${k}', '2024-03-${String(n).padStart(2, '0')}', '${n}', 'b${n}', '${k}@example.com', '${n === 3 ? '' : region}', 'app')`
		);
	}
	rows.push(`(${++row}, '', '2024-03-20', '5', 'g1', 'guest@example.com', 'West', 'web')`);
	return rows.join(',\n');
}

/**
 * ' k01 ' padded and listed twice (first non-empty values win), k02 without a region, k06 in
 * another region than its orders say, k99 a prospect.
 */
const CUSTOMER_ROWS = `(1, ' k01 ', 'Ann', '0049 30 1234', 'North', 'F'),
	(2, 'k02', 'Bob', '+1 555 0100', '', 'M'),
	(3, 'k01', '', '0000', 'East', 'F'),
	(4, 'k99', 'Pia', '=1+1', 'West', 'F'),
	(5, 'k06', 'Cy', '', 'East', 'M')`;

let db: Engine;

async function load(withCustomers: boolean): Promise<ContactSources> {
	for (const t of ['raw_orders', 'raw_customers', 'tx', 'tx_rejects', 'orders', 'customers']) {
		await db.exec(`DROP TABLE IF EXISTS ${t}`);
	}
	await db.exec(
		`CREATE TABLE raw_orders AS SELECT * FROM (VALUES ${orderRows()}) t(__row, ${ORDER_COLUMNS.join(', ')})`
	);
	for (const s of buildOrdersStatements(orders, { returns: 'net' })) await db.exec(s);
	if (withCustomers) {
		await db.exec(
			`CREATE TABLE raw_customers AS SELECT * FROM (VALUES ${CUSTOMER_ROWS}) t(__row, ${CUSTOMER_COLUMNS.join(', ')})`
		);
		for (const s of buildCustomersStatements(customers)) await db.exec(s);
	}
	return contactSources(
		{ mapping: orders, columns: ORDER_COLUMNS },
		withCustomers ? { mapping: customers, columns: CUSTOMER_COLUMNS } : null
	);
}

/** A list in an order of its own: by revenue, highest first. */
const LIST = sql`SELECT customer_id, CAST(revenue AS DOUBLE) AS revenue, orders AS segment
FROM customer_facts
ORDER BY revenue DESC NULLS LAST, customer_id`;

beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(async () => {
	await db?.close();
});

describe('contact columns of customer lists', () => {
	it('takes the orders-file columns no role reads, and the customers file without its id', () => {
		const s = contactSources(
			{ mapping: orders, columns: ['__row', ...ORDER_COLUMNS] },
			{ mapping: customers, columns: CUSTOMER_COLUMNS }
		);
		expect(s.orders?.columns).toEqual(['Email', 'Region', 'Channel']);
		expect(s.customers?.columns).toEqual(['Name', 'Phone', 'region', 'gender']);
	});

	it('keeps an orders-file column only when it is per-customer (e-mail, region; not channel)', async () => {
		const s = await load(false);
		const [stats] = await db.query<Record<string, unknown>>(perCustomerStatsQuery(s.orders!));
		// 12 customers with two filled lines each (k03: one filled region only).
		expect(stats).toMatchObject({ filled_0: 12, varying_0: 1, filled_1: 11, varying_1: 0 });
		expect(stats).toMatchObject({ filled_2: 12, varying_2: 12 });
		expect(perCustomerColumns(s.orders!, stats!)).toEqual(['Email', 'Region']);
	});

	it('orders only: each customer gets the value on their latest line where it is filled', async () => {
		const s = await load(false);
		const contacts = contactColumns(s, ['Email', 'Region']);
		expect(contacts.map((c) => c.label)).toEqual(['Email', 'Region']);
		const rows = await db.query<Record<string, unknown>>(withContacts(LIST, s, contacts));
		const [email, region] = contacts.map((c) => c.key);
		// The list's own order and columns first, then the contacts.
		expect(rows.map((r) => r.customer_id)).toEqual(
			Array.from({ length: 12 }, (_, i) => `k${String(12 - i).padStart(2, '0')}`)
		);
		expect(Object.keys(rows[0]!)).toEqual(['customer_id', 'revenue', 'segment', email, region]);
		const byId = new Map(rows.map((r) => [r.customer_id, r]));
		expect(byId.get('k02')?.[email!]).toBe('k02@example.com'); // the March address
		expect(byId.get('k03')?.[region!]).toBe('North'); // March had none: January's
		expect(byId.get('k04')).toMatchObject({ [email!]: 'k04@example.com', [region!]: 'South' });
		expect(rows.some((r) => r[email!] === 'guest@example.com')).toBe(false);
	});

	it('with a customers file: its columns first, one column for a name both files have', async () => {
		const s = await load(true);
		const contacts = contactColumns(s, ['Email', 'Region']);
		expect(contacts.map((c) => [c.label, c.customers, c.orders])).toEqual([
			['Name', 'Name', null],
			['Phone', 'Phone', null],
			['region', 'region', 'Region'],
			['gender', 'gender', null],
			['Email', null, 'Email']
		]);
		const rows = await db.query<Record<string, unknown>>(withContacts(LIST, s, contacts));
		const key = Object.fromEntries(contacts.map((c) => [c.label, c.key]));
		const byId = new Map(rows.map((r) => [r.customer_id, r]));
		// ' k01 ' matches k01; the second k01 row fills nothing the first had.
		expect(byId.get('k01')).toMatchObject({
			[key.Name!]: 'Ann',
			[key.Phone!]: '0049 30 1234',
			[key.region!]: 'North',
			[key.Email!]: 'k01@example.com'
		});
		// No region in the customers file: the orders file's latest.
		expect(byId.get('k02')?.[key.region!]).toBe('South');
		// The customers file wins where both have one; k99 never ordered.
		expect(byId.get('k06')).toMatchObject({ [key.region!]: 'East', [key.Phone!]: null });
		expect(byId.get('k99')).toMatchObject({ [key.Name!]: 'Pia', [key.Email!]: null });
		// Customers the customers file does not list still get the orders file's columns.
		expect(byId.get('k05')).toMatchObject({ [key.Name!]: null, [key.Email!]: 'k05@example.com' });
		expect(rows).toHaveLength(13);
	});

	it('keeps only the rows of one segment, in the list order', async () => {
		const s = await load(true);
		const contacts = contactColumns(s, []);
		const rows = await db.query<Record<string, unknown>>(
			withContacts(LIST, s, contacts, { column: 'segment', value: '2' })
		);
		expect(rows.map((r) => r.customer_id)).toEqual(
			Array.from({ length: 12 }, (_, i) => `k${String(12 - i).padStart(2, '0')}`)
		);
		const none = await db.query(withContacts(LIST, s, contacts, { column: 'segment', value: '7' }));
		expect(none).toEqual([]);
	});

	it('keeps the order of a long list', async () => {
		const s = await load(false);
		const long = sql`SELECT 'k' || lpad(CAST(i % 12 + 1 AS VARCHAR), 2, '0') AS customer_id, i
FROM range(5000) t(i)
ORDER BY i DESC`;
		const rows = await db.query<{ i: number }>(withContacts(long, s, contactColumns(s, ['Email'])));
		expect(rows.map((r) => Number(r.i))).toEqual(Array.from({ length: 5000 }, (_, i) => 4999 - i));
	});

	it('CustomerLists decides the per-customer columns and joins them (orders only)', async () => {
		const s = await load(false);
		const list = await new CustomerLists().query(db, 1, LIST, s, {
			column: 'customer_id',
			value: 'k02'
		});
		expect(list.contacts.map((c) => c.label)).toEqual(['Email', 'Region']);
		expect(list.rows).toEqual([
			{
				customer_id: 'k02',
				revenue: 22,
				segment: 2,
				__contact_0: 'k02@example.com',
				__contact_1: 'South'
			}
		]);
	});

	it('headers are the files’ own, made unique against the list’s', () => {
		const own = [
			{ key: 'customer_id', label: 'customer_id' },
			{ key: 'region', label: 'region' }
		];
		const contacts = [
			{ key: '__contact_0', label: 'region', customers: 'region', orders: null },
			{ key: '__contact_1', label: 'Email', customers: null, orders: 'Email' }
		];
		expect(listCsvColumns(own, contacts)).toEqual([
			...own,
			{ key: '__contact_0', label: 'region (2)' },
			{ key: '__contact_1', label: 'Email' }
		]);
	});
});
