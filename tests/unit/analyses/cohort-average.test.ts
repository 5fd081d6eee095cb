/**
 * The cohort average row (issue 16 item 4; definitions open src/analyses/cohort/sql.ts). The bugs
 * it fixed have their own tests in tests/regressions/cohort-average-*.test.ts; here, the edges and
 * the invariants on random data sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import type { Engine } from '../../../src/db/engine';
import { inlineParams, type Sql } from '../../../src/core/sql';
import { datasetSql, randomDataset } from '../../helpers/random-dataset';
import {
	cohortAnalysis,
	defaultCohortSettings,
	MIN_CUMULATIVE_COHORTS
} from '../../../src/analyses/cohort/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});
const query = <T>(q: Sql) => db.query<T>(inlineParams(q));

describe('the average row', () => {
	it('a k that no cohort has completed has no average row', async () => {
		await db.exec('DROP TABLE IF EXISTS orders');
		await createOrders(db, `('a', 'o1', DATE '2024-01-03', 10, true)`);
		await db.exec('ALTER TABLE orders ADD COLUMN order_ts TIMESTAMP');
		// January is unfinished on as-of 01-15: the one cell is incomplete.
		const r = await cohortAnalysis.run(query, scopeAt('2024-01-15'), defaultCohortSettings);
		expect(r.rows.map((x) => [x.k, x.complete])).toEqual([[0, false]]);
		expect(r.average).toEqual([]);
	});

	it('on random data sets: over complete cells, a cumulative line that never falls, shown from 3 cohorts', async () => {
		let shown = 0;
		for (let seed = 1; seed <= 25; seed++) {
			const { data, scope } = randomDataset(seed);
			for (const stmt of datasetSql(data)) await db.exec(stmt);
			for (const period of ['month', 'week'] as const) {
				const r = await cohortAnalysis.run(query, scope, { ...defaultCohortSettings, period });
				const what = `seed ${seed} ${period}`;
				for (const a of r.average) {
					const used = r.rows.filter((x) => x.k === a.k && x.complete && !x.censored);
					expect(a.cohorts, what).toBe(used.length);
					expect(a.cum_revenue_per_customer === null, what).toBe(
						a.cohorts < MIN_CUMULATIVE_COHORTS
					);
				}
				const line = r.average.flatMap((a) => a.cum_revenue_per_customer ?? []);
				shown += line.length;
				for (let i = 1; i < line.length; i++)
					expect(line[i]!, what).toBeGreaterThanOrEqual(line[i - 1]!);
			}
		}
		expect(shown).toBeGreaterThan(20);
	}, 60_000);
});
