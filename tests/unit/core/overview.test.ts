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
			prospects: 0
		});
		// Feb: 20 − 5 + 30 = 45 revenue, purchase orders o2, o4, buying customers a, b.
		expect(r.months).toEqual([
			{ month: '2024-01-01', revenue: 10, orders: 1, customers: 1 },
			{ month: '2024-02-01', revenue: 45, orders: 2, customers: 2 }
		]);
	});
});
