import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import type { Sql } from '../../../src/core/sql';
import type { Scope } from '../../../src/core/scope';
import {
	buildLifecycleStageSql,
	buildStagesQuery,
	defaultLifecycleSettings,
	lifecycleAnalysis,
	type LifecycleResult
} from '../../../src/analyses/lifecycle/sql';

let db: Engine;
const query = <T>(q: Sql) => db.query<T>(q);

async function load(values: string, customers: string | null) {
	await db.exec('DROP TABLE IF EXISTS orders');
	await db.exec('DROP TABLE IF EXISTS customers');
	await db.exec(`CREATE TABLE orders AS
		SELECT customer_id, order_id, CAST(d AS TIMESTAMP) AS order_ts, CAST(d AS DATE) AS order_date,
			CAST(revenue AS DOUBLE) AS revenue, 1.0 AS items, revenue > 0 AS is_purchase
		FROM (VALUES ${values}) t(customer_id, order_id, d, revenue)`);
	if (customers) {
		await db.exec(`CREATE TABLE customers AS SELECT * FROM (VALUES ${customers}) t(customer_id)`);
	}
}

const scope: Scope = {
	asOf: '2024-07-01',
	from: null,
	to: null,
	filter: null,
	hasCustomers: true,
	customerColumns: []
};

// Every purchase is 10. Distinct purchase dates and gaps (days):
// a 01-01, 01-11, 01-31, 03-01 → 10, 20, 30 (n 4, last 03-01: recency 122)
// b 06-01, 06-21 → 20 (n 2, recency 10)          c 06-25 (n 1, recency 6)
// d 2023-01-01, 2024-06-20 → 536 (n 2, recency 11) e 05-01 twice, 05-11, 06-10 → 10, 30 (n 4, recency 21)
// f 05-12, 06-01 → 20 (n 2, recency 30)          g 06-15, 06-25 → 10 (n 2, recency 6)
// h only a return on 06-01 (n 0: returns only)  i 02-01, 02-11, 02-21 → 10, 10 (n 3, recency 131)
// p in the customers file only (prospect)
const ORDERS = `
	('a', 'a1', '2024-01-01', 10), ('a', 'a2', '2024-01-11', 10), ('a', 'a3', '2024-01-31', 10), ('a', 'a4', '2024-03-01', 10),
	('b', 'b1', '2024-06-01', 10), ('b', 'b2', '2024-06-21', 10),
	('c', 'c1', '2024-06-25', 10),
	('d', 'd1', '2023-01-01', 10), ('d', 'd2', '2024-06-20', 10),
	('e', 'e1', '2024-05-01', 10), ('e', 'e2', '2024-05-01', 10), ('e', 'e3', '2024-05-11', 10), ('e', 'e4', '2024-06-10', 10),
	('f', 'f1', '2024-05-12', 10), ('f', 'f2', '2024-06-01', 10),
	('g', 'g1', '2024-06-15', 10), ('g', 'g2', '2024-06-25', 10),
	('h', 'h1', '2024-06-01', -10),
	('i', 'i1', '2024-02-01', 10), ('i', 'i2', '2024-02-11', 10), ('i', 'i3', '2024-02-21', 10)`;
const CUSTOMERS = `('a'), ('b'), ('p')`;

beforeAll(async () => {
	db = await createNodeEngine();
	await load(ORDERS, CUSTOMERS);
});

describe('lifecycle stages', () => {
	it('derives the thresholds from the gaps (nearest rank)', async () => {
		const r = await lifecycleAnalysis.run(query, scope, defaultLifecycleSettings);
		// 11 gaps sorted: 10 10 10 10 10 20 20 20 30 30 536. p90: rank ceil(9.9) = 10 → 30;
		// median: rank ceil(5.5) = 6 → 20 → risk = min(40, 30 − 1) = 29.
		// Orders per buyer 1 2 2 2 2 3 4 4: p80 rank ceil(6.4) = 7 → 4 → loyal = max(3, 4).
		expect(r.thresholds).toEqual({
			churn_after: 30,
			risk_after: 29,
			loyal_orders: 4,
			median_gap: 20,
			p90_gap: 30,
			p80_orders: 4,
			gaps: 11,
			repeat_customers: 7,
			fallback: false
		});
	});

	it('reaches every stage; the partition covers every customer once', async () => {
		const r = await lifecycleAnalysis.run(query, scope, defaultLifecycleSettings);
		// prospect p; churned a (122), i (131); at_risk f (29 < 30 ≤ 30); new c; reactivated d
		// (gap 536 > 30); loyal e (n 4, last gap 30 not > 30); active b, g. h (returns only, −10)
		// is in no stage and not in the shares (9 customers), but counted apart.
		expect(r.stages).toEqual([
			{ stage: 'prospect', customers: 1, share: 1 / 9, revenue: 0 },
			{ stage: 'churned', customers: 2, share: 2 / 9, revenue: 70 },
			{ stage: 'at_risk', customers: 1, share: 1 / 9, revenue: 20 },
			{ stage: 'new', customers: 1, share: 1 / 9, revenue: 10 },
			{ stage: 'reactivated', customers: 1, share: 1 / 9, revenue: 20 },
			{ stage: 'loyal', customers: 1, share: 1 / 9, revenue: 40 },
			{ stage: 'active', customers: 2, share: 2 / 9, revenue: 40 }
		]);
		expect(r.returnsOnly).toEqual({ customers: 1, revenue: -10 });
		const perCustomer = await query<{ customer_id: string; value: string }>(
			buildLifecycleStageSql(scope, defaultLifecycleSettings)
		);
		expect(perCustomer.map((x) => `${x.customer_id}:${x.value}`)).toEqual([
			'a:churned',
			'b:active',
			'c:new',
			'd:reactivated',
			'e:loyal',
			'f:at_risk',
			'g:active',
			'i:churned',
			'p:prospect'
		]);
	});

	it('migrates from as-of − 90 days (2024-04-02); later customers come from not_yet', async () => {
		const r = await lifecycleAnalysis.run(query, scope, defaultLifecycleSettings);
		expect(r.compareFrom).toBe('2024-04-02');
		// At 04-02: p prospect; a churned (recency 32); d churned (n 1, recency 457); i churned (41);
		// b, c, e, f, g had no order yet; h (returns only) is in no stage now.
		expect(r.migration).toEqual([
			{ from_stage: 'not_yet', to_stage: 'at_risk', customers: 1 },
			{ from_stage: 'not_yet', to_stage: 'new', customers: 1 },
			{ from_stage: 'not_yet', to_stage: 'loyal', customers: 1 },
			{ from_stage: 'not_yet', to_stage: 'active', customers: 2 },
			{ from_stage: 'prospect', to_stage: 'prospect', customers: 1 },
			{ from_stage: 'churned', to_stage: 'churned', customers: 2 },
			{ from_stage: 'churned', to_stage: 'reactivated', customers: 1 }
		]);
	});

	it('recomputes stages at each month end with the same thresholds', async () => {
		const r = await lifecycleAnalysis.run(query, scope, defaultLifecycleSettings);
		const ends = [...new Set(r.overTime.map((x) => x.month_end))];
		// First order month 2023-01 → month ends 2023-01-31 … 2024-06-30 (as of 2024-07-01 = as-of).
		expect(ends.length).toBe(18);
		expect(ends[0]).toBe('2023-01-31');
		expect(ends.at(-1)).toBe('2024-06-30');
		expect(r.overTime.length).toBe(18 * 7);
		const at = (end: string) =>
			Object.fromEntries(
				r.overTime.filter((x) => x.month_end === end).map((x) => [x.stage, x.customers])
			);
		// As of 2023-02-01: p (prospect) and d (n 1, recency 31 > 30 → churned).
		expect(at('2023-01-31')).toEqual({
			prospect: 1,
			churned: 1,
			at_risk: 0,
			new: 0,
			reactivated: 0,
			loyal: 0,
			active: 0
		});
		// As of 2024-03-01: a (01-01, 01-11, 01-31; recency 30 → at risk), i (n 3, recency 9, gaps
		// 10 → active), d churned, p prospect.
		expect(at('2024-02-29')).toEqual({
			prospect: 1,
			churned: 1,
			at_risk: 1,
			new: 0,
			reactivated: 0,
			loyal: 0,
			active: 1
		});
		// The last month end equals the as-of stage counts.
		expect(r.overTime.filter((x) => x.month_end === '2024-06-30').map((x) => x.customers)).toEqual(
			r.stages.map((x) => x.customers)
		);
	});

	it.each([
		{ churnAfter: 60, riskAfter: 90, loyalOrders: 2 },
		{ churnAfter: 0, riskAfter: 30, loyalOrders: 3 },
		{ churnAfter: 100, riskAfter: 20, loyalOrders: 2 }
	])(
		'with fixed thresholds, each month end equals the buyers stages as of the next day (%o)',
		async (t) => {
			// Prospects differ on purpose: as of an earlier date a customers-file customer who buys later
			// is a prospect, while over time only customers without any order in scope are.
			const settings = { ...defaultLifecycleSettings, ...t };
			const r = await lifecycleAnalysis.run(query, scope, settings);
			const ends = [...new Set(r.overTime.map((x) => x.month_end))];
			expect(ends.length).toBe(18);
			for (const end of ends) {
				const next = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString();
				const stages = await query<{ stage: string; customers: number }>(
					buildStagesQuery({ ...scope, asOf: next.slice(0, 10) }, settings)
				);
				expect(
					r.overTime
						.filter((x) => x.month_end === end && x.stage !== 'prospect')
						.map((x) => x.customers),
					end
				).toEqual(stages.filter((x) => x.stage !== 'prospect').map((x) => x.customers));
			}
		}
	);

	it('takes overrides; a set churn_after caps the derived risk_after', async () => {
		const r = await lifecycleAnalysis.run(query, scope, {
			...defaultLifecycleSettings,
			churnAfter: 600
		});
		// risk = min(2 × 20, 599) = 40: a (122) and i (131) become at risk, d's 536 gap is no longer
		// > 600 (d: n 2, recency 11 → active).
		expect([r.thresholds.churn_after, r.thresholds.risk_after, r.thresholds.loyal_orders]).toEqual([
			600, 40, 4
		]);
		expect(r.stages.map((x) => x.customers)).toEqual([1, 0, 2, 1, 0, 1, 4]);
	});

	it('falls back to 365 / 180 / 3 without repeat customers', async () => {
		await load(
			`('x', 'x1', '2024-01-01', 10), ('y', 'y1', '2024-06-01', 10), ('y', 'y2', '2024-06-01', 5)`,
			null
		);
		const r = await lifecycleAnalysis.run(
			query,
			{ ...scope, hasCustomers: false },
			defaultLifecycleSettings
		);
		// y's two orders are on one day: n 2 but no gap. x: recency 182 > 180 → at risk; y: n 2 → active.
		expect(r.thresholds).toMatchObject({
			churn_after: 365,
			risk_after: 180,
			loyal_orders: 3,
			gaps: 0,
			fallback: true
		});
		expect(r.stages.map((x) => x.customers)).toEqual([0, 0, 1, 0, 0, 0, 1]);
		await load(ORDERS, CUSTOMERS);
	});
});

describe('lifecycle stages with signup dates', () => {
	// Buyers x (2024-01-15, 2024-05-10: gap 116) and y (2024-02-10, signed up later, on 06-01: a
	// buyer exists from the first order whatever the signup date). Thresholds: one gap 116 →
	// churn 116, risk min(232, 115) = 115, loyal 3.
	// Prospects (never bought) by signup_date, against compareFrom 2024-04-02 and as-of 2024-07-01:
	// p1 2023-12-01 before both; p2 2024-04-01 before both (the day before compareFrom);
	// p3 2024-04-02 = compareFrom: not yet there, in at as-of; p4 2024-05-20 between the two;
	// p5 2024-07-01 = as-of and p6 2024-09-01 after it: not in scope; p7 NULL: present at every date.
	const SIGNUP_ORDERS = `
		('x', 'x1', '2024-01-15', 10), ('x', 'x2', '2024-05-10', 10), ('y', 'y1', '2024-02-10', 10)`;
	const SIGNUP_CUSTOMERS = `
		('x', DATE '2024-01-01'), ('y', DATE '2024-06-01'), ('p1', DATE '2023-12-01'),
		('p2', DATE '2024-04-01'), ('p3', DATE '2024-04-02'), ('p4', DATE '2024-05-20'),
		('p5', DATE '2024-07-01'), ('p6', DATE '2024-09-01'), ('p7', NULL)`;
	const signupScope: Scope = { ...scope, customerColumns: ['signup_date'] };

	beforeAll(async () => {
		await load(SIGNUP_ORDERS, null);
		await db.exec(`CREATE TABLE customers AS
			SELECT * FROM (VALUES ${SIGNUP_CUSTOMERS}) t(customer_id, signup_date)`);
	});
	afterAll(async () => {
		await load(ORDERS, CUSTOMERS);
	});

	const byMonth = (r: LifecycleResult, stage: string) =>
		r.overTime.filter((x) => x.stage === stage).map((x) => [x.month_end, x.customers]);

	it('counts a prospect at as-of only if they signed up before it', async () => {
		const r = await lifecycleAnalysis.run(query, signupScope, defaultLifecycleSettings);
		expect([r.thresholds.churn_after, r.thresholds.risk_after, r.thresholds.loyal_orders]).toEqual([
			116, 115, 3
		]);
		// p1 p2 p3 p4 p7 prospects; y churned (recency 142 > 116); x active (n 2, recency 52).
		expect(r.stages.map((x) => x.customers)).toEqual([5, 1, 0, 0, 0, 0, 1]);
		const perCustomer = await query<{ customer_id: string; value: string }>(
			buildLifecycleStageSql(signupScope, defaultLifecycleSettings)
		);
		expect(perCustomer.map((x) => x.customer_id)).toEqual(['p1', 'p2', 'p3', 'p4', 'p7', 'x', 'y']);
	});

	it('adds prospects over time from the day after their signup', async () => {
		const r = await lifecycleAnalysis.run(query, signupScope, defaultLifecycleSettings);
		// Evaluated as of 02-01 … 07-01: p1 p7 from the start; p2 (04-01) not yet as of 04-01;
		// p2 p3 as of 05-01; p4 (05-20) as of 06-01; p5 (07-01) not as of 07-01.
		expect(byMonth(r, 'prospect')).toEqual([
			['2024-01-31', 2],
			['2024-02-29', 2],
			['2024-03-31', 2],
			['2024-04-30', 4],
			['2024-05-31', 5],
			['2024-06-30', 5]
		]);
		// Buyers as before: x new from 02-01, y new from 03-01; x active as of 06-01 (n 2, recency 22),
		// y still new (recency 112 ≤ 115); y churned as of 07-01.
		expect(byMonth(r, 'new').map((x) => x[1])).toEqual([1, 2, 2, 2, 1, 0]);
		expect(byMonth(r, 'active').map((x) => x[1])).toEqual([0, 0, 0, 0, 1, 1]);
		expect(r.overTime.filter((x) => x.month_end === '2024-03-31').map((x) => x.share)).toEqual([
			0.5, 0, 0, 0.5, 0, 0, 0
		]);
		expect(r.overTime.filter((x) => x.month_end === '2024-06-30').map((x) => x.customers)).toEqual(
			r.stages.map((x) => x.customers)
		);
	});

	it('puts prospects who signed up on or after compareFrom in not_yet', async () => {
		const r = await lifecycleAnalysis.run(query, signupScope, defaultLifecycleSettings);
		expect(r.compareFrom).toBe('2024-04-02');
		// At 04-02: p1 p2 p7 prospects, x new (recency 78), y new (recency 52); p3 p4 not yet.
		expect(r.migration).toEqual([
			{ from_stage: 'not_yet', to_stage: 'prospect', customers: 2 },
			{ from_stage: 'prospect', to_stage: 'prospect', customers: 3 },
			{ from_stage: 'new', to_stage: 'churned', customers: 1 },
			{ from_stage: 'new', to_stage: 'active', customers: 1 }
		]);
	});

	it('ignores the signup dates when signup_date is not a mapped column', async () => {
		const r = await lifecycleAnalysis.run(query, scope, defaultLifecycleSettings);
		// All seven prospects at every date, as before.
		expect(byMonth(r, 'prospect').map((x) => x[1])).toEqual([7, 7, 7, 7, 7, 7]);
		expect(r.migration[0]).toEqual({ from_stage: 'prospect', to_stage: 'prospect', customers: 7 });
	});
});
