// Issue 16: the cohort section's average "cumulative" revenue per customer fell at the tail (the
// sample: 522.79 → 419.36 from month 32 to 35), because each k averaged the cumulative figures of a
// different set of cohorts, the last ones of one or two old cohorts only.
import { beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import { createOrders, scopeAt } from '../helpers/fixtures';
import type { Engine } from '../../src/db/engine';
import { cohortAnalysis, defaultCohortSettings } from '../../src/analyses/cohort/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	// Jan a 10; Feb b 100 and 30 a month later; Mar c, d 100 each; Apr e 40. Averaging the
	// cohorts' own cumulative figures per k gave 70, 85, 70, 10.
	await createOrders(
		db,
		`('a', 'o1', DATE '2024-01-10', 10, true), ('b', 'o2', DATE '2024-02-01', 100, true),
		('b', 'o3', DATE '2024-03-05', 30, true), ('c', 'o4', DATE '2024-03-01', 100, true),
		('d', 'o5', DATE '2024-03-02', 100, true), ('e', 'o6', DATE '2024-04-03', 40, true)`
	);
	await db.exec('ALTER TABLE orders ADD COLUMN order_ts TIMESTAMP');
});

it('the average cumulative revenue per customer never falls, and is not shown below 3 cohorts', async () => {
	const r = await cohortAnalysis.run((q) => db.query(q), scopeAt('2024-05-01'), {
		...defaultCohortSettings
	});
	// 70, then + 30 / 4 over the three cohorts that completed k = 1; k = 2, 3: 2 and 1 cohorts.
	expect(r.average.map((a) => [a.k, a.cohorts, a.cum_revenue_per_customer])).toEqual([
		[0, 4, 70],
		[1, 3, 77.5],
		[2, 2, null],
		[3, 1, null]
	]);
});
