import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { sql, type Sql } from '../../../src/core/sql';
import type { Scope } from '../../../src/core/scope';
import {
	breakdownAnalysis,
	defaultBreakdownSettings,
	type BreakdownSettings
} from '../../../src/analyses/breakdown/sql';

let db: Engine;
const query = <T>(q: Sql) => db.query<T>(q);

const scope: Scope = {
	asOf: '2024-07-01',
	from: null,
	to: null,
	filter: null,
	hasCustomers: true,
	customerColumns: ['birth_year']
};

// Ages at 2024: u1 24 (<25), u2 25 and u3 34 (25–34), u4 44 (35–44), u5 65 (65+), u6 unknown,
// u7 54 (45–54, a prospect without orders).
// Orders (channel, revenue): u1 web 100 (06-01), shop 50 (06-11) → n 2, recency 20;
// u2 shop 30 (05-02) → recency 60; u3 NULL 20 (06-21), blank −5 return → n 1, recency 10;
// u4 app 40 × 3 (04-01..03) → n 3, recency 89; u5 fax 10 (06-30) → recency 1;
// u6 web 0 (01-01, zero: no purchase), web 60 (03-01) → n 1, recency 122.
beforeAll(async () => {
	db = await createNodeEngine();
	await db.exec(`CREATE TABLE orders AS
		SELECT customer_id, order_id, CAST(d AS TIMESTAMP) AS order_ts, CAST(d AS DATE) AS order_date,
			CAST(revenue AS DOUBLE) AS revenue, 1.0 AS items, revenue > 0 AS is_purchase, channel
		FROM (VALUES
			('u1', 'o1', '2024-06-01', 100, 'web'), ('u1', 'o2', '2024-06-11', 50, 'shop'),
			('u2', 'o3', '2024-05-02', 30, 'shop'),
			('u3', 'o4', '2024-06-21', 20, NULL), ('u3', 'o5', '2024-06-22', -5, ' '),
			('u4', 'o6', '2024-04-01', 40, 'app'), ('u4', 'o7', '2024-04-02', 40, 'app'), ('u4', 'o8', '2024-04-03', 40, 'app'),
			('u5', 'o9', '2024-06-30', 10, 'fax'),
			('u6', 'o10', '2024-01-01', 0, 'web'), ('u6', 'o11', '2024-03-01', 60, 'web')
		) t(customer_id, order_id, d, revenue, channel)`);
	await db.exec(`CREATE TABLE customers AS SELECT * FROM (VALUES
		('u1', 2000), ('u2', 1999), ('u3', 1990), ('u4', 1980), ('u5', 1959), ('u6', NULL), ('u7', 1970)
	) t(customer_id, birth_year)`);
});

const byChannel: BreakdownSettings = {
	...defaultBreakdownSettings,
	dimension: { table: 'orders', column: 'channel' },
	topN: 2
};

describe('segment breakdown', () => {
	it('ranks values, folds the rest into Other from raw rows, blanks are unknown', async () => {
		const r = await breakdownAnalysis.run(query, scope, byChannel);
		// Customers by first order: web u1, u6 (u6's first order is the zero one); shop u2; unknown u3;
		// app u4; fax u5 (u7 has no order). Revenue by each order's own channel: web 160, app 120,
		// shop 80, unknown 20 − 5 = 15, fax 10. Rank: web (2 customers), then app, shop, unknown, fax
		// by revenue → top 2 web, app; Other = shop + unknown + fax. Total revenue 385.
		expect(r.rows).toEqual([
			{
				value: 'web',
				position: 1,
				is_other: false,
				is_unknown: false,
				customers: 2,
				orders: 2,
				revenue: 160,
				revenue_share: 160 / 385,
				aov: 80,
				orders_per_customer: 1.5, // u1 2 + u6 1 purchases
				repeat_rate: 0.5,
				median_recency: 71, // (20 + 122) / 2
				small_group: true
			},
			{
				value: 'app',
				position: 2,
				is_other: false,
				is_unknown: false,
				customers: 1,
				orders: 3,
				revenue: 120,
				revenue_share: 120 / 385,
				aov: 40,
				orders_per_customer: 3,
				repeat_rate: 1,
				median_recency: 89,
				small_group: true
			},
			{
				value: 'Other',
				position: 3,
				is_other: true, // shop, fax and the unknown group folded together
				is_unknown: false,
				customers: 3, // u2, u3, u5
				orders: 4, // shop u1 + u2, u3's 20 (the return is no purchase), fax
				revenue: 105,
				revenue_share: 105 / 385,
				aov: 26.25,
				orders_per_customer: 1,
				repeat_rate: 0,
				median_recency: 10, // median of 60, 10, 1 — not a mean of medians
				small_group: true
			}
		]);
		expect(r.cross).toEqual([]);
	});

	it("takes a customer's first order's value even when it is empty and a later one is not", async () => {
		const other = await createNodeEngine();
		try {
			await other.exec(`CREATE TABLE orders AS
				SELECT customer_id, order_id, CAST(d AS TIMESTAMP) AS order_ts, CAST(d AS DATE) AS order_date,
					CAST(revenue AS DOUBLE) AS revenue, 1.0 AS items, revenue > 0 AS is_purchase, channel
				FROM (VALUES
					('a', 'o1', '2024-01-01', 10, NULL), ('a', 'o2', '2024-02-01', 10, 'web'),
					('b', 'o3', '2024-01-05', 10, 'web'), ('b', 'o4', '2024-01-05', 10, 'shop')
				) t(customer_id, order_id, d, revenue, channel)`);
			const r = await breakdownAnalysis.run(
				(q) => other.query(q),
				{ ...scope, hasCustomers: false, customerColumns: [] },
				{ ...byChannel, topN: 5 }
			);
			// a's first order has no channel: unknown. b's two orders share a day; o3 < o4 by id: web.
			// Ranked by customers, then revenue.
			expect(r.rows.map((x) => [x.value, x.customers, x.revenue])).toEqual([
				['web', 1, 20],
				['unknown', 1, 10],
				['shop', 0, 10]
			]);
		} finally {
			await other.close();
		}
	});

	it('bins birth years into age bands at the as-of year, prospects included, unknown last', async () => {
		const r = await breakdownAnalysis.run(query, scope, {
			...defaultBreakdownSettings,
			dimension: { table: 'derived', column: 'age_band' }
		});
		expect(
			r.rows.map((x) => [
				x.value,
				x.position,
				x.is_other,
				x.is_unknown,
				x.customers,
				x.orders,
				x.revenue
			])
		).toEqual([
			['<25', 1, false, false, 1, 2, 150],
			['25–34', 2, false, false, 2, 2, 45],
			['35–44', 3, false, false, 1, 3, 120],
			['45–54', 4, false, false, 1, 0, 0],
			['65+', 6, false, false, 1, 1, 10],
			['unknown', 1_000_000, false, true, 1, 1, 60]
		]);
		const prospects = r.rows.find((x) => x.value === '45–54')!;
		expect([prospects.aov, prospects.median_recency, prospects.orders_per_customer]).toEqual([
			null,
			null,
			0
		]);
	});

	it('cross-tabulates customers and revenue for the top values of both dimensions', async () => {
		const r = await breakdownAnalysis.run(query, scope, {
			...byChannel,
			cross: { table: 'derived', column: 'age_band' }
		});
		// Customers: (first-order channel group, band); revenue: (order's channel group, band):
		// u1's shop order lands in Other × <25 while u1 counts in web × <25.
		expect(r.cross).toEqual([
			{
				a: 'web',
				b: '<25',
				a_position: 1,
				b_position: 1,
				a_other: false,
				a_unknown: false,
				b_other: false,
				b_unknown: false,
				customers: 1,
				revenue: 100
			},
			{
				a: 'web',
				b: 'unknown',
				a_position: 1,
				b_position: 1_000_000,
				a_other: false,
				a_unknown: false,
				b_other: false,
				b_unknown: true,
				customers: 1,
				revenue: 60
			},
			{
				a: 'app',
				b: '35–44',
				a_position: 2,
				b_position: 3,
				a_other: false,
				a_unknown: false,
				b_other: false,
				b_unknown: false,
				customers: 1,
				revenue: 120
			},
			{
				a: 'Other',
				b: '<25',
				a_position: 3,
				b_position: 1,
				a_other: true,
				a_unknown: false,
				b_other: false,
				b_unknown: false,
				customers: 0,
				revenue: 50
			},
			{
				a: 'Other',
				b: '25–34',
				a_position: 3,
				b_position: 2,
				a_other: true,
				a_unknown: false,
				b_other: false,
				b_unknown: false,
				customers: 2,
				revenue: 45
			},
			{
				a: 'Other',
				b: '65+',
				a_position: 3,
				b_position: 6,
				a_other: true,
				a_unknown: false,
				b_other: false,
				b_unknown: false,
				customers: 1,
				revenue: 10
			}
		]);
	});

	it('takes a derived (customer_id, value) statement; missing customers are unknown', async () => {
		const derivedSql = sql`SELECT customer_id, CASE WHEN orders >= 2 THEN 'repeat' END AS value FROM scoped_customers WHERE orders >= 1`;
		const r = await breakdownAnalysis.run(query, scope, {
			...defaultBreakdownSettings,
			dimension: { table: 'derived', column: 'rfm_segment' },
			derivedSql
		});
		// repeat: u1, u4; unknown: the rest incl. u7 (not in the statement) — ranked by customers.
		expect(r.rows.map((x) => [x.value, x.is_unknown, x.customers, x.revenue])).toEqual([
			['unknown', true, 5, 115],
			['repeat', false, 2, 270]
		]);
	});

	it('flags groups under 30 customers and explicit bins label their edges', async () => {
		await db.exec(`CREATE TABLE big_orders AS SELECT * FROM orders`);
		await db.exec(`INSERT INTO orders
			SELECT 'g' || i, 'go' || i, TIMESTAMP '2024-06-01', DATE '2024-06-01', 5.0, 1.0, true, 'bulk'
			FROM range(30) r(i)`);
		const r = await breakdownAnalysis.run(
			query,
			{ ...scope, hasCustomers: false, customerColumns: [] },
			byChannel
		);
		expect(r.rows.map((x) => [x.value, x.is_other, x.customers, x.small_group])).toEqual([
			['bulk', false, 30, false],
			['web', false, 2, true],
			['Other', true, 4, true]
		]);
		const binned = await breakdownAnalysis.run(query, scope, {
			...defaultBreakdownSettings,
			dimension: { table: 'orders', column: 'revenue', numeric: true },
			bins: [10, 50]
		});
		// First orders: u1 100, u2 30, u3 20, u4 40, u5 10, u6 0, 30 × 5 → <10: 31, 10–50: 4, 50+: 1.
		expect(binned.rows.map((x) => [x.value, x.customers])).toEqual([
			['<10', 31],
			['10–50', 4],
			['50+', 1]
		]);
		await db.exec('DROP TABLE orders');
		await db.exec('ALTER TABLE big_orders RENAME TO orders');
	});
});
