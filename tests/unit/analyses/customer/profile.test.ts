// The customer profile (issue 19): its figures for a hand-worked customer, and the segment, stage
// and purchase-cycle expectation equal to what the RFM, lifecycle and cycle sections' own SQL give
// for every customer of the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { scopeAt } from '../../../helpers/fixtures';
import type { Engine } from '../../../../src/db/engine';
import type { Scope } from '../../../../src/core/scope';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { sql } from '../../../../src/core/sql';
import { ANALYSES } from '../../../../src/analyses';
import { prepareContext } from '../../../../src/analyses/registry-tools';
import { rfm } from '../../../../src/analyses/rfm';
import { lifecycle } from '../../../../src/analyses/lifecycle';
import { cycle } from '../../../../src/analyses/cycle';
import {
	buildThresholdsQuery,
	type LifecycleThresholds
} from '../../../../src/analyses/lifecycle/sql';
import {
	buildProfileQueries,
	type CustomerProfile,
	type StageThresholds
} from '../../../../src/analyses/customer/sql';
import { FieldTables, readCustomerProfile } from '../../../../src/analyses/customer/read';
import type { AnalysisModule } from '../../../../src/analyses/types';
import { profileInput } from '../../../../src/analyses/customer/input';

/**
 * c01, hand-worked: purchases 2024-01-10 (100.00), 2024-02-10 (50.00), 2024-03-15 (30.00), and a
 * return order 2024-03-20 (−30.00). Orders 3, revenue 100 + 50 + 30 − 30 = 150, AOV 150 / 3 = 50,
 * returns 1 order of −30, first 2024-01-10, last 2024-03-15, cohort 2024-01; gaps 31 and 34 days
 * (2024 is a leap year), typical gap 32.5, expected next 2024-03-15 + 33 (halves up) = 2024-04-17.
 */
const ORDERS = `order_id,order_date,customer_id,amount
1001,2024-01-10,c01,100.00
1002,2024-02-10,c01,50.00
1003,2024-03-15,c01,30.00
1004,2024-03-20,c01,-30.00
2001,2024-01-05,c02,20.00
2002,2024-06-01,c02,25.00
3001,2023-11-02,c03,500.00
4001,2024-05-20,c04,60.00
4002,2024-05-27,c04,60.00
4003,2024-06-03,c04,60.00
4004,2024-06-10,c04,60.00
5001,2023-10-01,c05,15.00
5002,2023-10-15,c05,15.00
6001,2024-06-20,c06,80.00
7001,2023-12-01,c07,40.00
7002,2024-02-01,c07,45.00
7003,2024-04-01,c07,50.00
8001,2024-03-03,c08,10.00
8002,2024-03-04,c08,12.00
9001,2023-09-09,c09,300.00
9002,2024-06-25,c09,10.00
`;

const CUSTOMERS = `customer_id,name,email,region
c01,Ann Lee,ann@example.com,East
c02,Bob O'Brien,bob@example.com,West
c03,Ann-Marie Chu,amc@example.com,East
c10,Pia Prospect,pia@example.com,North
`;

let db: Engine;
let scope: Scope;

/**
 * The profile of `id` with every analysis' default settings (as right after a load), but those in
 * `changed` (by analysis id); derived fields read from `tables` when given.
 */
async function profileOf(
	id: string,
	tables?: FieldTables,
	changed: Record<string, object> = {}
): Promise<CustomerProfile> {
	const settingsOf = (m: AnalysisModule) => ({ ...m.defaults, ...changed[m.id] });
	const [t] = await db.query<LifecycleThresholds>(
		buildThresholdsQuery(scope, settingsOf(lifecycle) as typeof lifecycle.defaults)
	);
	const thresholds: StageThresholds = t!;
	return readCustomerProfile(
		(q) => db.query(q),
		profileInput(ANALYSES, scope, id, settingsOf, thresholds, rfm),
		tables
	);
}

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
	expect(set.summary).not.toBeNull();
	expect(set.customers).not.toBeNull();
	scope = scopeAt(set.summary!.as_of, {
		hasCustomers: true,
		customerColumns: ['region']
	});
});
afterAll(async () => {
	await db?.close();
});

describe('customer profile', () => {
	it('c01: orders, revenue, AOV, returns, first/last purchase, cohort and next purchase due, as worked by hand', async () => {
		const p = await profileOf('c01');
		expect(p.facts).toMatchObject({
			customer_id: 'c01',
			orders: 3,
			revenue: 150,
			aov: 50,
			return_orders: 1,
			returned: -30,
			cohort: '2024-01'
		});
		expect(String(p.facts!.first_order)).toContain('2024-01-10');
		expect(p.orders.map((o) => o.order_id)).toEqual(['1004', '1003', '1002', '1001']);
		expect(p.orders.map((o) => o.is_return)).toEqual([true, false, false, false]);
		expect(p.orders[0]!.total).toBe(4);
		expect(p.cycle).toMatchObject({ gaps: 2, typical_gap: 32.5 });
		expect(String(p.cycle!.expected_next)).toContain('2024-04-17');
		expect(String(p.facts!.last_order)).toContain('2024-03-15');
	});

	it("the RFM row, segment, lifecycle stage and cycle expectation equal the sections' own rows, for every customer", async () => {
		const ctx = prepareContext(ANALYSES, scope, (m) => ({ ...m.defaults }));
		const rfmRows = await db.query<Record<string, unknown>>(
			rfm.def.queries(scope, rfm.defaults).customers!
		);
		const stages = await db.query<{ customer_id: string; value: string }>(
			ctx.derivedSql('lifecycle_stage')!
		);
		const cycleRows = await db.query<Record<string, unknown>>(
			cycle.def.queries(scope, { ...cycle.defaults, stageSql: ctx.derivedSql('lifecycle_stage') })
				.customers!
		);
		expect(rfmRows.length).toBeGreaterThan(5);
		// The fixture spans several stages (prospect, churned, at risk, new, active …).
		expect(new Set(stages.map((s) => s.value)).size).toBeGreaterThanOrEqual(4);
		for (const row of stages) {
			const p = await profileOf(row.customer_id);
			const fields = Object.fromEntries(p.fields.map((f) => [f.key, f.value]));
			expect(fields['lifecycle_stage'], row.customer_id).toBe(row.value);
			// The stage history ends at the stage the lifecycle section gives at as-of.
			if (row.value !== 'prospect') expect(p.stages.at(-1)?.stage, row.customer_id).toBe(row.value);
			const r = rfmRows.find((x) => x.customer_id === row.customer_id);
			if (r) {
				expect(p.rfm, row.customer_id).toEqual(r);
				expect(fields['rfm_segment'] ?? p.rfm?.segment).toBe(r.segment);
			} else expect(p.rfm).toBeNull();
			const c = cycleRows.find((x) => x.customer_id === row.customer_id);
			if (c) {
				expect(p.cycle?.expected_next, row.customer_id).toEqual(c.expected_next);
				expect(p.cycle?.typical_gap).toBe(c.typical_gap);
				expect(p.cycle?.days_overdue).toBe(c.days_overdue);
			} else expect(p.cycle, row.customer_id).toBeNull();
		}
	});

	it("c01's stage history with thresholds churn 60, at risk 30, loyal from 3 orders, as worked by hand", async () => {
		// 01-10 new; silent > 30 days as of the end of 02-09: at risk; 02-10 second order (gap 31 ≤
		// 60): active; at risk from 03-11 (02-10 + 30); 03-15 third order: loyal; at risk from 04-14,
		// churned from 05-14 (03-15 + 60), still churned at as-of (2024-06-26).
		const q = buildProfileQueries(scope, 'c01', {
			churn_after: 60,
			risk_after: 30,
			loyal_orders: 3
		});
		expect(await db.query(q.stages!)).toEqual([
			{ stage: 'new', since: '2024-01-10' },
			{ stage: 'at_risk', since: '2024-02-09' },
			{ stage: 'active', since: '2024-02-10' },
			{ stage: 'at_risk', since: '2024-03-11' },
			{ stage: 'loyal', since: '2024-03-15' },
			{ stage: 'at_risk', since: '2024-04-14' },
			{ stage: 'churned', since: '2024-05-14' }
		]);
		// An earlier as-of cuts the history: as of 2024-03-20 c01 has been loyal since 03-15.
		const early = buildProfileQueries({ ...scope, asOf: '2024-03-20' }, 'c01', {
			churn_after: 60,
			risk_after: 30,
			loyal_orders: 3
		});
		expect((await db.query<{ stage: string }>(early.stages!)).at(-1)).toEqual({
			stage: 'loyal',
			since: '2024-03-15'
		});
	});

	it("a field's table is built once and rebuilt when its owner's settings change", async () => {
		const tables = new FieldTables();
		const stageOf = (p: CustomerProfile) =>
			p.fields.find((f) => f.key === 'lifecycle_stage')?.value;
		const before = await profileOf('c01', tables);
		const [{ n }] = (await db.query<{ n: number }>(
			"SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_tables() WHERE table_name LIKE '__customer_field_%'"
		)) as [{ n: number }];
		expect(n).toBeGreaterThan(0);
		// A lifecycle churn threshold of 400 days: c01 (last purchase 103 days before as-of) is no
		// longer churned; the stage read from the rebuilt table is the lifecycle section's.
		const changed = { [lifecycle.id]: { churnAfter: 400, riskAfter: 200 } };
		const after = await profileOf('c01', tables, changed);
		const ctx = prepareContext(ANALYSES, scope, (m) => ({ ...m.defaults, ...changed[m.id] }));
		const [row] = await db.query<{ value: string }>(
			sql`SELECT value FROM (${ctx.derivedSql('lifecycle_stage')!}) WHERE customer_id = 'c01'`
		);
		expect(stageOf(after)).toBe(row!.value);
		expect(stageOf(after)).not.toBe(stageOf(before));
		expect(after.stages.at(-1)?.stage).toBe(row!.value);
		// Back to the defaults: the same answer as the first time.
		expect(stageOf(await profileOf('c01', tables))).toBe(stageOf(before));
	});

	it("the RFM section's list is ranked once for many profiles, not once per profile (≈ 250 ms each on 1 M lines)", async () => {
		const tables = new FieldTables();
		const settingsOf = (m: AnalysisModule) => ({ ...m.defaults });
		const ran: string[] = [];
		const spy = <T>(q: Parameters<typeof db.query>[0]) => {
			ran.push(typeof q === 'string' ? q : q.text);
			return db.query<T>(q);
		};
		for (const id of ['c01', 'c02', 'c03']) {
			const input = profileInput(ANALYSES, scope, id, settingsOf, null, rfm);
			const list = input.rfmCustomers!;
			const before = ran.length;
			const p = await readCustomerProfile(spy as typeof db.query, input, tables);
			const reads = ran.slice(before).filter((t) => t.includes(list.text)).length;
			// Built into a table at the first profile, read from it afterwards.
			expect(reads).toBe(id === 'c01' ? 1 : 0);
			const [row] = await db.query(sql`SELECT * FROM (${list}) __l WHERE customer_id = ${id}`);
			expect(p.rfm).toEqual(row);
		}
	});

	it("two sets of field tables do not overwrite each other's tables (the RFM list's table took field 0's name)", async () => {
		// As the search's focus does: the fields' tables first, then the RFM list's at the profile.
		const a = new FieldTables();
		const settingsOf = (m: AnalysisModule) => ({ ...m.defaults });
		await a.ensure(
			(q) => db.query(q),
			profileInput(ANALYSES, scope, 'c01', settingsOf, null, rfm).fields
		);
		const first = await profileOf('c01', a);
		await profileOf('c02', new FieldTables());
		expect(await profileOf('c01', a)).toEqual(first);
	});

	it('a prospect from the customers file has facts with no orders, and stage prospect', async () => {
		const p = await profileOf('c10');
		expect(p.facts).toMatchObject({ orders: 0, is_prospect: true });
		expect(p.orders).toEqual([]);
		expect(p.fields.find((f) => f.key === 'lifecycle_stage')?.value).toBe('prospect');
	});

	it('an unknown id has no facts and no orders', async () => {
		const p = await profileOf("nobody'; DROP TABLE orders; --");
		expect(p.facts).toBeNull();
		expect(p.orders).toEqual([]);
		const [n] = await db.query<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM orders');
		expect(n!.n).toBe(21);
	});
});
