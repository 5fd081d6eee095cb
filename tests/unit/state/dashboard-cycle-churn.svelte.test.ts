// Issue 16 item 6 through the dashboard: the due-for-repurchase list leaves out the customers the
// lifecycle section calls churned, with the lifecycle section's current thresholds — a change of
// the churn threshold there re-runs the purchase cycle (registry dependsOn) and changes the list.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../../src/state/dashboard.svelte';
import { ANALYSES } from '../../../src/analyses';
import { cycle } from '../../../src/analyses/cycle';
import { lifecycle } from '../../../src/analyses/lifecycle';
import type { Engine } from '../../../src/db/engine';
import { createNodeEngine } from '../../helpers/node-engine';
import { createOrders, scopeAt } from '../../helpers/fixtures';
import { CHURN_ORDERS } from '../../helpers/known-orders';

vi.mock('../../../src/db/engine-instance', () => ({
	getEngine: () => Promise.reject(new Error('the page engine is not used in these tests'))
}));

// The churn fixture: its derivation (gaps, churn_after 31, due dates) is in helpers/known-orders.
const ALL = scopeAt('2024-07-01');
let db: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, CHURN_ORDERS);
});
afterAll(async () => {
	await db?.close();
});

describe('due for repurchase follows the lifecycle churn threshold', () => {
	it('leaves churned customers out, and a change of the lifecycle churn threshold re-runs the cycle', async () => {
		const d = new Dashboard(ANALYSES, () => Promise.resolve(db));
		d.useData(1);
		await d.runAll(ALL);
		const due = () => {
			const s = d.stateOf(cycle);
			expect(s).toMatchObject({ status: 'done', error: null });
			const r = s.data!;
			return [r.due_preview.map((c) => c.customer_id), r.summary.churned_left_out];
		};
		expect(d.stateOf(lifecycle).data!.thresholds.churn_after).toBe(31);
		// c (silent 55 days > 31) is churned: left out of the due list.
		expect(due()).toEqual([['i', 'b'], 1]);

		await d.change(lifecycle, { churnAfter: 60 }, ALL);
		expect(d.stateOf(lifecycle).data!.thresholds.churn_after).toBe(60);
		expect(due()).toEqual([['c', 'i', 'b'], 0]);

		await d.change(lifecycle, { churnAfter: 20 }, ALL);
		// b (silent 30 days) is churned now too.
		expect(due()).toEqual([['i'], 2]);

		await d.change(lifecycle, { churnAfter: null }, ALL);
		expect(due()).toEqual([['i', 'b'], 1]);
	});
});
