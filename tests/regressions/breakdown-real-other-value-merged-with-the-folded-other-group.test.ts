// Issue 14: the breakdown named its folded tail 'Other' in the value column and grouped by that
// label, so a real value "Other" ranked in the top N was merged with the folded group (its
// customers and revenue added to the tail's), and the page translated it as the group (zh 其他).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import type { Engine } from '../../src/db/engine';
import type { Scope } from '../../src/core/scope';
import {
	breakdownAnalysis,
	defaultBreakdownSettings,
	type BreakdownSettings
} from '../../src/analyses/breakdown/sql';
import { groupName } from '../../src/analyses/breakdown/names';
import { messages } from '../../src/analyses/breakdown/messages';

let db: Engine;
const scope: Scope = {
	asOf: '2024-07-01',
	from: null,
	to: null,
	filter: null,
	hasCustomers: false,
	customerColumns: []
};

// One order per customer. Channel "Other" (a real value): c1–c3, 10 each; web: c4, c5, 20 each;
// shop: c6 30; fax: c7 40. With the top 2 kept, shop and fax fold into the Other group.
beforeAll(async () => {
	db = await createNodeEngine();
	await db.exec(`CREATE TABLE orders AS
		SELECT customer_id, 'o' || customer_id AS order_id, TIMESTAMP '2024-06-01' AS order_ts,
			DATE '2024-06-01' AS order_date, CAST(revenue AS DOUBLE) AS revenue, 1.0 AS items,
			true AS is_purchase, channel, 'north' AS region
		FROM (VALUES ('c1', 'Other', 10), ('c2', 'Other', 10), ('c3', 'Other', 10),
			('c4', 'web', 20), ('c5', 'web', 20), ('c6', 'shop', 30), ('c7', 'fax', 40)
		) t(customer_id, channel, revenue)`);
});
afterAll(() => db.close());

const byChannel: BreakdownSettings = {
	...defaultBreakdownSettings,
	dimension: { table: 'orders', column: 'channel' },
	topN: 2,
	cross: { table: 'orders', column: 'region' }
};

describe('a real value "Other" in the top N', () => {
	it('is its own group, apart from the folded Other group, in the rows and the cross-tab', async () => {
		const r = await breakdownAnalysis.run((q) => db.query(q), scope, byChannel);
		expect(
			r.rows.map((x) => [x.value, x.position, x.is_other, x.is_unknown, x.customers, x.revenue])
		).toEqual([
			['Other', 1, false, false, 3, 30],
			['web', 2, false, false, 2, 40],
			['Other', 3, true, false, 2, 70]
		]);
		expect(r.cross.map((x) => [x.a, x.a_position, x.a_other, x.b, x.customers, x.revenue])).toEqual(
			[
				['Other', 1, false, 'north', 3, 30],
				['web', 2, false, 'north', 2, 40],
				['Other', 3, true, 'north', 2, 70]
			]
		);
	});

	it('keeps its own text on the page while the folded group is translated', () => {
		const zh = messages.zh;
		const names = {
			other: zh['breakdown.other'],
			unknown: zh['breakdown.unknown'],
			value: (v: string) => v
		};
		expect(groupName({ value: 'Other', other: false, unknown: false }, names)).toBe('Other');
		expect(groupName({ value: 'Other', other: true, unknown: false }, names)).toBe('其他');
	});
});
