import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { overviewAnalysis } from '../../../src/analyses/overview/sql';
import type { Scope } from '../../../src/core/scope';
import type { Sql } from '../../../src/core/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	await db.exec(`CREATE TABLE orders AS SELECT * FROM (VALUES
		('a', 'o1', DATE '2024-01-05', 10.0, 1.0, true),
		('a', 'o2', DATE '2024-02-05', 20.0, 2.0, true),
		('a', 'o3', DATE '2024-02-06', -5.0, -1.0, false),
		('b', 'o4', DATE '2024-02-20', 30.0, 1.0, true)
	) t(customer_id, order_id, order_date, revenue, items, is_purchase)`);
	// tx: a customer's line (in orders above, not a guest's) and the lines without a customer id:
	// order g1 of two lines, return g2, two lines with no order id, one line after the as-of date.
	await db.exec(`CREATE TABLE tx AS SELECT * FROM (VALUES
		(1, 'a', 'o1', TIMESTAMP '2024-01-05 10:00', 10.0, false, NULL),
		(10, NULL, 'g1', TIMESTAMP '2024-01-10 09:00', 7.0, false, 3.5),
		(11, NULL, 'g1', TIMESTAMP '2024-01-10 09:00', 3.0, false, 3.0),
		(12, NULL, 'g2', TIMESTAMP '2024-02-10 12:00', -4.0, true, 4.0),
		(14, NULL, NULL, TIMESTAMP '2024-02-12 08:00', 5.0, false, 5.0),
		(15, NULL, NULL, TIMESTAMP '2024-02-12 08:00', 6.0, false, 6.0),
		(16, NULL, 'g3', TIMESTAMP '2024-02-25 08:00', 100.0, false, 100.0),
		(17, NULL, 'g4', TIMESTAMP '2024-02-14 08:00', 0.0, false, 0.0)
	) t(line_no, customer_id, order_id, order_ts, amount, is_return, unit_price)`);
	await db.exec('ALTER TABLE tx ADD COLUMN order_date DATE');
	await db.exec('UPDATE tx SET order_date = CAST(order_ts AS DATE)');
});

const scope: Scope = {
	asOf: '2024-02-21',
	from: null,
	to: null,
	filter: null,
	hasCustomers: false,
	customerColumns: []
};

describe('overview', () => {
	it('computes KPIs and months by hand', async () => {
		const r = await overviewAnalysis.run((q: Sql) => db.query(q), scope, {});
		// customers a, b; purchase orders o1, o2, o4 = 3; revenue 10+20-5+30 = 55; AOV 55/3;
		// repeat: a has 2 purchases, b 1 → 1/2.
		expect(r.kpis).toEqual({
			customers: 2,
			orders: 3,
			revenue: 55,
			aov: 55 / 3,
			repeat_rate: 0.5,
			first_date: '2024-01-05',
			last_date: '2024-02-20',
			prospects: 0,
			returns_only: 0,
			// Guests: g1 (7 + 3), g2 (−4, a return), two lines without an order id (5, 6), each an
			// order, g4 (a free order, as orders counts it: a purchase); g3 is after the as-of date.
			// Purchases g1, the two lines and g4: 4; net 10 − 4 + 11 + 0.
			guest_orders: 4,
			guest_revenue: 17,
			store_orders: 7,
			store_revenue: 72
		});
		// Feb: 20 − 5 + 30 = 45 revenue, purchase orders o2, o4, buying customers a, b. As of
		// 02-21, February 2024 has 20 of its 29 days in scope: partial.
		expect(r.months).toEqual([
			{
				month: '2024-01-01',
				revenue: 10,
				orders: 1,
				customers: 1,
				days: 31,
				month_days: 31,
				partial: false
			},
			{
				month: '2024-02-01',
				revenue: 45,
				orders: 2,
				customers: 2,
				days: 20,
				month_days: 29,
				partial: true
			}
		]);
	});

	it("leaves guests' return lines out with returns 'exclude', as orders does", async () => {
		const r = await overviewAnalysis.run(
			(q: Sql) => db.query(q),
			{ ...scope, returns: 'exclude' },
			{}
		);
		expect([r.kpis.guest_orders, r.kpis.guest_revenue]).toEqual([3, 21]);
	});

	it('counts guest orders in the date range and leaves them out of a customers-file filter', async () => {
		const feb = await overviewAnalysis.run(
			(q: Sql) => db.query(q),
			{ ...scope, from: '2024-02-01', to: '2024-02-15' },
			{}
		);
		expect([feb.kpis.guest_orders, feb.kpis.guest_revenue]).toEqual([3, 7]);
		// 1 Feb – 15 Feb: the range starts and ends inside February.
		expect(feb.months.map((m) => [m.month, m.days, m.partial])).toEqual([['2024-02-01', 15, true]]);
	});

	it('a month is complete when the as-of date is the first of the next month', async () => {
		const r = await overviewAnalysis.run(
			(q: Sql) => db.query(q),
			{ ...scope, asOf: '2024-03-01' },
			{}
		);
		expect(r.months.map((m) => m.partial)).toEqual([false, false]);
	});
});
