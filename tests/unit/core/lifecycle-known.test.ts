/**
 * The dashboard reads lifecycle's thresholds once and passes them to its three stage queries
 * (lifecycleAnalysis.run); the notebook shows the self-contained statements that derive them. On
 * seeded random data sets, with derived and with overridden thresholds, both must give the same
 * rows — and run() must return exactly what the self-contained statements return.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { inlineParams, type Sql } from '../../../src/core/sql';
import { datasetSql, randomDataset } from '../../helpers/random-dataset';
import {
	buildMigrationQuery,
	buildStagesOverTimeQuery,
	buildStagesQuery,
	buildThresholdsQuery,
	defaultLifecycleSettings,
	lifecycleAnalysis,
	type LifecycleSettings,
	type LifecycleThresholds
} from '../../../src/analyses/lifecycle/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});
const query = <T>(q: Sql) => db.query<T>(inlineParams(q));

const SETTINGS: LifecycleSettings[] = [
	defaultLifecycleSettings,
	{ churnAfter: 40, riskAfter: 15, loyalOrders: 3, compareFrom: null },
	{ churnAfter: 10, riskAfter: 30, loyalOrders: null, compareFrom: null }
];

describe('lifecycle with the thresholds read once', () => {
	it.each([1, 2, 3, 4, 5, 6])('data set %i', async (seed) => {
		const { data, scope } = randomDataset(seed);
		for (const stmt of datasetSql(data)) await db.exec(stmt);
		for (const settings of SETTINGS) {
			const [t] = await query<LifecycleThresholds>(buildThresholdsQuery(scope, settings));
			expect(t).toBeDefined();
			const label = `seed ${seed} ${JSON.stringify(settings)}`;
			for (const build of [buildStagesQuery, buildStagesOverTimeQuery, buildMigrationQuery]) {
				const derived = await query(build(scope, settings));
				const known = await query(build(scope, settings, t));
				expect(known, `${build.name} ${label}`).toEqual(derived);
			}
			const q = lifecycleAnalysis.queries(scope, settings);
			expect(await lifecycleAnalysis.run(query, scope, settings), label).toEqual({
				thresholds: t,
				stages: await query(q.lifecycle_stages!),
				overTime: await query(q.lifecycle_over_time!),
				migration: await query(q.lifecycle_migration!),
				compareFrom: expect.any(String),
				returnsOnly: (await query(q.lifecycle_returns_only!))[0]
			});
		}
	});

	it('refuses a threshold that is not a whole number', () => {
		const { scope } = randomDataset(1);
		const bad = { churn_after: 1.5, risk_after: 1, loyal_orders: 2 };
		expect(() => buildStagesQuery(scope, defaultLifecycleSettings, bad)).toThrow(/integer/);
	});
});
