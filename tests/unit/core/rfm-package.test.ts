// The R package rfm 0.3.0's example order log (shared/datasets beside the repository, SOURCE.md),
// loaded as the page loads it (loadDataSet: file read, mapping detected, canonical tables built),
// then scored with the 'rfm-package' preset: it must print the vignette's table, all ten rows.
// The file has no order id, so a customer's same-day rows form one order; the package counts
// rows, so the preset's F counts the purchase rows (orders.purchase_rows). Before that, F counted
// orders and one customer moved: Potential Loyalist 341 / About To Sleep 103, not 342 / 102.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetPath, datasetPresent } from '../../helpers/datasets';
import { createNodeEngine } from '../../helpers/node-engine';
import { scopeAt } from '../../helpers/fixtures';
import type { Engine } from '../../../src/db/engine';
import { loadDataSet } from '../../../src/db/pipeline/load-data-set';
import { defaultRfmSettings, rfmAnalysis } from '../../../src/analyses/rfm/sql';

const CSV = datasetPath('rfm_data_orders/rfm_data_orders.csv');
const present = datasetPresent(CSV);

// Published by the package vignette (SOURCE.md): segment, customers, orders, revenue.
export const PUBLISHED: [string, number, number, number][] = [
	['potential_loyalists', 342, 2211, 204856],
	['loyal_customers', 170, 799, 76562],
	['lost', 148, 393, 35324],
	['new_customers', 104, 329, 28837],
	['about_to_sleep', 102, 283, 23449],
	['cant_lose_them', 47, 274, 32446],
	['champions', 35, 316, 31646],
	['at_risk', 28, 216, 22227],
	['need_attention', 10, 57, 4562],
	['promising', 9, 28, 4249]
];

let db: Engine;
beforeAll(async () => {
	if (!present) return;
	db = await createNodeEngine();
	const data = new Uint8Array(readFileSync(CSV));
	const set = await loadDataSet(db, [{ name: 'rfm_data_orders.csv', data }], { build: 'complete' });
	expect(set.summary, 'built').not.toBeNull();
	expect(set.orders?.mapping.roles).toMatchObject({
		customer_id: 'customer_id',
		order_date: 'order_date',
		amount: 'revenue'
	});
	expect(set.orders?.mapping.roles.order_id).toBeUndefined();
}, 60_000);
afterAll(async () => {
	if (present) await db.close();
});

describe('rfm-package preset on the rfm package example data, loaded through the app', () => {
	it.skipIf(!present)('loads 4,906 rows of 995 customers, revenue 464,158', async () => {
		const [row] = await db.query(
			'SELECT count(*) AS n, count(DISTINCT customer_id) AS c, sum(amount) AS r FROM tx'
		);
		expect(row).toEqual({ n: 4906, c: 995, r: 464158 });
		// Same-day rows of one customer are one order (that is why F needs the rows).
		const [o] = await db.query<{ orders: number; rows: number }>(
			'SELECT count(*) AS orders, sum(purchase_rows) AS rows FROM orders'
		);
		expect(o!.rows).toBe(4906);
		expect(o!.orders).toBeLessThan(4906);
	});

	it.skipIf(!present)('reproduces all ten rows of the published segment table', async () => {
		const result = await rfmAnalysis.run((q) => db.query(q), scopeAt('2006-12-31'), {
			...defaultRfmSettings,
			segmentMap: 'rfm-package'
		});
		const table = result.segments
			.filter((s) => s.customers > 0)
			.map((s) => [s.segment, s.customers, s.orders, s.revenue])
			.sort((a, b) => Number(b[1]) - Number(a[1]));
		expect(table).toEqual(PUBLISHED);
		expect(result.segments.find((s) => s.segment === 'others')?.customers).toBe(0);
		expect(result.customers).toHaveLength(995);
	});
});
