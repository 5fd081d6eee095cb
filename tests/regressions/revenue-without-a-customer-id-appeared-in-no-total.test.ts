// Issue 16 item 8: the overview summed only orders with a customer, so lines without a customer id
// ("guests") were in no figure on the page — Online Retail's £1,447,682.12, 14.9 % of its net
// total — while the load summary said they "count in totals".
import { beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import type { Engine } from '../../src/db/engine';
import { buildOrdersTables } from '../../src/db/build-orders';
import { overviewAnalysis } from '../../src/analyses/overview/sql';
import type { OrdersMapping } from '../../src/core/types';
import { scopeAt } from '../helpers/fixtures';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	// Customer c1's order A1 (two lines), a guest order G1 (two lines), a guest return G2.
	await db.exec(`CREATE TABLE raw_orders AS SELECT * FROM (VALUES
		(1, 'A1', 'c1', '2024-03-01', '30.00'),
		(2, 'A1', 'c1', '2024-03-01', '20.00'),
		(3, 'G1', '', '2024-03-02', '15.00'),
		(4, 'G1', NULL, '2024-03-02', '5.00'),
		(5, 'G2', ' ', '2024-03-03', '-4.00')
	) t(__row, invoice, customer, day, amount)`);
	const mapping: OrdersMapping = {
		table: 'raw_orders',
		roles: { order_id: 'invoice', customer_id: 'customer', order_date: 'day', amount: 'amount' },
		dateFormat: { format: 'iso' },
		numberFormat: { decimal: '.' },
		dimensions: []
	};
	await buildOrdersTables(db, mapping, { returns: 'net' });
});

it("store revenue and orders include the lines without a customer id; the customers' figures do not", async () => {
	const { kpis } = await overviewAnalysis.run((q) => db.query(q), scopeAt('2024-03-04'), {});
	// Customers: A1, 50. Guests: G1 (20, a purchase) and G2 (−4): 16. The store: 66, 2 orders.
	expect([kpis.orders, kpis.revenue]).toEqual([1, 50]);
	expect([kpis.guest_orders, kpis.guest_revenue]).toEqual([1, 16]);
	expect([kpis.store_orders, kpis.store_revenue]).toEqual([2, 66]);
});
