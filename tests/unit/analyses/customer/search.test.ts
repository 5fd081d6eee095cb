// Customer search (issue 19): prefix, case, the customers file's columns, and hostile text that
// reaches SQL only as a parameter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { contactSources, type ContactSource } from '../../../../src/core/contacts';
import {
	buildCustomerSearchQuery,
	type CustomerMatch
} from '../../../../src/analyses/customer/search';

const ORDERS = `order_id,order_date,customer_id,amount
1,2024-01-10,C001,10.00
2,2024-01-11,C002,20.00
3,2024-01-12,C010,30.00
4,2024-01-13,X100,40.00
5,2024-01-14,c0011,50.00
`;
const CUSTOMERS = `customer_id,name,email,phone
C001,Ann Lee,ann@example.com,0049 30 1234
C002,Bob O'Brien,bob@example.com,+1 555 0100
C010,anna Smith,ANNA@Example.com,0049 40 9999
P500,Pia 100% Prospect,pia@example.com,0049 30 5555
`;

let db: Engine;
let customers: ContactSource | null;

const search = (text: string, limit?: number) =>
	db.query<CustomerMatch>(buildCustomerSearchQuery(text, customers, limit));
const ids = async (text: string) => (await search(text)).map((m) => m.customer_id);

beforeAll(async () => {
	db = await createNodeEngine();
	const enc = (s: string) => new TextEncoder().encode(s);
	const set = await loadDataSet(
		db,
		[
			{ name: 'orders.csv', data: enc(ORDERS) },
			{ name: 'customers.csv', data: enc(CUSTOMERS) }
		],
		{ build: 'complete' }
	);
	const names = (r: { columns: readonly { name: string }[] }) => r.columns.map((c) => c.name);
	customers = contactSources(
		{ mapping: set.orders!.mapping, columns: names(set.orders!.report) },
		{ mapping: set.customers!.mapping, columns: names(set.customers!.report) }
	).customers;
	expect(customers?.columns).toEqual(['name', 'email', 'phone']);
});
afterAll(async () => {
	await db?.close();
});

describe('customer search', () => {
	it('matches ids by prefix, whatever the case; an exact id first, then shorter ids', async () => {
		expect(await ids('c001')).toEqual(['C001', 'c0011']);
		expect(await ids('C01')).toEqual(['C010']);
		expect(await ids('x')).toEqual(['X100']);
	});

	it("matches the customers file's name, e-mail and phone columns by prefix, case-insensitive", async () => {
		expect(await search('ann')).toEqual([
			{ customer_id: 'C001', field: 'name', value: 'Ann Lee' },
			{ customer_id: 'C010', field: 'name', value: 'anna Smith' }
		]);
		expect(await search('anna@ex')).toEqual([
			{ customer_id: 'C010', field: 'email', value: 'ANNA@Example.com' }
		]);
		expect(await ids('0049 30')).toEqual(['C001', 'P500']);
		// A prospect (customers file only) is found too.
		expect(await ids('pia')).toEqual(['P500']);
		// Not a substring search: "Lee" is inside a name, not its start.
		expect(await ids('lee')).toEqual([]);
	});

	it('LIKE wildcards are plain characters: "%" and "_" match only themselves', async () => {
		expect(await ids('%')).toEqual([]);
		expect(await ids('C_01')).toEqual([]);
		expect(await ids('Pia 100%')).toEqual(['P500']);
	});

	it('a quote and SQL fragments are searched for as text: "\'; DROP TABLE orders; --" finds nothing and drops nothing', async () => {
		const hostile = "'; DROP TABLE orders; --";
		const q = buildCustomerSearchQuery(hostile, customers);
		expect(q.text).not.toContain('DROP');
		expect(q.params).toContain(hostile);
		expect(await ids(hostile)).toEqual([]);
		expect(await ids("Bob O'B")).toEqual(['C002']);
		const [n] = await db.query<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM orders');
		expect(n!.n).toBe(5);
	});

	it('a 10,000-character text is one parameter and finds nothing', async () => {
		const long = 'C'.repeat(10_000);
		const q = buildCustomerSearchQuery(long, customers);
		expect(q.text).not.toContain('CCCCCCCCCC');
		expect(q.params.filter((p) => p === long).length).toBeGreaterThan(0);
		expect(await ids(long)).toEqual([]);
	});

	it('returns at most the limit, and works without a customers file', async () => {
		expect(await search('c', 2)).toHaveLength(2);
		expect(
			(await db.query<CustomerMatch>(buildCustomerSearchQuery('c0', null))).map(
				(m) => m.customer_id
			)
		).toEqual(['C001', 'C002', 'C010', 'c0011']);
	});
});
