import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetPath, datasetPresent } from '../../helpers/datasets';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import type { Scope } from '../../../src/core/scope';
import { defaultRfmSettings, rfmAnalysis } from '../../../src/analyses/rfm/sql';
import { userFilePath } from '../../../src/db/session';

// The R package rfm 0.3.0's example order log (shared/datasets beside the repository, SOURCE.md).
const CSV = datasetPath('rfm_data_orders/rfm_data_orders.csv');
const present = datasetPresent(CSV);

// Published by the package vignette (SOURCE.md): segment, customers, orders, revenue.
const PUBLISHED: [string, number, number, number][] = [
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

const scope: Scope = {
	asOf: '2006-12-31',
	from: null,
	to: null,
	filter: null,
	hasCustomers: false,
	customerColumns: []
};

let db: Engine;
beforeAll(async () => {
	if (!present) return;
	db = await createNodeEngine();
	await db.registerBuffer(userFilePath('rfm_data_orders.csv'), new Uint8Array(readFileSync(CSV)));
	await db.exec(`CREATE TABLE orders AS
		SELECT
			CAST(customer_id AS VARCHAR) AS customer_id,
			CAST(row_number() OVER () AS VARCHAR) AS order_id,
			CAST(order_date AS DATE) AS order_date,
			CAST(revenue AS DOUBLE) AS revenue,
			1.0 AS items,
			1 AS lines,
			true AS is_purchase
		FROM read_csv('/clientele/rfm_data_orders.csv', header = true)`);
});

describe('rfm-package preset on the rfm package example data', () => {
	it.skipIf(!present)('loads 4,906 orders of 995 customers, revenue 464,158', async () => {
		const [row] = await db.query(
			'SELECT count(*) AS n, count(DISTINCT customer_id) AS c, sum(revenue) AS r FROM orders'
		);
		expect(row).toEqual({ n: 4906, c: 995, r: 464158 });
	});

	it.skipIf(!present)('reproduces the published segment table exactly', async () => {
		const result = await rfmAnalysis.run((q) => db.query(q), scope, {
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
