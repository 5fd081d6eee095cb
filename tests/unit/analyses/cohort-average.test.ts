/**
 * The cohort average row and the left-censored first cohort (issue 16 items 4 and 5), on
 * hand-worked fixtures through the Node engine; the definitions open src/analyses/cohort/sql.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import type { Engine } from '../../../src/db/engine';
import {
	cohortAnalysis,
	defaultCohortSettings,
	type CohortSettings
} from '../../../src/analyses/cohort/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

/** Orders `(customer, 'YYYY-MM-DD', revenue)`, all purchases, one order each. */
async function load(orders: [string, string, number][]): Promise<void> {
	await db.exec('DROP TABLE IF EXISTS orders');
	const values = orders
		.map(([c, d, v], i) => `('${c}', 'o${i}', DATE '${d}', ${v}, true)`)
		.join(', ');
	await createOrders(db, values);
	await db.exec(`ALTER TABLE orders ADD COLUMN order_ts TIMESTAMP;
		UPDATE orders SET order_ts = CAST(order_date AS TIMESTAMP)`);
}

const run = (asOf: string, settings: Partial<CohortSettings> = {}) =>
	cohortAnalysis.run((q) => db.query(q), scopeAt(asOf), {
		...defaultCohortSettings,
		...settings
	});

describe('the average row', () => {
	it('averages only complete cells: the unfinished current period does not pull k down', async () => {
		// Jan cohort a, b both buy again in February (k=1: 100 %); Feb cohort c, d: their k=1 is
		// March, unfinished on as-of 03-10, nobody has bought yet (0 %).
		await load([
			['a', '2024-01-03', 10],
			['b', '2024-01-20', 10],
			['a', '2024-02-05', 10],
			['b', '2024-02-06', 10],
			['c', '2024-02-10', 10],
			['d', '2024-02-11', 10]
		]);
		const r = await run('2024-03-10');
		const feb = r.rows.find((x) => x.cohort === '2024-02-01' && x.k === 1)!;
		expect([feb.retention, feb.complete]).toEqual([0, false]);
		// Jan only at k=1 (100 %), not (2 + 0) / 4 = 50 %; k=0: Jan and Feb are complete.
		expect(r.average.map((a) => [a.k, a.cohorts, a.cohort_size, a.retention])).toEqual([
			[0, 2, 4, 1],
			[1, 1, 2, 1]
		]);
	});

	it('a k that no cohort has completed has no average row', async () => {
		await load([['a', '2024-01-03', 10]]);
		// January is unfinished on as-of 01-15: the one cell is incomplete.
		const r = await run('2024-01-15');
		expect(r.rows.map((x) => [x.k, x.complete])).toEqual([[0, false]]);
		expect(r.average).toEqual([]);
	});
});

describe('the average cumulative revenue per customer', () => {
	// As-of 05-01: every period is complete. Jan a 10 (k0); Feb b 100 (k0) + 30 (k1); Mar c, d 100
	// each (k0); Apr e 40 (k0). The cohorts' own cumulative figures averaged per k would read
	// k0 350/5 = 70, k1 (10 + 130 + 200)/4 = 85, k2 (10 + 130)/2 = 70, k3 10: a falling line.
	const ORDERS: [string, string, number][] = [
		['a', '2024-01-10', 10],
		['b', '2024-02-01', 100],
		['b', '2024-03-05', 30],
		['c', '2024-03-01', 100],
		['d', '2024-03-02', 100],
		['e', '2024-04-03', 40]
	];

	it('chains each period’s revenue per customer over the cohorts that reached it, and stops below 3 cohorts', async () => {
		await load(ORDERS);
		const r = await run('2024-05-01');
		// k0: 350 / 5 = 70 (4 cohorts); k1: Jan, Feb, Mar reached it, 30 / 4 = 7.5 → 77.5;
		// k2: Jan and Feb only, k3: Jan only → not shown.
		expect(r.average.map((a) => [a.k, a.cohorts, a.cum_revenue_per_customer])).toEqual([
			[0, 4, 70],
			[1, 3, 77.5],
			[2, 2, null],
			[3, 1, null]
		]);
	});

	it('never falls from one k to the next', async () => {
		await load(ORDERS);
		const r = await run('2024-05-01');
		const line = r.average.flatMap((a) => a.cum_revenue_per_customer ?? []);
		for (let i = 1; i < line.length; i++) expect(line[i]!).toBeGreaterThanOrEqual(line[i - 1]!);
	});
});
