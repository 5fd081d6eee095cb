import { describe, expect, it, beforeAll } from 'vitest';
import { createNodeEngine, fixtureBytes } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { ident, sql } from '../../../src/core/sql';
import { buildLoadSummaryQuery, buildOrdersStatements } from '../../../src/core/canonical';
import { buildCustomersStatements } from '../../../src/core/canonical-customers';
import { toDimensions } from '../../../src/core/columns';
import { breakdownAnalysis, defaultBreakdownSettings } from '../../../src/analyses/breakdown/sql';
import type { CustomersMapping, OrdersMapping, ReturnsPolicy } from '../../../src/core/types';
import { userFilePath } from '../../../src/db/session';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	await db.registerBuffer(userFilePath('lines.csv'), fixtureBytes('canonical/lines.csv'));
	await db.exec(`CREATE TABLE raw_lines AS
		SELECT CAST(row_number() OVER () AS BIGINT) AS __row, *
		FROM read_csv('/clientele/lines.csv', all_varchar = true, header = true)`);
	// Order-level, Chinese and hostile headers, no order id, currency strings, a status column.
	await db.exec(`CREATE TABLE raw_cn AS SELECT * FROM (VALUES
		(1, '0012', '2024/1/5 10:30', '¥1,234.50', 'web', '已完成'),
		(2, '0012 ', '2024/1/5 18:00', '￥100', 'shop', '已完成'),
		(3, '0034', '2024/2/1', 'RMB 50.00', NULL, '已退款'),
		(4, ' ', '2024/2/2', '20', 'web', NULL),
		(5, '0034', 'soon', '10', 'web', NULL),
		(6, '0056', '2024/3/1', 'abc', 'shop', NULL),
		(7, '0056', '', NULL, NULL, NULL),
		(8, '0056', '2024/3/2', '(5.00)', 'shop', NULL)
	) t(__row, "客户ID", "下单时间", "x; DROP TABLE tx", "a""b", "订单状态")`);
	// Decimal comma, day-first dotted dates.
	await db.exec(`CREATE TABLE raw_eu AS SELECT * FROM (VALUES
		(1, 'k1', '05.01.2024', '1.234,50 €', 'o1'),
		(2, 'k1', '05.01.2024', '0,50 €', 'o1'),
		(3, 'k2', '31.01.2024', '12,00 €', 'o2')
	) t(__row, kunde, datum, betrag, bestellung)`);
	await db.exec(`CREATE TABLE raw_customers AS SELECT * FROM (VALUES
		(1, '17850', '2010-01-01', 'F', '1980-05-05', 'London', 'gold'),
		(2, '00123', '2010-02-01', 'M', NULL, 'Berlin', 'silver'),
		(3, '99999', '2010-03-01', NULL, '1990-01-01', 'Paris', NULL),
		(4, '17850', '2011-01-01', 'X', '1970-01-01', 'Leeds', 'bronze'),
		(5, '', '2010-04-01', 'F', NULL, NULL, NULL)
	) t(__row, "Customer ID", "Signup Date", "Gender", "Birthday", "City", "Tier")`);
});

const linesMapping: OrdersMapping = {
	table: 'raw_lines',
	roles: {
		order_id: 'InvoiceNo',
		product: 'StockCode',
		quantity: 'Quantity',
		order_date: 'InvoiceDate',
		unit_price: 'UnitPrice',
		customer_id: 'CustomerID'
	},
	dateFormat: { format: '%Y-%m-%d %H:%M:%S' },
	numberFormat: { decimal: '.' },
	dimensions: toDimensions(['Country'], [])
};

const cnMapping: OrdersMapping = {
	table: 'raw_cn',
	roles: {
		customer_id: '客户ID',
		order_date: '下单时间',
		amount: 'x; DROP TABLE tx',
		status: '订单状态'
	},
	dateFormat: { format: '%Y/%m/%d' },
	numberFormat: { decimal: '.' },
	dimensions: toDimensions(['a"b'], [])
};

async function build(m: OrdersMapping, returns: ReturnsPolicy) {
	for (const s of buildOrdersStatements(m, { returns })) await db.exec(s);
}

async function rawCount(table: string): Promise<number> {
	const [r] = await db.query<{ n: number }>(
		sql`SELECT count(*)::INTEGER AS n FROM ${ident(table)}`
	);
	return r!.n;
}

/** rows(tx) + distinct rejected rows = rows(raw), and no row is in both. */
async function expectPartition(table: string) {
	const [r] = await db.query<{ tx: number; rej: number; both: number }>(sql`SELECT
		(SELECT count(*)::INTEGER FROM tx) AS tx,
		(SELECT count(DISTINCT __row)::INTEGER FROM tx_rejects) AS rej,
		(SELECT count(*)::INTEGER FROM tx JOIN tx_rejects r ON r.__row = tx.line_no) AS both`);
	expect(r!.tx + r!.rej).toBe(await rawCount(table));
	expect(r!.both).toBe(0);
}

const summary = async () => (await db.query(buildLoadSummaryQuery()))[0];

describe('canonical tables, line-level file (online-retail style)', () => {
	it("'net': returns net revenue; bad rows go to tx_rejects with reasons", async () => {
		await build(linesMapping, 'net');
		await expectPartition('raw_lines');
		expect(await db.query('SELECT * FROM tx_rejects')).toEqual([
			{
				__row: 7,
				column_name: 'InvoiceDate',
				value: '2010-13-45 12:00:00',
				reason: "order_date: '2010-13-45 12:00:00' is not a date in format %Y-%m-%d %H:%M:%S",
				code: 'bad-date'
			},
			{
				__row: 8,
				column_name: 'Quantity',
				value: 'x',
				reason: "quantity: 'x' is not a number",
				code: 'bad-number'
			}
		]);
		const tx = await db.query(
			'SELECT line_no, customer_id, order_id, order_date, amount, is_return, product, country FROM tx ORDER BY line_no'
		);
		expect(tx.map((r) => [r.line_no, r.customer_id, r.order_id, r.is_return])).toEqual([
			[1, '17850', '536365', false],
			[2, '17850', '536365', false],
			[3, '13047', '536366', false],
			[4, '17850', 'C536367', true], // C-prefix (numeric invoices exist) and quantity < 0
			[5, '13047', '536368', false],
			[6, null, '536369', false], // no customer id: kept in tx
			[9, '00123', '536372', false] // leading zeros kept
		]);
		// amount = quantity × unit price: 6 × 2.55, 2 × 3.39, 2.55, −2 × 2.55, 0, 3 × 2.55, 4 × 1
		expect(tx.map((r) => Math.round((r.amount as number) * 100) / 100)).toEqual([
			15.3, 6.78, 2.55, -5.1, 0, 7.65, 4
		]);
		const orders = await db.query(
			'SELECT customer_id, order_id, order_date, round(revenue, 2) AS revenue, items, lines, is_purchase, country FROM orders ORDER BY order_id'
		);
		expect(orders).toEqual([
			// 15.30 + 6.78 = 22.08 on two lines, 6 + 2 items
			{
				customer_id: '17850',
				order_id: '536365',
				order_date: '2010-12-01',
				revenue: 22.08,
				items: 8,
				lines: 2,
				is_purchase: true,
				country: 'United Kingdom'
			},
			{
				customer_id: '13047',
				order_id: '536366',
				order_date: '2010-12-02',
				revenue: 2.55,
				items: 1,
				lines: 1,
				is_purchase: true,
				country: 'France'
			},
			// a free order (a zero-price line, not a return) is a purchase
			{
				customer_id: '13047',
				order_id: '536368',
				order_date: '2010-12-04',
				revenue: 0,
				items: 1,
				lines: 1,
				is_purchase: true,
				country: null
			},
			{
				customer_id: '00123',
				order_id: '536372',
				order_date: '2010-12-07',
				revenue: 4,
				items: 4,
				lines: 1,
				is_purchase: true,
				country: 'Germany'
			},
			{
				customer_id: '17850',
				order_id: 'C536367',
				order_date: '2010-12-03',
				revenue: -5.1,
				items: -2,
				lines: 1,
				is_purchase: false,
				country: 'United Kingdom'
			}
		]);
		expect(
			await db.query(
				'SELECT customer_id, first_order, last_order, orders, round(revenue, 2) AS revenue, items, is_prospect FROM customer_facts ORDER BY customer_id'
			)
		).toEqual([
			{
				customer_id: '00123',
				first_order: '2010-12-07',
				last_order: '2010-12-07',
				orders: 1,
				revenue: 4,
				items: 4,
				is_prospect: false
			},
			// the zero-revenue order 536368 is a purchase too
			{
				customer_id: '13047',
				first_order: '2010-12-02',
				last_order: '2010-12-04',
				orders: 2,
				revenue: 2.55,
				items: 2,
				is_prospect: false
			},
			// 22.08 − 5.10 = 16.98; items 8 − 2 = 6
			{
				customer_id: '17850',
				first_order: '2010-12-01',
				last_order: '2010-12-01',
				orders: 1,
				revenue: 16.98,
				items: 6,
				is_prospect: false
			}
		]);
		const s = await summary();
		expect({ ...s, revenue: Math.round((s!.revenue as number) * 100) / 100 }).toEqual({
			tx_rows: 7,
			rejected_rows: 2,
			missing_customer_rows: 1,
			customers: 3,
			orders: 5,
			revenue: 23.53, // 22.08 + 2.55 − 5.10 + 0 + 4.00
			first_date: '2010-12-01',
			last_date: '2010-12-07',
			as_of: '2010-12-08',
			returns_lines: 1
		});
	});

	it("'exclude': orders only from non-return lines with positive amount and unit price", async () => {
		await build(linesMapping, 'exclude');
		await expectPartition('raw_lines');
		expect(await rawCount('tx')).toBe(7); // tx keeps every accepted line
		expect(
			await db.query('SELECT order_id, round(revenue, 2) AS revenue FROM orders ORDER BY order_id')
		).toEqual([
			{ order_id: '536365', revenue: 22.08 },
			{ order_id: '536366', revenue: 2.55 },
			{ order_id: '536372', revenue: 4 }
		]);
		const s = await summary();
		expect([s!.customers, s!.orders, Math.round((s!.revenue as number) * 100) / 100]).toEqual([
			3, 3, 28.63
		]);
	});
});

describe('canonical tables, order-level file with Chinese and hostile headers', () => {
	it('derives order ids, nets refunds, rejects bad cells and parses currency strings', async () => {
		await build(cnMapping, 'net');
		await expectPartition('raw_cn');
		expect(await db.query('SELECT __row, column_name, value, reason FROM tx_rejects')).toEqual([
			{
				__row: 5,
				column_name: '下单时间',
				value: 'soon',
				reason: "order_date: 'soon' is not a date in format %Y/%m/%d"
			},
			{
				__row: 6,
				column_name: 'x; DROP TABLE tx',
				value: 'abc',
				reason: "amount: 'abc' is not a number"
			},
			{ __row: 7, column_name: 'x; DROP TABLE tx', value: null, reason: 'amount: empty' },
			{ __row: 7, column_name: '下单时间', value: null, reason: 'order_date: empty' }
		]);
		expect(
			await db.query(
				'SELECT line_no, customer_id, order_id, order_ts, amount, is_return, a_b FROM tx ORDER BY line_no'
			)
		).toEqual([
			{
				line_no: 1,
				customer_id: '0012',
				order_id: '0012|2024-01-05',
				order_ts: '2024-01-05 10:30:00',
				amount: 1234.5,
				is_return: false,
				a_b: 'web'
			},
			{
				line_no: 2,
				customer_id: '0012',
				order_id: '0012|2024-01-05',
				order_ts: '2024-01-05 18:00:00',
				amount: 100,
				is_return: false,
				a_b: 'shop'
			},
			// refunded status with a positive amount: an undone order, net 0
			{
				line_no: 3,
				customer_id: '0034',
				order_id: '0034|2024-02-01',
				order_ts: '2024-02-01 00:00:00',
				amount: 0,
				is_return: true,
				a_b: null
			},
			{
				line_no: 4,
				customer_id: null,
				order_id: null,
				order_ts: '2024-02-02 00:00:00',
				amount: 20,
				is_return: false,
				a_b: 'web'
			},
			// (5.00) is negative: a return
			{
				line_no: 8,
				customer_id: '0056',
				order_id: '0056|2024-03-02',
				order_ts: '2024-03-02 00:00:00',
				amount: -5,
				is_return: true,
				a_b: 'shop'
			}
		]);
		expect(
			await db.query(
				'SELECT customer_id, order_id, order_ts, revenue, items, lines, purchase_rows, is_purchase, a_b FROM orders ORDER BY order_id'
			)
		).toEqual([
			// same customer, same day → one order; items = lines (no quantity); first dimension value
			{
				customer_id: '0012',
				order_id: '0012|2024-01-05',
				order_ts: '2024-01-05 10:30:00',
				revenue: 1334.5,
				items: 2,
				lines: 2,
				purchase_rows: 2, // no order ids: each row is a purchase
				is_purchase: true,
				a_b: 'web'
			},
			{
				customer_id: '0034',
				order_id: '0034|2024-02-01',
				order_ts: '2024-02-01 00:00:00',
				revenue: 0,
				items: 1,
				lines: 1,
				purchase_rows: 0,
				is_purchase: false, // only a cancelled line: no purchase
				a_b: null
			},
			{
				customer_id: '0056',
				order_id: '0056|2024-03-02',
				order_ts: '2024-03-02 00:00:00',
				revenue: -5,
				items: 1,
				lines: 1,
				purchase_rows: 0,
				is_purchase: false,
				a_b: 'shop'
			}
		]);
		const s = await summary();
		expect([
			s!.tx_rows,
			s!.rejected_rows,
			s!.missing_customer_rows,
			s!.customers,
			s!.orders,
			s!.revenue,
			s!.returns_lines
		]).toEqual([5, 3, 1, 3, 3, 1329.5, 2]);
		// the hostile amount header did not drop anything
		expect(await rawCount('raw_cn')).toBe(8);
		await build(cnMapping, 'exclude');
		expect(await db.query('SELECT customer_id, revenue FROM customer_facts')).toEqual([
			{ customer_id: '0012', revenue: 1334.5 }
		]);
	});

	it('parses decimal commas and day-first dotted dates', async () => {
		await build(
			{
				table: 'raw_eu',
				roles: {
					customer_id: 'kunde',
					order_date: 'datum',
					amount: 'betrag',
					order_id: 'bestellung'
				},
				dateFormat: { format: '%d.%m.%Y' },
				numberFormat: { decimal: ',' },
				dimensions: []
			},
			'net'
		);
		await expectPartition('raw_eu');
		expect(
			await db.query('SELECT order_id, order_date, revenue FROM orders ORDER BY order_id')
		).toEqual([
			{ order_id: 'o1', order_date: '2024-01-05', revenue: 1235 }, // 1234.50 + 0.50
			{ order_id: 'o2', order_date: '2024-01-31', revenue: 12 }
		]);
	});

	it("treats a 'C' order id as a cancellation only when numeric order ids exist too", async () => {
		const mapping = (table: string): OrdersMapping => ({
			table,
			roles: { customer_id: 'c', order_date: 'd', amount: 'a', order_id: 'o' },
			dateFormat: { format: '%Y-%m-%d' },
			numberFormat: { decimal: '.' },
			dimensions: []
		});
		// Every id starts with C: that is the shop's numbering, not cancellations.
		await db.exec(`CREATE OR REPLACE TABLE raw_c_only AS SELECT * FROM (VALUES
			(1, 'k1', '2024-01-05', '10', 'C1001'),
			(2, 'k2', '2024-01-06', '20', 'C1002')
		) t(__row, c, d, a, o)`);
		await build(mapping('raw_c_only'), 'net');
		expect(await db.query('SELECT order_id, is_return FROM tx ORDER BY order_id')).toEqual([
			{ order_id: 'C1001', is_return: false },
			{ order_id: 'C1002', is_return: false }
		]);
		// With numeric invoice numbers beside them (online-retail style), C ids are cancellations;
		// the numeric one is the last line, so the check must look at every line.
		await db.exec(`CREATE OR REPLACE TABLE raw_c_mixed AS SELECT * FROM (VALUES
			(1, 'k1', '2024-01-05', '10', 'C1001'),
			(2, 'k2', '2024-01-06', '20', 'C1002'),
			(3, 'k2', '2024-01-07', '30', ' 1003 ')
		) t(__row, c, d, a, o)`);
		await build(mapping('raw_c_mixed'), 'net');
		expect(await db.query('SELECT order_id, is_return FROM tx ORDER BY order_id')).toEqual([
			{ order_id: '1003', is_return: false },
			{ order_id: 'C1001', is_return: true },
			{ order_id: 'C1002', is_return: true }
		]);
	});

	it('throws when a required role is not mapped', () => {
		expect(() =>
			buildOrdersStatements(
				{ ...cnMapping, roles: { customer_id: '客户ID', order_date: '下单时间' } },
				{ returns: 'net' }
			)
		).toThrow(/amount/);
	});
});

describe('category as an order dimension (issue 5: breakdown by Category failed)', () => {
	it('gives orders the first non-null category of their lines; the breakdown by it runs', async () => {
		await db.exec(`CREATE OR REPLACE TABLE raw_cat AS SELECT * FROM (VALUES
			(1, 'c1', 'o1', '2024-01-05', '10', NULL),
			(2, 'c1', 'o1', '2024-01-05', '5', 'Food'),
			(3, 'c1', 'o1', '2024-01-05', '1', 'Home'),
			(4, 'c2', 'o2', '2024-01-06', '20', '<img src=x onerror=alert(1)>')
		) t(__row, cust, oid, day, amt, cat)`);
		const m: OrdersMapping = {
			table: 'raw_cat',
			roles: {
				customer_id: 'cust',
				order_id: 'oid',
				order_date: 'day',
				amount: 'amt',
				category: 'cat'
			},
			dateFormat: { format: '%Y-%m-%d' },
			numberFormat: { decimal: '.' },
			dimensions: []
		};
		for (const stmt of buildOrdersStatements(m, { returns: 'net' })) await db.exec(stmt);
		expect(await db.query(sql`SELECT order_id, category FROM orders ORDER BY order_id`)).toEqual([
			{ order_id: 'o1', category: 'Food' },
			{ order_id: 'o2', category: '<img src=x onerror=alert(1)>' }
		]);
		const r = await breakdownAnalysis.run(
			(q) => db.query(q),
			{
				asOf: '2024-01-07',
				from: null,
				to: null,
				filter: null,
				hasCustomers: false,
				customerColumns: []
			},
			{ ...defaultBreakdownSettings, dimension: { table: 'orders', column: 'category' } }
		);
		expect(JSON.stringify(r)).toContain('<img src=x onerror=alert(1)>');
		expect(JSON.stringify(r)).toContain('Food');
	});
});

describe('customers file', () => {
	const customersMapping: CustomersMapping = {
		table: 'raw_customers',
		roles: {
			customer_id: 'Customer ID',
			signup_date: 'Signup Date',
			gender: 'Gender',
			birth_date: 'Birthday',
			region: 'City'
		},
		dateFormat: { format: '%Y-%m-%d' },
		numberFormat: { decimal: '.' },
		attributes: toDimensions(['Tier'], [])
	};

	it('builds customers (first row per id) and customer_facts with attributes and prospects', async () => {
		await build(linesMapping, 'net');
		for (const s of buildCustomersStatements(customersMapping)) await db.exec(s);
		expect(await db.query('SELECT * FROM customers ORDER BY customer_id')).toEqual([
			{
				customer_id: '00123',
				signup_date: '2010-02-01',
				gender: 'M',
				birth_year: null,
				region: 'Berlin',
				tier: 'silver'
			},
			// duplicate 17850: the first row (row 1) wins; blank id (row 5) dropped
			{
				customer_id: '17850',
				signup_date: '2010-01-01',
				gender: 'F',
				birth_year: 1980,
				region: 'London',
				tier: 'gold'
			},
			{
				customer_id: '99999',
				signup_date: '2010-03-01',
				gender: null,
				birth_year: 1990,
				region: 'Paris',
				tier: null
			}
		]);
		expect(
			await db.query(
				'SELECT customer_id, orders, round(revenue, 2) AS revenue, is_prospect, region, tier FROM customer_facts ORDER BY customer_id'
			)
		).toEqual([
			{
				customer_id: '00123',
				orders: 1,
				revenue: 4,
				is_prospect: false,
				region: 'Berlin',
				tier: 'silver'
			},
			// in the orders file only: no attributes
			{
				customer_id: '13047',
				orders: 2,
				revenue: 2.55,
				is_prospect: false,
				region: null,
				tier: null
			},
			{
				customer_id: '17850',
				orders: 1,
				revenue: 16.98,
				is_prospect: false,
				region: 'London',
				tier: 'gold'
			},
			// in the customers file only: a prospect
			{
				customer_id: '99999',
				orders: 0,
				revenue: 0,
				is_prospect: true,
				region: 'Paris',
				tier: null
			}
		]);
	});

	it('derives birth_year from age only with a reference year', async () => {
		await db.exec(
			`CREATE OR REPLACE TABLE raw_ages AS SELECT * FROM (VALUES (1, 'a', '30'), (2, 'b', 'n/a')) t(__row, id, age)`
		);
		const m: CustomersMapping = {
			table: 'raw_ages',
			roles: { customer_id: 'id', age: 'age' },
			numberFormat: { decimal: '.' },
			attributes: []
		};
		await db.exec(buildCustomersStatements(m)[0]!);
		expect(await db.query('SELECT * FROM customers ORDER BY customer_id')).toEqual([
			{ customer_id: 'a' },
			{ customer_id: 'b' }
		]);
		await db.exec(buildCustomersStatements(m, { ageReferenceYear: 2024 })[0]!);
		expect(await db.query('SELECT * FROM customers ORDER BY customer_id')).toEqual([
			{ customer_id: 'a', birth_year: 1994 },
			{ customer_id: 'b', birth_year: null }
		]);
	});
});

describe('textExpr', () => {
	it("gives what nullif(trim(cell), '') gives, on every kind of padding", async () => {
		const { textExpr } = await import('../../../src/core/canonical');
		// ASCII and Unicode space separators (NBSP, narrow NBSP, ideographic space) at either end,
		// tabs and line breaks (trim keeps them), inner spaces, blanks and non-ASCII text.
		const cells = [
			'abc',
			' abc',
			'abc ',
			'  a b  ',
			'',
			' ',
			'   ',
			'\u00a0abc',
			'abc\u00a0',
			'\u202f17850\u202f',
			'\u3000客户\u3000',
			'客户 ',
			' 客户',
			'客户',
			'\tabc',
			'abc\r',
			'\u00a0',
			'é',
			null
		];
		const values = cells
			.map((c, i) => `(${i + 1}, ${c === null ? 'NULL' : `'${c.replaceAll("'", "''")}'`})`)
			.join(', ');
		await db.exec(
			`CREATE OR REPLACE TABLE text_cells AS SELECT * FROM (VALUES ${values}) t(i, cell)`
		);
		const rows = await db.query<{ i: number; got: string | null; want: string | null }>(
			sql`SELECT i, ${textExpr('cell')} AS got, nullif(trim(cell), '') AS want FROM text_cells ORDER BY i`
		);
		expect(rows).toHaveLength(cells.length);
		for (const r of rows)
			expect(r.got, `cell ${r.i}: ${JSON.stringify(cells[r.i - 1])}`).toBe(r.want);
		// The reference itself trims what it should (so the comparison is not vacuous).
		expect(rows.map((r) => r.want).slice(0, 8)).toEqual([
			'abc',
			'abc',
			'abc',
			'a b',
			null,
			null,
			null,
			'abc'
		]);
		expect(rows[10]?.want).toBe('客户');
		expect(rows[14]?.want).toBe('\tabc');
	});
});
