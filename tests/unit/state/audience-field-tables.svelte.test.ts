// Issue 19: an audience count reads each derived field from a table built once per identity (data,
// scope, owner's settings) instead of running the field's statement at every edit. The tables
// must never answer for other data or settings: a change of the lifecycle churn threshold changes
// the due status and stage of the count, and so does another load on the same engine.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../../src/state/dashboard.svelte';
import { ANALYSES } from '../../../src/analyses';
import { audience } from '../../../src/analyses/audience';
import { lifecycle } from '../../../src/analyses/lifecycle';
import { withFieldTables, type AudienceSettings } from '../../../src/analyses/audience/sql';
import type { Group } from '../../../src/analyses/audience/model';
import { FieldTables } from '../../../src/analyses/customer/read';
import { prepareContext } from '../../../src/analyses/registry-tools';
import type { Engine } from '../../../src/db/engine';
import type { Sql } from '../../../src/core/sql';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import { CHURN_ORDERS } from '../../helpers/known-orders';

vi.mock('../../../src/db/engine-instance', () => ({
	getEngine: () => Promise.reject(new Error('the page engine is not used in these tests'))
}));

// The churn fixture (helpers/known-orders): asOf 2024-07-01, derived churn_after 31 days; recency
// c 55, b 30, h 15, i 3. c is churned at 31, none at 60, c and b at 20.
const ALL = scopeAt('2024-07-01');
let db: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, CHURN_ORDERS);
});
afterAll(async () => {
	await db?.close();
});

const churned = (field: string): Group => ({
	kind: 'group',
	op: 'and',
	items: [{ kind: 'equals', field: `derived:${field}`, value: 'churned' }]
});

describe('audience counts read derived fields from tables kept per identity', () => {
	it('a change of the lifecycle churn threshold changes a count on the due status and the stage (a stale table would keep 1)', async () => {
		const d = new Dashboard(ANALYSES, () => Promise.resolve(db));
		d.useData(1);
		await d.runAll(ALL);
		const count = async (field: string) => {
			await d.change(audience, { root: churned(field) }, ALL);
			const s = d.stateOf(audience);
			expect(s).toMatchObject({ status: 'done', error: null });
			return s.data!.count.customers;
		};
		expect(await count('due_status')).toBe(1);
		expect(await count('lifecycle_stage')).toBe(1);
		await d.change(lifecycle, { churnAfter: 60 }, ALL);
		expect(await count('due_status')).toBe(0);
		expect(await count('lifecycle_stage')).toBe(0);
		await d.change(lifecycle, { churnAfter: 20 }, ALL);
		expect(await count('due_status')).toBe(2);
		expect(await count('lifecycle_stage')).toBe(2);
	});

	it('a second count with the same fields builds no table again, and reads the same rows as the statements', async () => {
		const ctx = prepareContext(ANALYSES, ALL, (m) => ({ ...m.defaults }), undefined, true, 'k');
		const derived = ['due_status', 'lifecycle_stage'].map((key) => ({
			key,
			sql: ctx.derivedSql(key)!,
			identity: ctx.derivedIdentity(key)
		}));
		const settings: AudienceSettings = { ...audience.defaults, derived };
		const root: Group = {
			kind: 'group',
			op: 'or',
			items: [churned('due_status'), churned('lifecycle_stage')]
		};
		const texts: string[] = [];
		const query = <T>(q: Sql) => {
			texts.push(q.text);
			return db.query<T>(q);
		};
		const tables = new FieldTables();
		const first = await withFieldTables(query, settings, [root], tables);
		expect(texts.filter((t) => t.startsWith('CREATE OR REPLACE TEMP TABLE'))).toHaveLength(2);
		texts.length = 0;
		const again = await withFieldTables(query, settings, [root], tables);
		expect(texts).toEqual([]);
		expect(again.derived.map((x) => x.sql.text)).toEqual(first.derived.map((x) => x.sql.text));
		for (const [i, d] of derived.entries()) {
			const direct = await db.query({
				...d.sql,
				text: `SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(value AS VARCHAR) AS value FROM (${d.sql.text}) ORDER BY 1`
			});
			const fromTable = await db.query({
				...first.derived[i]!.sql,
				text: `${first.derived[i]!.sql.text} ORDER BY 1`
			});
			expect(fromTable).toEqual(direct);
			expect(first.derived[i]!.sql.text).not.toEqual(d.sql.text);
		}
	});
	// Last: it changes the orders.
	it('another load on the same engine is not answered from the tables of the first', async () => {
		const d = new Dashboard(ANALYSES, () => Promise.resolve(db));
		d.useData(1);
		await d.runAll(ALL);
		await d.change(audience, { root: churned('lifecycle_stage') }, ALL);
		expect(d.stateOf(audience).data!.count.customers).toBe(1);
		// i buys on 2024-05-01 instead of in June: silent 61 days now, churned too.
		await db.exec(`UPDATE orders SET order_date = DATE '2024-05-01' WHERE customer_id = 'i'`);
		d.useData(2);
		await d.runAll(ALL);
		expect(d.stateOf(audience).data!.count.customers).toBe(2);
	});
});
