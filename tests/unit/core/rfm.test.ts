import { describe, expect, it, beforeAll } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import type { Engine } from '../../../src/db/engine';
import { sql } from '../../../src/core/sql';
import type { Scope } from '../../../src/core/scope';
import {
	RF_GRID_RULES,
	RF_GRID_SEGMENTS,
	defaultRfmSettings,
	rfmAnalysis,
	segmentOf,
	type RfmSettings
} from '../../../src/analyses/rfm/sql';

// asOf 2024-07-01. Eight buyers and one customer (i) with only a return.
// a..h: five one-order customers (a b c f h); d bought twice on the same day; e's return nets
// revenue 300 → 250 and is not a purchase; h2, a cancelled order (net 0, only a cancelled line),
// is not a purchase either.
const ORDERS = `
	('a', 'a1', DATE '2024-06-30', 100.0, true),
	('b', 'b1', DATE '2024-06-01', 50.0, true),
	('c', 'c1', DATE '2024-01-01', 20.0, true),
	('d', 'd1', DATE '2024-05-01', 30.0, true),
	('d', 'd2', DATE '2024-05-01', 40.0, true),
	('e', 'e1', DATE '2024-02-01', 200.0, true),
	('e', 'e2', DATE '2024-03-01', 100.0, true),
	('e', 'e3', DATE '2024-04-01', -50.0, false),
	('f', 'f1', DATE '2024-06-01', 50.0, true),
	('g', 'g1', DATE '2024-01-10', 10.0, true),
	('g', 'g2', DATE '2024-02-10', 10.0, true),
	('g', 'g3', DATE '2024-03-10', 10.0, true),
	('g', 'g4', DATE '2024-04-10', 10.0, true),
	('g', 'g5', DATE '2024-06-20', 10.0, true),
	('h', 'h1', DATE '2023-12-01', 500.0, true),
	('h', 'h2', DATE '2024-06-15', 0.0, false),
	('i', 'i1', DATE '2024-03-01', -10.0, false)`;

let db: Engine;
const run = (settings: RfmSettings, s: Scope = scope) =>
	rfmAnalysis.run((q) => db.query(q), s, settings);
const scope: Scope = scopeAt('2024-07-01');

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, ORDERS);
});

describe('RFM segment maps', () => {
	it('the R×F grid rules partition the 5×5 grid and reach every segment', () => {
		for (let r = 1; r <= 5; r++)
			for (let f = 1; f <= 5; f++) {
				const hits = RF_GRID_RULES.filter(
					(x) => r >= x.r[0] && r <= x.r[1] && f >= x.f[0] && f <= x.f[1]
				);
				expect(hits, `cell r${r} f${f}`).toHaveLength(1);
			}
		expect(RF_GRID_RULES.map((x) => x.segment)).toEqual([...RF_GRID_SEGMENTS]);
		// DESIGN.md's table, spot checks of each row
		expect(segmentOf('rf-grid', 5, 1, 3)).toBe('new_customers');
		expect(segmentOf('rf-grid', 4, 3, 1)).toBe('potential_loyalists');
		expect(segmentOf('rf-grid', 3, 3, 5)).toBe('need_attention');
		expect(segmentOf('rf-grid', 2, 5, 1)).toBe('cant_lose_them');
		expect(segmentOf('rf-grid', 1, 2, 5)).toBe('hibernating');
		expect(segmentOf('rfm-package', 1, 1, 1)).toBe('lost');
		expect(segmentOf('rfm-package', 2, 1, 5)).toBe('others');
	});
});

describe('RFM quintile scoring (rank with ties)', () => {
	it('scores and segments every buyer', async () => {
		const { customers } = await run(defaultRfmSettings);
		// n = 8: score = 1 + floor(5 (rank − 1) / 8) → ranks 1..8 score 1 1 2 2 3 4 4 5.
		// F asc: five 1-order customers rank 1 → 1; d, e (2) rank 6 → 4; g (5) rank 8 → 5.
		// M asc: c 20 r1; b f g 50 r2; d 70 r5; a 100 r6; e 250 r7; h 500 r8.
		// R desc: h 213 r1; c 182 r2; e 122 r3; d 61 r4; b f 30 r5; g 11 r7; a 1 r8.
		expect(customers!.map((c) => Object.values(c))).toEqual([
			['a', 1, 1, 100, 5, 1, 4, 'new_customers'],
			['b', 30, 1, 50, 3, 1, 1, 'about_to_sleep'],
			['c', 182, 1, 20, 1, 1, 1, 'hibernating'],
			['d', 61, 2, 70, 2, 4, 3, 'at_risk'],
			['e', 122, 2, 250, 2, 4, 4, 'at_risk'],
			['f', 30, 1, 50, 3, 1, 1, 'about_to_sleep'],
			['g', 11, 5, 50, 4, 5, 1, 'loyal_customers'],
			['h', 213, 1, 500, 1, 1, 5, 'hibernating']
		]);
		expect(Object.keys(customers![0]!)).toEqual([
			'customer_id',
			'recency_days',
			'frequency',
			'monetary',
			'r',
			'f',
			'm',
			'segment'
		]);
	});

	it('NTILE(5) would split the tied one-order customers (why RANK is used)', async () => {
		const rows = await db.query<{ customer_id: string; t: number }>(
			sql`WITH ${raw0()} SELECT customer_id, CAST(NTILE(5) OVER (ORDER BY frequency) AS INTEGER) AS t
			FROM b WHERE frequency = 1 ORDER BY customer_id`
		);
		expect(new Set(rows.map((r) => r.t)).size).toBeGreaterThan(1);
		const { customers } = await run(defaultRfmSettings);
		expect(new Set(customers!.filter((c) => c.frequency === 1).map((c) => c.f))).toEqual(
			new Set([1])
		);
	});

	it('builds the 5×5 grid with empty cells', async () => {
		const { grid } = await run(defaultRfmSettings);
		expect(grid).toHaveLength(25);
		expect(grid[0]).toEqual({ r: 1, f: 1, customers: 2, avg_monetary: 260 });
		const filled = grid.filter((g) => g.customers > 0).map((g) => Object.values(g));
		expect(filled).toEqual([
			[1, 1, 2, 260], // c, h
			[2, 4, 2, 160], // d, e
			[3, 1, 2, 50], // b, f
			[4, 5, 1, 50], // g
			[5, 1, 1, 100] // a
		]);
		expect(grid.find((g) => g.r === 5 && g.f === 5)).toEqual({
			r: 5,
			f: 5,
			customers: 0,
			avg_monetary: null
		});
	});

	it('summarises segments in map order', async () => {
		const { segments } = await run(defaultRfmSettings);
		expect(segments.map((s) => s.segment)).toEqual([...RF_GRID_SEGMENTS]);
		const at = (k: string) => segments.find((s) => s.segment === k);
		// at_risk = d + e: orders 2 + 2, revenue 70 + 250, medians of (61, 122), (2, 2), (70, 250)
		expect(at('at_risk')).toEqual({
			segment: 'at_risk',
			customers: 2,
			orders: 4,
			revenue: 320,
			share_customers: 0.25,
			share_revenue: 320 / 1090,
			aov: 80,
			median_recency: 91.5,
			median_frequency: 2,
			median_monetary: 160
		});
		expect(at('hibernating')).toMatchObject({ customers: 2, revenue: 520, aov: 260 });
		expect(at('hibernating')?.median_recency).toBe(197.5);
		expect(at('champions')).toEqual({
			segment: 'champions',
			customers: 0,
			orders: 0,
			revenue: 0,
			share_customers: 0,
			share_revenue: 0,
			aov: null,
			median_recency: null,
			median_frequency: null,
			median_monetary: null
		});
		expect(segments.reduce((n, s) => n + s.customers, 0)).toBe(8);
	});

	it('scores one customer 1/1/1', async () => {
		const { customers } = await run(defaultRfmSettings, { ...scope, from: '2024-06-30' });
		expect(customers).toEqual([
			{
				customer_id: 'a',
				recency_days: 1,
				frequency: 1,
				monetary: 100,
				r: 1,
				f: 1,
				m: 1,
				segment: 'hibernating'
			}
		]);
	});
});

describe('RFM threshold scoring and the rfm-package preset', () => {
	it('scores by fixed cut points (R: smaller is better)', async () => {
		const { customers } = await run({
			...defaultRfmSettings,
			scoring: 'thresholds',
			thresholds: {
				recency: [30, 90, 180, 365],
				frequency: [2, 3, 5, 10],
				monetary: [50, 100, 250, 500]
			}
		});
		// R 1 → 5, 30 → 4, 61 → 4, 122 → 3, 182 → 2; F 1 → 1, 2 → 2, 5 → 4; M 20 → 1, 50 → 2, 500 → 5
		expect(customers!.map((c) => `${c.customer_id}${c.r}${c.f}${c.m}`)).toEqual([
			'a513',
			'b412',
			'c211',
			'd422',
			'e324',
			'f412',
			'g542',
			'h215'
		]);
	});

	it('rejects thresholds that are not 4 ascending numbers', () => {
		const bad = { ...defaultRfmSettings.thresholds, frequency: [3, 2, 5, 10] };
		expect(() =>
			rfmAnalysis.queries(scope, { ...defaultRfmSettings, scoring: 'thresholds', thresholds: bad })
		).toThrow(/ascending/);
	});

	it('rfm-package counts purchase rows as frequency (returns and cancelled orders not)', async () => {
		const { customers } = await run({ ...defaultRfmSettings, segmentMap: 'rfm-package' });
		// Order ids here: one purchase row per purchase order (orders.purchase_rows = 1).
		expect(customers!.map((c) => c.frequency)).toEqual([1, 1, 1, 2, 2, 1, 5, 1]);
		// F sorted 1 1 1 1 1 2 2 5: type-7 quantiles at h = 7p: 1, 1, 1.2, 2; breaks (+1) 2, 2, 2.2, 3
		// → 1 scores 1, 2 scores 3 (≥ 2, 2), 5 scores 5
		expect(customers!.map((c) => c.f)).toEqual([1, 1, 1, 3, 3, 1, 5, 1]);
	});
});

function raw0() {
	return sql`b AS (SELECT customer_id, count(*) FILTER (WHERE is_purchase) AS frequency
		FROM orders WHERE order_date < DATE '2024-07-01' GROUP BY customer_id HAVING frequency >= 1)`;
}
