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

vi.mock('../../../src/db/engine-instance', () => ({
	getEngine: () => Promise.reject(new Error('the page engine is not used in these tests'))
}));

// asOf 2024-07-01. Gaps: c 31 31 5, b 31, h 3 3, i 1 2 → sorted 1 2 3 3 5 31 31 31; the derived
// churn_after is their 90th percentile, nearest rank ceil(7.2) = 8 → 31 days.
// Expected next purchase (last + typical gap) and recency at 07-01:
//   c 05-07 + 31 = 06-07 (24 days overdue, within its grace of 31), recency 55
//   i 06-28 + 2 = 06-30, recency 3;  b 06-01 + 31 = 07-02, recency 30
//   h 06-16 + 3 = 06-19: 12 days overdue > grace 3, never due.
const ORDERS = `
	('c', 'c1', DATE '2024-03-01', 10.0, true),
	('c', 'c2', DATE '2024-04-01', 10.0, true),
	('c', 'c3', DATE '2024-05-02', 10.0, true),
	('c', 'c4', DATE '2024-05-07', 10.0, true),
	('b', 'b1', DATE '2024-05-01', 10.0, true),
	('b', 'b2', DATE '2024-06-01', 10.0, true),
	('h', 'h1', DATE '2024-06-10', 10.0, true),
	('h', 'h2', DATE '2024-06-13', 10.0, true),
	('h', 'h3', DATE '2024-06-16', 10.0, true),
	('i', 'i1', DATE '2024-06-25', 10.0, true),
	('i', 'i2', DATE '2024-06-26', 10.0, true),
	('i', 'i3', DATE '2024-06-28', 10.0, true)`;

const ALL = scopeAt('2024-07-01');
let db: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(db, ORDERS);
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
