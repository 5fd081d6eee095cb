// Issue 14: blank and NULL values were labelled 'unknown' in SQL and grouped by that label, so a
// real value "unknown" (the text) was counted together with the blanks, and named as them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import type { Engine } from '../../src/db/engine';
import type { Scope } from '../../src/core/scope';
import { breakdownAnalysis, defaultBreakdownSettings } from '../../src/analyses/breakdown/sql';
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

// One order per customer: the text "unknown" for c1, c2 (10 each); NULL for c3 and a blank for c4
// (30 each); web for c5 (5).
beforeAll(async () => {
	db = await createNodeEngine();
	await db.exec(`CREATE TABLE orders AS
		SELECT customer_id, 'o' || customer_id AS order_id, TIMESTAMP '2024-06-01' AS order_ts,
			DATE '2024-06-01' AS order_date, CAST(revenue AS DOUBLE) AS revenue, 1.0 AS items,
			true AS is_purchase, channel
		FROM (VALUES ('c1', 'unknown', 10), ('c2', 'unknown', 10), ('c3', NULL, 30),
			('c4', ' ', 30), ('c5', 'web', 5)
		) t(customer_id, channel, revenue)`);
});
afterAll(() => db.close());

it('a real value "unknown" is not grouped with blank and NULL values', async () => {
	const r = await breakdownAnalysis.run((q) => db.query(q), scope, {
		...defaultBreakdownSettings,
		dimension: { table: 'orders', column: 'channel' },
		cross: { table: 'orders', column: 'channel' }
	});
	// Both have 2 customers; the blanks rank first by revenue.
	expect(
		r.rows.map((x) => [x.value, x.position, x.is_other, x.is_unknown, x.customers, x.revenue])
	).toEqual([
		['unknown', 1, false, true, 2, 60],
		['unknown', 2, false, false, 2, 20],
		['web', 3, false, false, 1, 5]
	]);
	expect(
		r.cross.map((x) => [x.a_position, x.a_unknown, x.b_position, x.b_unknown, x.customers])
	).toEqual([
		[1, true, 1, true, 2],
		[2, false, 2, false, 2],
		[3, false, 3, false, 1]
	]);
	const zh = messages.zh;
	const names = { other: zh['breakdown.other'], unknown: zh['breakdown.unknown'], value: String };
	expect(
		r.rows.map((x) =>
			groupName({ value: x.value, other: x.is_other, unknown: x.is_unknown }, names)
		)
	).toEqual(['未知', 'unknown', 'web']);
});
