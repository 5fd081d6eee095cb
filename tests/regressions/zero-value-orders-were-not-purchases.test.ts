// Issue 16 item 2: `sum(amount) > 0` made free orders and zero-price promotions vanish as
// purchases, so CDNOW lost 68 real customers (23,502 instead of 23,570) and gained a spurious
// 2-customer 1997-11 cohort. A purchase is an order with at least one non-return line and net ≥ 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadText, type LoadedText } from '../helpers/load-text';
import { overviewAnalysis } from '../../src/analyses/overview/sql';
import { cohortAnalysis, defaultCohortSettings } from '../../src/analyses/cohort/sql';

// f's first order is free (0), then a paid one in May; z only ever had a free order; r's order
// 2 is a cancelled one (status), net 0 but nothing bought.
const CSV = `order_id,customer_id,order_date,amount,status
1,f,2024-01-10,0,paid
2,f,2024-05-10,25,paid
3,z,2024-02-01,0,paid
4,r,2024-01-15,30,paid
5,r,2024-03-01,40,cancelled
`;

let loaded: LoadedText;
beforeAll(async () => {
	loaded = await loadText(CSV);
});
afterAll(async () => {
	await loaded.db.close();
});

describe('a free order is a purchase, a cancelled one is not', () => {
	it('counts customers whose only order was free as customers', async () => {
		const { db, scope } = loaded;
		const { kpis } = await overviewAnalysis.run((q) => db.query(q), scope, {});
		expect([kpis.customers, kpis.orders]).toEqual([3, 4]);
	});

	it('puts a customer in the cohort of their first, free, order', async () => {
		const { db, scope } = loaded;
		const { rows } = await cohortAnalysis.run((q) => db.query(q), scope, defaultCohortSettings);
		const sizes = rows.filter((r) => r.k === 0).map((r) => [r.cohort, r.cohort_size]);
		expect(sizes).toEqual([
			['2024-01-01', 2],
			['2024-02-01', 1]
		]);
	});
});
