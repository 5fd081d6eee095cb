import { describe, expect, it, beforeAll } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import type { Engine } from '../../../src/db/engine';
import type { Scope } from '../../../src/core/scope';
import {
	concentrationAnalysis,
	defaultConcentrationSettings,
	type ConcentrationSettings
} from '../../../src/analyses/concentration/sql';

// Revenue a 50, b 20, c 10, d 10 (tie: c ranks first by id), e 5, f 5 = 100 (f bought twice, one
// return). x has only a return, y's return cancels its purchase: both excluded with net −10.
const ORDERS = `
	('a', 'a1', DATE '2024-03-01', 50.0, true),
	('b', 'b1', DATE '2024-03-02', 20.0, true),
	('c', 'c1', DATE '2024-03-03', 10.0, true),
	('d', 'd1', DATE '2024-03-04', 10.0, true),
	('e', 'e1', DATE '2024-03-05', 5.0, true),
	('f', 'f1', DATE '2024-03-06', 7.0, true),
	('f', 'f2', DATE '2024-03-07', -2.0, false),
	('x', 'x1', DATE '2024-03-08', -10.0, false),
	('y', 'y1', DATE '2024-03-09', 10.0, true),
	('y', 'y2', DATE '2024-03-10', -10.0, false)`;

const scope: Scope = scopeAt('2025-01-01');

let db: Engine;
const run = (s: Partial<ConcentrationSettings> = {}, sc: Scope = scope) =>
	concentrationAnalysis.run((q) => db.query(q), sc, { ...defaultConcentrationSettings, ...s });

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, ORDERS);
});

describe('value concentration', () => {
	it('ranks customers and assigns ABC tiers by the share before them', async () => {
		const { customers } = await run();
		// share_before: a 0, b .5, c .7 → A; d .8 (not < .8), e .9 → B; f .95 (not < .95) → C
		expect(
			customers!.map((c) => [c.customer_id, c.rank, c.revenue, c.share_before, c.tier])
		).toEqual([
			['a', 1, 50, 0, 'A'],
			['b', 2, 20, 0.5, 'A'],
			['c', 3, 10, 0.7, 'A'],
			['d', 4, 10, 0.8, 'B'],
			['e', 5, 5, 0.9, 'B'],
			['f', 6, 5, 0.95, 'C']
		]);
		expect(customers![1]).toMatchObject({ share: 0.2, cum_share: 0.7 });
	});

	it('summarises Gini and the excluded customers', async () => {
		const { summary } = await run();
		// x ascending 5 5 10 10 20 50: Σ i·x = 485; G = 970 / 600 − 7 / 6 = 0.45
		expect(summary.customers).toBe(6);
		expect(summary.revenue).toBe(100);
		expect(summary.gini).toBeCloseTo(0.45, 12);
		expect(summary.excluded_customers).toBe(2);
		expect(summary.excluded_revenue).toBe(-10);
	});

	it('reports top-k shares with ceil(k% × n) customers', async () => {
		const { top_shares } = await run();
		// n = 6: 1 %, 5 %, 10 % → 1 customer (50); 20 % → ceil(1.2) = 2 customers (70)
		expect(top_shares).toEqual([
			{ top_percent: 1, customers: 1, revenue: 50, share_revenue: 0.5 },
			{ top_percent: 5, customers: 1, revenue: 50, share_revenue: 0.5 },
			{ top_percent: 10, customers: 1, revenue: 50, share_revenue: 0.5 },
			{ top_percent: 20, customers: 2, revenue: 70, share_revenue: 0.7 }
		]);
	});

	it('counts and sums the tiers', async () => {
		const { tiers } = await run();
		expect(
			tiers.map((t) => [t.tier, t.customers, t.revenue, t.share_customers, t.share_revenue])
		).toEqual([
			['A', 3, 80, 0.5, 0.8],
			['B', 2, 15, 2 / 6, 0.15],
			['C', 1, 5, 1 / 6, 0.05]
		]);
	});

	it('returns the whole curve, or a downsample with exact endpoints', async () => {
		const { lorenz } = await run();
		expect(lorenz.map((p) => [p.customers, p.share_revenue])).toEqual([
			[0, 0],
			[1, 0.5],
			[2, 0.7],
			[3, 0.8],
			[4, 0.9],
			[5, 0.95],
			[6, 1]
		]);
		const small = await run({ maxPoints: 3 });
		// n + 1 = 7 > 3: ranks floor(j × 6 / 2), j = 0, 1, 2
		expect(small.lorenz).toEqual([
			{ customers: 0, share_customers: 0, share_revenue: 0 },
			{ customers: 3, share_customers: 0.5, share_revenue: 0.8 },
			{ customers: 6, share_customers: 1, share_revenue: 1 }
		]);
	});

	it('handles one customer and no customers', async () => {
		const one = await run({}, { ...scope, to: '2024-03-01' });
		expect(one.summary).toEqual({
			customers: 1,
			revenue: 50,
			gini: 0,
			excluded_customers: 0,
			excluded_revenue: 0
		});
		expect(one.customers!.map((c) => c.tier)).toEqual(['A']);
		const none = await run({}, { ...scope, asOf: '2024-01-01' });
		expect(none.summary).toEqual({
			customers: 0,
			revenue: 0,
			gini: null,
			excluded_customers: 0,
			excluded_revenue: 0
		});
		expect(none.lorenz).toEqual([]);
		expect(none.top_shares.map((t) => [t.customers, t.share_revenue])).toEqual([
			[0, null],
			[0, null],
			[0, null],
			[0, null]
		]);
		expect(none.tiers.map((t) => t.customers)).toEqual([0, 0, 0]);
	});

	it('rejects invalid settings', () => {
		expect(() =>
			concentrationAnalysis.queries(scope, { ...defaultConcentrationSettings, aShare: 0.99 })
		).toThrow();
		expect(() =>
			concentrationAnalysis.queries(scope, { ...defaultConcentrationSettings, topPercents: [0.5] })
		).toThrow();
	});
});
