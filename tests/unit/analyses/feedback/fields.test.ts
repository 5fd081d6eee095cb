// The feedback group (nps_group) as the other analyses read it through the registry, with a
// feedback file loaded: the audience "detractors among our best customers" (latest response a
// detractor's, ABC tier A) and the breakdown by feedback group, on a hand-made fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/db/engine';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import { ANALYSES } from '../../../../src/analyses';
import { audience } from '../../../../src/analyses/audience';
import { breakdown } from '../../../../src/analyses/breakdown';
import { buildMembersQuery, type AudienceSettings } from '../../../../src/analyses/audience/sql';
import type { BreakdownSettings } from '../../../../src/analyses/breakdown/sql';
import type { Group } from '../../../../src/analyses/audience/model';
import { preparedSettings } from '../../../../src/analyses/registry-tools';
import { createFeedback } from './helpers';

const scope = scopeAt('2024-07-01');
const data = { orders: true, baskets: false, lineRoles: [], feedback: true };
const prepare = <S extends object>(m: (typeof ANALYSES)[number], settings: S) =>
	preparedSettings(ANALYSES, m, scope, settings, (o) => ({ ...o.defaults }), data) as S;

describe('nps_group in the audience builder and the breakdown', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await createNodeEngine();
		// Revenue 100 / 50 / 40 / 10 of 200: a, b and d start below 80 % (tier A), c at 95 % (C).
		await createOrders(
			db,
			`('a', 'a1', DATE '2024-01-05', 100.0, true), ('b', 'b1', DATE '2024-01-06', 50.0, true),
			('c', 'c1', DATE '2024-01-07', 10.0, true), ('d', 'd1', DATE '2024-01-08', 40.0, true)`
		);
		// a: a promoter in March, a detractor in May (the latest counts); b a promoter; c a
		// detractor; d never answered; one anonymous detractor.
		await createFeedback(db, [
			['a', '2024-03-01', 10, null],
			['a', '2024-05-01', 2, 'late'],
			['b', '2024-05-02', 9, null],
			['c', '2024-05-03', 0, 'broken'],
			[null, '2024-05-04', 1, 'bad']
		]);
	});
	afterAll(async () => db?.close());

	it('detractors among our best customers: nps_group detractor and ABC tier A', async () => {
		const root: Group = {
			kind: 'group',
			op: 'and',
			items: [
				{ kind: 'in', field: 'derived:nps_group', values: ['detractor'] },
				{ kind: 'in', field: 'derived:abc_tier', values: ['A'] }
			]
		};
		const settings = prepare<AudienceSettings>(audience, { ...audience.defaults, root });
		const rows = await db.query<{ customer_id: string }>(buildMembersQuery(scope, settings, root));
		expect(rows.map((r) => r.customer_id)).toEqual(['a']);
	});

	it('the breakdown by feedback group counts each customer under their latest group', async () => {
		const settings = prepare<BreakdownSettings>(breakdown, {
			...breakdown.defaults,
			dimension: { table: 'derived', column: 'nps_group' }
		});
		const result = await breakdown.def.run((q) => db.query(q), scope, settings);
		const rows = (result as { rows: { value: string; customers: number; revenue: number }[] }).rows;
		expect(Object.fromEntries(rows.map((r) => [r.value, [r.customers, r.revenue]]))).toEqual({
			detractor: [2, 110],
			promoter: [1, 50],
			none: [1, 40]
		});
	});
});
