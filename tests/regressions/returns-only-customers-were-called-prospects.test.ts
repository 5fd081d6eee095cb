// Issue 16 item 3: customers with orders but only returns were "Prospects" in lifecycle (Online
// Retail: 34, revenue −£10,411.24, advised a first-order incentive) and fell into "Other" (or
// unknown) in the breakdown. A prospect is a customers-file row with no order at all; the others
// are "returns only", shown apart with their count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadText, type LoadedText } from '../helpers/load-text';
import { ANALYSES } from '../../src/analyses';
import { breakdown } from '../../src/analyses/breakdown';
import { defaultPreparedSettings } from '../../src/analyses/registry-tools';
import { breakdownAnalysis, type BreakdownSettings } from '../../src/analyses/breakdown/sql';
import { defaultLifecycleSettings, lifecycleAnalysis } from '../../src/analyses/lifecycle/sql';
import { defaultRfmSettings, rfmAnalysis } from '../../src/analyses/rfm/sql';
import { overviewAnalysis } from '../../src/analyses/overview/sql';

// x and y only returned things (C-prefixed invoices in a numeric series); a, b, c bought.
const CSV = `InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Country
100,a,2024-01-05,2,10,UK
101,b,2024-02-05,1,30,France
102,c,2024-03-05,3,5,UK
103,a,2024-03-20,1,10,UK
C104,x,2024-03-10,-2,10,UK
C105,y,2024-03-12,-1,7.5,France
`;

let loaded: LoadedText;
beforeAll(async () => {
	loaded = await loadText(CSV);
});
afterAll(async () => {
	await loaded.db.close();
});

describe('customers with returns only', () => {
	it('are in no lifecycle stage, not prospects, and counted apart', async () => {
		const { db, scope } = loaded;
		const r = await lifecycleAnalysis.run((q) => db.query(q), scope, defaultLifecycleSettings);
		const prospect = r.stages.find((s) => s.stage === 'prospect')!;
		expect([prospect.customers, prospect.revenue]).toEqual([0, 0]);
		expect(r.stages.reduce((n, s) => n + s.customers, 0)).toBe(3);
		expect(r.returnsOnly).toEqual({ customers: 2, revenue: -27.5 });
	});

	it('fall into no breakdown group (neither Other nor unknown) and are counted apart', async () => {
		const { db, scope } = loaded;
		const settings = defaultPreparedSettings(ANALYSES, breakdown, scope) as BreakdownSettings;
		for (const s of [
			settings,
			{ ...settings, topN: 1 },
			{ ...settings, dimension: { table: 'orders' as const, column: 'country' } }
		]) {
			const r = await breakdownAnalysis.run((q) => db.query(q), scope, s);
			expect(
				r.rows.reduce((n, row) => n + row.customers, 0),
				JSON.stringify(s.dimension)
			).toBe(3);
			expect(r.rows.some((row) => row.is_unknown)).toBe(false);
			expect(r.rows.reduce((n, row) => n + row.revenue, 0)).toBe(75);
			expect(r.returnsOnly).toEqual({ customers: 2, revenue: -27.5 });
		}
	});

	it('are not scored by RFM and not prospects in the overview, but counted there', async () => {
		const { db, scope } = loaded;
		const rfm = await rfmAnalysis.run((q) => db.query(q), scope, defaultRfmSettings);
		expect(rfm.customers).toHaveLength(3);
		expect(rfm.returnsOnly).toEqual({ customers: 2, revenue: -27.5 });
		const { kpis } = await overviewAnalysis.run((q) => db.query(q), scope, {});
		expect([kpis.customers, kpis.prospects, kpis.returns_only]).toEqual([3, 0, 2]);
		const facts = await db.query(
			"SELECT customer_id, is_prospect, returns_only FROM customer_facts WHERE customer_id IN ('x', 'a') ORDER BY 1"
		);
		expect(facts).toEqual([
			{ customer_id: 'a', is_prospect: false, returns_only: false },
			{ customer_id: 'x', is_prospect: false, returns_only: true }
		]);
	});
});
