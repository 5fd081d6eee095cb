/**
 * The dashboard gets the cohort triangle, its average row and the first-cohort check from one
 * statement over one materialised triangle (cohortAnalysis.run → buildCohortBothQuery); the
 * notebook shows the three separate queries. On seeded random data sets, for every period, mode,
 * retention kind, splits by two order columns and both first-cohort choices, run() must return
 * exactly the three queries' rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { inlineParams, type Sql } from '../../../src/core/sql';
import { datasetSql, randomDataset } from '../../helpers/random-dataset';
import {
	buildCohortAverageQuery,
	buildCohortQuery,
	buildFirstCohortQuery,
	cohortAnalysis,
	type CohortSettings
} from '../../../src/analyses/cohort/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});
const query = <T>(q: Sql) => db.query<T>(inlineParams(q));

const SETTINGS: CohortSettings[] = [
	{ period: 'month', mode: 'calendar', retention: 'on', split: null, includeFirstCohort: false },
	{
		period: 'week',
		mode: 'rolling',
		retention: 'on_or_after',
		split: null,
		includeFirstCohort: true
	},
	{
		period: 'quarter',
		mode: 'calendar',
		retention: 'on_or_after',
		split: { table: 'orders', column: 'channel' },
		includeFirstCohort: true
	},
	{
		period: 'month',
		mode: 'rolling',
		retention: 'on',
		split: { table: 'orders', column: 'region' },
		includeFirstCohort: false
	}
];

describe('cohort triangle and average in one statement', () => {
	it.each([1, 2, 3, 4, 5])('data set %i', async (seed) => {
		const { data, scope } = randomDataset(seed);
		for (const stmt of datasetSql(data)) await db.exec(stmt);
		for (const settings of SETTINGS) {
			const result = await cohortAnalysis.run(query, scope, settings);
			const label = `seed ${seed} ${JSON.stringify(settings)}`;
			expect(result.rows, label).toEqual(await query(buildCohortQuery(scope, settings)));
			expect(result.average, label).toEqual(await query(buildCohortAverageQuery(scope, settings)));
			const [first, ...more] = await query(buildFirstCohortQuery(scope, settings));
			expect(more, label).toEqual([]);
			expect(result.firstCohort, label).toEqual(first);
			expect(result.rows.length, label).toBeGreaterThan(0);
		}
	});
});
