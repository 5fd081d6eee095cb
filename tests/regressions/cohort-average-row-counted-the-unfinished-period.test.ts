// Issue 16: the cohort average row averaged every cell, including the unfinished current period's
// (flagged incomplete but still counted), so its last columns sank: Online Retail's k = 1 / 2 / 3
// read 22.7 / 23.7 / 25.6 % instead of 23.7 / 24.9 / 26.9 % (tests/unit/analyses/cohort-online-retail).
import { beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import { createOrders, scopeAt } from '../helpers/fixtures';
import type { Engine } from '../../src/db/engine';
import { cohortAnalysis, defaultCohortSettings } from '../../src/analyses/cohort/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	// Jan cohort a, b both buy again in February; Feb cohort c, d: their k = 1 is March.
	await createOrders(
		db,
		`('a', 'o1', DATE '2024-01-03', 10, true), ('b', 'o2', DATE '2024-01-20', 10, true),
		('a', 'o3', DATE '2024-02-05', 10, true), ('b', 'o4', DATE '2024-02-06', 10, true),
		('c', 'o5', DATE '2024-02-10', 10, true), ('d', 'o6', DATE '2024-02-11', 10, true)`
	);
	await db.exec('ALTER TABLE orders ADD COLUMN order_ts TIMESTAMP');
});

it('the average row at k leaves out cells of the unfinished current period', async () => {
	// On as-of 03-10 March has 9 of its 31 days: nobody of the Feb cohort has bought yet (0 %).
	const r = await cohortAnalysis.run((q) => db.query(q), scopeAt('2024-03-10'), {
		...defaultCohortSettings
	});
	const feb1 = r.rows.find((x) => x.cohort === '2024-02-01' && x.k === 1);
	expect([feb1?.retention, feb1?.complete]).toEqual([0, false]);
	// k = 1: the January cohort's 100 %, not (2 + 0) / 4 = 50 %.
	const k1 = r.average.find((a) => a.k === 1);
	expect([k1?.cohorts, k1?.retention]).toEqual([1, 1]);
});
