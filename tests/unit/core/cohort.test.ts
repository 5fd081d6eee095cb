import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import type { Sql } from '../../../src/core/sql';
import type { Scope } from '../../../src/core/scope';
import {
	cohortAnalysis,
	defaultCohortSettings,
	type CohortResult,
	type CohortSettings
} from '../../../src/analyses/cohort/sql';

let db: Engine;
const query = <T>(q: Sql) => db.query<T>(q);

/** orders(customer, id, ts, revenue, channel); is_purchase = revenue > 0 as in the canonical view. */
async function load(values: string) {
	await db.exec('DROP TABLE IF EXISTS orders');
	await db.exec(`CREATE TABLE orders AS
		SELECT customer_id, order_id, CAST(ts AS TIMESTAMP) AS order_ts, CAST(CAST(ts AS TIMESTAMP) AS DATE) AS order_date,
			CAST(revenue AS DOUBLE) AS revenue, 1.0 AS items, revenue > 0 AS is_purchase, channel
		FROM (VALUES ${values}) t(customer_id, order_id, ts, revenue, channel)`);
}

const scope = (asOf: string): Scope => ({
	asOf,
	from: null,
	to: null,
	filter: null,
	hasCustomers: false,
	customerColumns: []
});

const MAIN = `
	('a', 'o1', '2024-01-05 10:00:00', 10, 'web'),
	('a', 'o2', '2024-01-20 10:00:00', 5, 'shop'),
	('a', 'o3', '2024-03-02 10:00:00', 20, 'web'),
	('b', 'o4', '2024-01-31 10:00:00', 8, 'shop'),
	('b', 'o5', '2024-01-31 09:00:00', 2, NULL),
	('b', 'o6', '2024-02-10 10:00:00', -8, 'web'),
	('c', 'o7', '2024-02-14 10:00:00', 12, 'web'),
	('d', 'o8', '2024-01-10 10:00:00', -5, 'web'),
	('d', 'o9', '2024-02-20 10:00:00', 30, 'shop'),
	('d', 'o10', '2024-04-14 10:00:00', 6, 'web'),
	('e', 'o11', '2024-04-02 10:00:00', 9, 'web'),
	('f', 'o12', '2024-04-15 10:00:00', 50, 'web')`;

const cells = (r: CohortResult) => r.rows.map((x) => [x.split, x.cohort, x.k, x.customers]);

beforeAll(async () => {
	db = await createNodeEngine();
	await load(MAIN);
});

describe('cohort retention', () => {
	// Purchases before as-of 2024-04-15: Jan cohort a (01-05 10, 01-20 5, 03-02 20), b (01-31 8 + 2
	// same day; the 02-10 return is no purchase); Feb cohort c (02-14 12, one order), d (first
	// purchase 02-20 30 after a 01-10 return; 04-14 6); Apr cohort e (04-02 9); f bought on as-of: out.
	// March has no first purchases (no cohort). as-of − 1 = 04-14 is in April: April is incomplete.
	it('monthly "on" retention: silent months are 0, incomplete last period, nothing after as-of', async () => {
		const r = await cohortAnalysis.run(query, scope('2024-04-15'), defaultCohortSettings);
		expect(r.rows).toEqual([
			// k=0 revenue 10 + 5 + 8 + 2 = 25 → 12.5 per customer; Feb silent (return only) → 0 %
			{
				split: null,
				cohort: '2024-01-01',
				cohort_size: 2,
				k: 0,
				customers: 2,
				retention: 1,
				revenue: 25,
				revenue_retention: 1,
				cum_revenue_per_customer: 12.5,
				complete: true,
				censored: false
			},
			{
				split: null,
				cohort: '2024-01-01',
				cohort_size: 2,
				k: 1,
				customers: 0,
				retention: 0,
				revenue: 0,
				revenue_retention: 0,
				cum_revenue_per_customer: 12.5,
				complete: true,
				censored: false
			},
			// March: a 20 → 20 / 25 = 0.8; cumulative 45 / 2
			{
				split: null,
				cohort: '2024-01-01',
				cohort_size: 2,
				k: 2,
				customers: 1,
				retention: 0.5,
				revenue: 20,
				revenue_retention: 0.8,
				cum_revenue_per_customer: 22.5,
				complete: true,
				censored: false
			},
			{
				split: null,
				cohort: '2024-01-01',
				cohort_size: 2,
				k: 3,
				customers: 0,
				retention: 0,
				revenue: 0,
				revenue_retention: 0,
				cum_revenue_per_customer: 22.5,
				complete: false,
				censored: false
			},
			{
				split: null,
				cohort: '2024-02-01',
				cohort_size: 2,
				k: 0,
				customers: 2,
				retention: 1,
				revenue: 42,
				revenue_retention: 1,
				cum_revenue_per_customer: 21,
				complete: true,
				censored: false
			},
			{
				split: null,
				cohort: '2024-02-01',
				cohort_size: 2,
				k: 1,
				customers: 0,
				retention: 0,
				revenue: 0,
				revenue_retention: 0,
				cum_revenue_per_customer: 21,
				complete: true,
				censored: false
			},
			// April: d 6 → 6 / 42; cumulative 48 / 2
			{
				split: null,
				cohort: '2024-02-01',
				cohort_size: 2,
				k: 2,
				customers: 1,
				retention: 0.5,
				revenue: 6,
				revenue_retention: 6 / 42,
				cum_revenue_per_customer: 24,
				complete: false,
				censored: false
			},
			{
				split: null,
				cohort: '2024-04-01',
				cohort_size: 1,
				k: 0,
				customers: 1,
				retention: 1,
				revenue: 9,
				revenue_retention: 1,
				cum_revenue_per_customer: 9,
				complete: false,
				censored: false
			}
		]);
		// Size-weighted over the complete cells only (issue 16): k=0 Jan + Feb (April's k=0 is
		// unfinished), k=1 Jan + Feb, k=2 Jan (Feb's April is unfinished); k=3 has no complete cell,
		// so no row. Fewer than 3 cohorts everywhere: no average cumulative revenue.
		expect(r.average).toEqual([
			{
				split: null,
				k: 0,
				cohorts: 2,
				cohort_size: 4,
				customers: 4,
				retention: 1,
				revenue: 67,
				revenue_retention: 1,
				cum_revenue_per_customer: null
			},
			{
				split: null,
				k: 1,
				cohorts: 2,
				cohort_size: 4,
				customers: 0,
				retention: 0,
				revenue: 0,
				revenue_retention: 0,
				cum_revenue_per_customer: null
			},
			{
				split: null,
				k: 2,
				cohorts: 1,
				cohort_size: 2,
				customers: 1,
				retention: 0.5,
				revenue: 20,
				revenue_retention: 0.8,
				cum_revenue_per_customer: null
			}
		]);
		// Jan 2 customers in 27 observed days (from the first purchase, 01-05), Feb 2 in 29, Apr 1
		// in 14 (as-of 04-15): not more than twice the later cohorts' median rate.
		expect(r.firstCohort).toEqual({
			cohort: '2024-01-01',
			cohort_size: 2,
			rate: 2 / 27,
			later_cohorts: 2,
			median_rate: (2 / 29 + 1 / 14) / 2,
			censored: false
		});
	});

	it('"on or after" counts customers who bought in k or any later period', async () => {
		const r = await cohortAnalysis.run(query, scope('2024-04-15'), {
			...defaultCohortSettings,
			retention: 'on_or_after'
		});
		// Jan: a's last purchase is in k=2 → k=1 and k=2 count a; Feb: d's last is k=2.
		expect(r.rows.map((x) => x.customers)).toEqual([2, 1, 1, 0, 2, 1, 1, 1]);
		expect(r.rows.map((x) => x.revenue)).toEqual([25, 0, 20, 0, 42, 0, 6, 9]);
	});

	it('rolling 30-day windows from each first purchase', async () => {
		const r = await cohortAnalysis.run(query, scope('2024-04-15'), {
			...defaultCohortSettings,
			mode: 'rolling'
		});
		// Jan: a 01-20 is day 15 (k0), 03-02 day 57 (k1). Earliest first 01-05: (101 − 1) // 30 = 3 → k 0..3.
		// Latest first 01-31 is 75 days before as-of: windows k0 (30) and k1 (60) are complete.
		const jan = r.rows.filter((x) => x.cohort === '2024-01-01');
		expect(jan.map((x) => [x.k, x.customers, x.revenue, x.complete])).toEqual([
			[0, 2, 25, true],
			[1, 1, 20, true],
			[2, 0, 0, false],
			[3, 0, 0, false]
		]);
		// Feb: d 02-20 → 04-14 is day 54 (k1); earliest 02-14: (61 − 1) // 30 = 2 → k 0..2.
		expect(r.rows.filter((x) => x.cohort === '2024-02-01').map((x) => x.customers)).toEqual([
			2, 1, 0
		]);
	});

	it('splits by the channel of the first purchase order (ties by time; returns ignored)', async () => {
		const r = await cohortAnalysis.run(query, scope('2024-04-15'), {
			...defaultCohortSettings,
			split: { table: 'orders', column: 'channel' }
		});
		// b's first purchase is o5 (09:00, channel NULL → unknown); d's is o9 (shop), not the o8 return.
		expect(cells(r)).toEqual([
			['shop', '2024-02-01', 0, 1],
			['shop', '2024-02-01', 1, 0],
			['shop', '2024-02-01', 2, 1],
			['unknown', '2024-01-01', 0, 1],
			['unknown', '2024-01-01', 1, 0],
			['unknown', '2024-01-01', 2, 0],
			['unknown', '2024-01-01', 3, 0],
			['web', '2024-01-01', 0, 1],
			['web', '2024-01-01', 1, 0],
			['web', '2024-01-01', 2, 1],
			['web', '2024-01-01', 3, 0],
			['web', '2024-02-01', 0, 1],
			['web', '2024-02-01', 1, 0],
			['web', '2024-02-01', 2, 0],
			['web', '2024-04-01', 0, 1]
		]);
		// Complete cells only: web's April cohort (k=0) and every cell in April are unfinished.
		expect(
			r.average.filter((x) => x.split === 'web').map((x) => [x.k, x.cohort_size, x.customers])
		).toEqual([
			[0, 2, 2],
			[1, 2, 0],
			[2, 1, 1]
		]);
	});

	it('ISO weeks start on Monday, across the year boundary; as-of on a Monday: all complete', async () => {
		await load(`
			('x', 'w1', '2024-01-03 10:00:00', 5, 'web'),
			('x', 'w2', '2024-01-08 10:00:00', 5, 'web'),
			('x', 'w3', '2024-01-21 10:00:00', 5, 'web'),
			('y', 'w4', '2023-12-31 10:00:00', 5, 'web'),
			('y', 'w5', '2024-01-01 10:00:00', 5, 'web')`);
		const settings: CohortSettings = { ...defaultCohortSettings, period: 'week' };
		const r = await cohortAnalysis.run(query, scope('2024-01-22'), settings);
		// y: Sunday 12-31 is in the week of Mon 12-25, Monday 01-01 is k=1; x: week of 01-01, 01-08 k1, Sun 01-21 k2.
		expect(r.rows.map((x) => [x.cohort, x.k, x.customers, x.complete])).toEqual([
			['2023-12-25', 0, 1, true],
			['2023-12-25', 1, 1, true],
			['2023-12-25', 2, 0, true],
			['2023-12-25', 3, 0, true],
			['2024-01-01', 0, 1, true],
			['2024-01-01', 1, 1, true],
			['2024-01-01', 2, 1, true]
		]);
	});

	it('quarters', async () => {
		await load(`
			('z', 'q1', '2023-11-15 10:00:00', 10, 'web'),
			('z', 'q2', '2024-01-02 10:00:00', 10, 'web'),
			('z', 'q3', '2024-03-31 10:00:00', 30, 'web')`);
		const r = await cohortAnalysis.run(query, scope('2024-04-01'), {
			...defaultCohortSettings,
			period: 'quarter'
		});
		// Q4 2023 cohort; both 2024 orders are in Q1 (k=1): 40 / 10 = 4; as-of starts Q2: complete.
		expect(
			r.rows.map((x) => [x.cohort, x.k, x.customers, x.revenue_retention, x.complete])
		).toEqual([
			['2023-10-01', 0, 1, 1, true],
			['2023-10-01', 1, 1, 4, true]
		]);
	});

	it('returns no rows without purchases', async () => {
		await load(`('r', 'x1', '2024-01-03 10:00:00', -5, 'web')`);
		const r = await cohortAnalysis.run(query, scope('2024-02-01'), defaultCohortSettings);
		expect(r).toEqual({ rows: [], average: [], firstCohort: null });
	});
});
