/**
 * The dashboard runs its analyses over the scope materialised once (materializeScopeStatements,
 * scope.materialized): on seeded random data sets every registered analysis must give the result
 * of the self-contained SQL the notebook shows (numbers within 1e-9 relative: sums of doubles may
 * add up in another order).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { closeDiff } from '../../helpers/close';
import type { Engine } from '../../../src/db/engine';
import { inlineParams, type Sql } from '../../../src/core/sql';
import { datasetSql, randomDataset } from '../../helpers/random-dataset';
import { ANALYSES } from '../../../src/analyses';
import { defaultPreparedSettings } from '../../../src/analyses/registry-tools';
import { materializeScopeStatements, SCOPE_TABLES, type Scope } from '../../../src/core/scope';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

const query = <T>(q: Sql) => db.query<T>(inlineParams(q));

function settingsFor(id: string, scope: Scope): object {
	return defaultPreparedSettings(
		ANALYSES,
		ANALYSES.find((x) => x.id === id)!,
		scope
	);
}

/**
 * A result without the wall-clock times some analyses report (the forecast's `ms`, how long its
 * fit took): two runs never take the same time, and the comparison is of what they computed.
 */
function withoutTimings(result: unknown): unknown {
	return JSON.parse(JSON.stringify(result, (key, v: unknown) => (key === 'ms' ? undefined : v)));
}

describe('materialised scope', () => {
	it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('data set %i', async (seed) => {
		const { data, scope } = randomDataset(seed);
		for (const stmt of datasetSql(data)) await db.exec(stmt);
		for (const stmt of materializeScopeStatements(scope)) await db.exec(stmt);
		const cached: Scope = { ...scope, materialized: true };
		for (const a of ANALYSES) {
			const plain = await a.def.run(query, scope, settingsFor(a.def.id, scope));
			const fast = await a.def.run(query, cached, settingsFor(a.def.id, cached));
			expect(
				closeDiff(withoutTimings(fast), withoutTimings(plain)),
				`${a.def.id} seed ${seed} ${JSON.stringify(scope)}`
			).toBeNull();
		}
	});

	it('reads the temp tables, and the plain statements do not', () => {
		const { scope } = randomDataset(1);
		const [a] = ANALYSES;
		const fast = Object.values(a!.def.queries({ ...scope, materialized: true }, {}))[0]!.text;
		const plain = Object.values(a!.def.queries(scope, {}))[0]!.text;
		expect(fast).toContain(SCOPE_TABLES.customers);
		expect(plain).not.toContain(SCOPE_TABLES.customers);
	});
});
