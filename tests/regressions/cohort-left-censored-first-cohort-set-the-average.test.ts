// Issue 16: a log that starts mid-history (Online Retail starts 2010-12-01) puts everyone who
// bought before it into its first cohort, which retained 37–50 % against 15–33 % for the others and
// alone set the average at the longest lags. It was neither detected nor marked.
import { beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import { createOrders, scopeAt } from '../helpers/fixtures';
import type { Engine } from '../../src/db/engine';
import { cohortAnalysis, defaultCohortSettings } from '../../src/analyses/cohort/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	// January: 6 first buyers, 3 buy again in February; February and March: 2 each, none again.
	const jan = [0, 1, 2, 3, 4, 5].map((i) => `('j${i}', 'j${i}', DATE '2024-01-01', 10, true)`);
	const again = [0, 1, 2].map((i) => `('j${i}', 'r${i}', DATE '2024-02-0${i + 2}', 10, true)`);
	const later = ['f0', 'f1'].map((c) => `('${c}', '${c}', DATE '2024-02-05', 10, true)`);
	const march = ['m0', 'm1'].map((c) => `('${c}', '${c}', DATE '2024-03-05', 10, true)`);
	await createOrders(db, [...jan, ...again, ...later, ...march].join(', '));
	await db.exec('ALTER TABLE orders ADD COLUMN order_ts TIMESTAMP');
});

it('a first cohort gaining customers more than twice as fast as the others is marked and left out of the average', async () => {
	const run = (includeFirstCohort: boolean) =>
		cohortAnalysis.run((q) => db.query(q), scopeAt('2024-04-01'), {
			...defaultCohortSettings,
			includeFirstCohort
		});
	const r = await run(false);
	expect(r.firstCohort?.censored).toBe(true);
	expect(r.rows.filter((x) => x.censored).map((x) => x.cohort)).toEqual(
		Array(3).fill('2024-01-01')
	);
	// k = 1 from February alone (0 %), not with January's 3 of 6 (3 / 8).
	expect(r.average.find((a) => a.k === 1)).toMatchObject({ cohorts: 1, retention: 0 });
	expect((await run(true)).average.find((a) => a.k === 1)).toMatchObject({
		cohorts: 2,
		retention: 3 / 8
	});
});
