import { describe, expect, it, beforeAll } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import type { Engine } from '../../../src/db/engine';
import type { Scope } from '../../../src/core/scope';
import {
	cycleAnalysis,
	defaultCycleSettings,
	DUE_PREVIEW_ROWS,
	type CycleSettings
} from '../../../src/analyses/cycle/sql';
import { cycle } from '../../../src/analyses/cycle';
import { ANALYSES } from '../../../src/analyses';
import { defaultPreparedSettings } from '../../../src/analyses/registry-tools';
import {
	buildLifecycleStageSql,
	defaultLifecycleSettings,
	type LifecycleSettings
} from '../../../src/analyses/lifecycle/sql';
import { referenceCycle } from '../../helpers/reference/cycle';
import type { OrderRecord } from '../../helpers/random-orders';

// asOf 2024-07-01. Gaps between distinct purchase days:
// a 10, 20 (second order on 01-31 is the same day); b 31; c 31, 31, 5; g 365; h 3, 3; i 1, 2.
// d (one order), e (two orders, one day) and f (purchase + return) are one-time buyers.
const ORDERS = `
	('a', 'a1', DATE '2024-01-01', 10.0, true),
	('a', 'a2', DATE '2024-01-11', 10.0, true),
	('a', 'a3', DATE '2024-01-31', 10.0, true),
	('a', 'a4', DATE '2024-01-31', 10.0, true),
	('b', 'b1', DATE '2024-05-01', 10.0, true),
	('b', 'b2', DATE '2024-06-01', 10.0, true),
	('c', 'c1', DATE '2024-03-01', 10.0, true),
	('c', 'c2', DATE '2024-04-01', 10.0, true),
	('c', 'c3', DATE '2024-05-02', 10.0, true),
	('c', 'c4', DATE '2024-05-07', 10.0, true),
	('d', 'd1', DATE '2024-02-01', 10.0, true),
	('e', 'e1', DATE '2024-06-01', 10.0, true),
	('e', 'e2', DATE '2024-06-01', 10.0, true),
	('f', 'f1', DATE '2024-01-01', 10.0, true),
	('f', 'f2', DATE '2024-02-01', -10.0, false),
	('g', 'g1', DATE '2023-01-01', 10.0, true),
	('g', 'g2', DATE '2024-01-01', 10.0, true),
	('h', 'h1', DATE '2024-06-10', 10.0, true),
	('h', 'h2', DATE '2024-06-13', 10.0, true),
	('h', 'h3', DATE '2024-06-16', 10.0, true),
	('i', 'i1', DATE '2024-06-25', 10.0, true),
	('i', 'i2', DATE '2024-06-26', 10.0, true),
	('i', 'i3', DATE '2024-06-28', 10.0, true)`;

const scope: Scope = scopeAt('2024-07-01');

let db: Engine;
const run = (s: Partial<CycleSettings> = {}, sc: Scope = scope) =>
	cycleAnalysis.run((q) => db.query(q), sc, { ...defaultCycleSettings, ...s });

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, ORDERS);
});

describe('purchase cycle', () => {
	it('summarises gaps between distinct purchase days', async () => {
		const { summary } = await run();
		// sorted gaps 1 2 3 3 5 10 20 31 31 31 365 (n = 11), type 7 at h = 10p:
		// p25 h 2.5 → 3; median h 5 → 10; p75 h 7.5 → 31; p95 h 9.5 → 31 + .5 × 334 = 198 → 30-day bins
		expect(summary).toEqual({
			repeat_customers: 6,
			one_time_customers: 3,
			gaps: 11,
			p25_gap: 3,
			median_gap: 10,
			p75_gap: 31,
			cap_days: 198,
			bin_days: 30,
			due_customers: 3,
			churned_left_out: 0
		});
	});

	it('bins gaps up to the cap and puts the rest in an overflow bin', async () => {
		const { histogram } = await run();
		// 30-day bins up to the one holding 198 ([180, 210)), then [210, ∞) holding 365
		expect(histogram.map((b) => [b.bin_start, b.bin_end, b.gaps, b.is_overflow])).toEqual([
			[0, 30, 7, false],
			[30, 60, 3, false],
			[60, 90, 0, false],
			[90, 120, 0, false],
			[120, 150, 0, false],
			[150, 180, 0, false],
			[180, 210, 0, false],
			[210, null, 1, true]
		]);
		expect(histogram[0]?.share).toBe(7 / 11);
		const weekly = await run({ binDays: 7, capPercentile: 0.5 });
		// cap = median 10 → bins [0, 7) [7, 14), overflow from 14: 20 31 31 31 365
		expect(weekly.histogram.map((b) => [b.bin_start, b.bin_end, b.gaps])).toEqual([
			[0, 7, 5],
			[7, 14, 1],
			[14, null, 5]
		]);
		expect(weekly.summary.bin_days).toBe(7);
	});

	it('predicts the next purchase per repeat customer', async () => {
		const { customers } = await run();
		// (without a lifecycle stage statement no one is churned: see 'churned customers' below)
		expect(customers!.map((c) => Object.values(c))).toEqual([
			// typical 15 → 01-31 + 15 = 02-15, 137 days overdue, grace 15: not due
			['a', 3, 2, 15, '2024-01-31', '2024-02-15', 137, false, false],
			['b', 2, 1, 31, '2024-06-01', '2024-07-02', -1, false, true],
			// median(31, 31, 5) = 31 → 06-07, 24 overdue ≤ grace 31: due
			['c', 4, 3, 31, '2024-05-07', '2024-06-07', 24, false, true],
			['g', 2, 1, 365, '2024-01-01', '2024-12-31', -183, false, false],
			// 12 days overdue > grace 3: not due
			['h', 3, 2, 3, '2024-06-16', '2024-06-19', 12, false, false],
			// median(1, 2) = 1.5 → rounds to 2 → 06-30
			['i', 3, 2, 1.5, '2024-06-28', '2024-06-30', 1, false, true]
		]);
		expect(Object.keys(customers![0]!)).toEqual([
			'customer_id',
			'purchase_days',
			'gaps',
			'typical_gap',
			'last_purchase',
			'expected_next',
			'days_overdue',
			'churned',
			'due'
		]);
	});

	it('lists customers due for repurchase by expected date', async () => {
		const { due, due_preview } = await run();
		expect(due_preview).toEqual(due);
		expect(due?.map((c) => [c.customer_id, c.expected_next])).toEqual([
			['c', '2024-06-07'],
			['i', '2024-06-30'],
			['b', '2024-07-02']
		]);
		const wide = await run({ graceDays: 30, horizonDays: 0 });
		// grace 30 (from 06-01) and no horizon: a (02-15) too early, b (07-02) too late
		expect(wide.due?.map((c) => c.customer_id)).toEqual(['c', 'h', 'i']);
	});

	it('without customer lists, counts the due list and fetches its first rows only', async () => {
		// 260 customers bought 10 days apart, last on one of 13 days before asOf: all are due
		// (expected within the horizon or the grace), with many ties on expected_next.
		const rows: string[] = [];
		for (let i = 0; i < 260; i++) {
			const last = `DATE '2024-06-30' - ${i % 13}`;
			rows.push(`('p${String(i).padStart(3, '0')}', 'p${i}a', ${last} - 10, 10.0, true)`);
			rows.push(`('p${String(i).padStart(3, '0')}', 'p${i}b', ${last}, 10.0, true)`);
		}
		const many = await createNodeEngine();
		try {
			await createOrders(many, rows.join(',\n'));
			const settings = { ...defaultCycleSettings };
			const full = await cycleAnalysis.run((q) => many.query(q), scope, settings);
			const lean = await cycleAnalysis.run((q) => many.query(q), scope, settings, {
				customerLists: false
			});
			expect(full.due).toHaveLength(260);
			expect(full.summary.due_customers).toBe(260);
			expect(lean.summary).toEqual(full.summary);
			expect(lean.due).toBeNull();
			expect(lean.customers).toBeNull();
			expect(lean.due_preview).toHaveLength(DUE_PREVIEW_ROWS);
			expect(lean.due_preview).toEqual(full.due?.slice(0, DUE_PREVIEW_ROWS));
			expect(full.due_preview).toEqual(lean.due_preview);
		} finally {
			await many.close();
		}
	});

	it('handles data without repeat customers', async () => {
		const r = await run({}, { ...scope, from: '2024-02-01', to: '2024-02-01' });
		expect(r.summary).toEqual({
			repeat_customers: 0,
			one_time_customers: 1,
			gaps: 0,
			p25_gap: null,
			median_gap: null,
			p75_gap: null,
			cap_days: null,
			bin_days: 7,
			due_customers: 0,
			churned_left_out: 0
		});
		expect(r.histogram).toEqual([]);
		expect(r.customers).toEqual([]);
		const lean = await cycleAnalysis.run(
			(q) => db.query(q),
			{ ...scope, from: '2024-02-01', to: '2024-02-01' },
			defaultCycleSettings,
			{ customerLists: false }
		);
		expect(lean.summary).toEqual(r.summary);
		expect(lean.due_preview).toEqual([]);
	});

	it('rejects invalid settings', () => {
		expect(() => cycleAnalysis.queries(scope, { ...defaultCycleSettings, binDays: 0 })).toThrow();
		expect(() =>
			cycleAnalysis.queries(scope, { ...defaultCycleSettings, capPercentile: 0 })
		).toThrow();
	});
});

describe('purchase cycle: churned customers are not due (issue 16 item 6)', () => {
	/** Cycle settings with the lifecycle stages of `lifecycle` (thresholds overridden or derived). */
	const withStages = (lifecycle: Partial<LifecycleSettings> = {}, s: Partial<CycleSettings> = {}) =>
		run({
			...s,
			stageSql: buildLifecycleStageSql(scope, { ...defaultLifecycleSettings, ...lifecycle })
		});
	const ids = (rows: { customer_id: string }[] | null) => rows?.map((r) => r.customer_id);

	it('a churned customer in the due window is left out of the due list and counted as left out', async () => {
		// Derived churn_after = 90th percentile (nearest rank) of the 11 gaps 1 2 3 3 5 10 20 31 31 31
		// 365: rank ceil(9.9) = 10 → 31 days. Recency at 07-01: c 55 (last 05-07) > 31 → churned,
		// though its expected 06-07 is in the window; b 30 and i 3 stay due. a (152) and g (182) are
		// churned too but not in the window, so they are not counted as left out.
		const r = await withStages();
		expect(ids(r.due)).toEqual(['i', 'b']);
		expect(ids(r.due_preview)).toEqual(['i', 'b']);
		expect(r.summary.due_customers).toBe(2);
		expect(r.summary.churned_left_out).toBe(1);
		expect(r.customers!.map((c) => [c.customer_id, c.churned, c.due])).toEqual([
			['a', true, false],
			['b', false, true],
			['c', true, false],
			['g', true, false],
			['h', false, false],
			['i', false, true]
		]);
		// The dashboard's lean run (no customer lists) counts the same and previews the same rows.
		const lean = await cycleAnalysis.run(
			(q) => db.query(q),
			scope,
			{
				...defaultCycleSettings,
				stageSql: buildLifecycleStageSql(scope, defaultLifecycleSettings)
			},
			{ customerLists: false }
		);
		expect(lean.summary).toEqual(r.summary);
		expect(ids(lean.due_preview)).toEqual(['i', 'b']);
	});

	it('the lifecycle churn threshold decides who is left out', async () => {
		// 60 days: nobody in the window has been silent that long (c 55) → all three due.
		const loose = await withStages({ churnAfter: 60 });
		expect(ids(loose.due)).toEqual(['c', 'i', 'b']);
		expect(loose.summary.churned_left_out).toBe(0);
		// 20 days: c (55) and b (30) are churned → only i is due, two left out.
		const strict = await withStages({ churnAfter: 20 });
		expect(ids(strict.due)).toEqual(['i']);
		expect(strict.summary).toMatchObject({ due_customers: 1, churned_left_out: 2 });
		// grace 30, no horizon: c, h, i in the window; derived 31 days leaves c out.
		const wide = await withStages({}, { graceDays: 30, horizonDays: 0 });
		expect(ids(wide.due)).toEqual(['h', 'i']);
		expect(wide.summary.churned_left_out).toBe(1);
	});

	it('the registry prepares the stages: the manifest reads the lifecycle field, not a hard-coded link', async () => {
		expect(cycle.dependsOn).toEqual(['lifecycle']);
		const prepared = defaultPreparedSettings(ANALYSES, cycle, scope) as CycleSettings;
		expect(prepared.stageSql?.toString()).toBe(
			buildLifecycleStageSql(scope, defaultLifecycleSettings).toString()
		);
		const r = await cycleAnalysis.run((q) => db.query(q), scope, prepared);
		expect(ids(r.due)).toEqual(['i', 'b']);
		expect(r.summary.churned_left_out).toBe(1);
	});

	it('agrees with the plain-TypeScript reference (churned = silent longer than churn_after)', async () => {
		const orders: OrderRecord[] = [
			...ORDERS.matchAll(/\('(\w+)', '(\w+)', DATE '([\d-]+)', (-?[\d.]+), (true|false)\)/g)
		].map((m) => ({
			customer_id: m[1]!,
			order_id: m[2]!,
			order_date: m[3]!,
			revenue: Number(m[4]),
			items: 1,
			lines: 1,
			purchase_rows: 1,
			is_purchase: m[5] === 'true'
		}));
		expect(orders).toHaveLength(23);
		for (const churnAfter of [1, 20, 31, 60, 200]) {
			const settings = { graceDays: 30, horizonDays: 5 };
			const actual = await withStages({ churnAfter }, settings);
			const expected = referenceCycle(
				orders,
				scope,
				{ ...defaultCycleSettings, ...settings },
				churnAfter
			);
			expect(actual, `churnAfter ${churnAfter}`).toEqual(expected);
		}
	});
});
