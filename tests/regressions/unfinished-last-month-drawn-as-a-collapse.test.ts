// Issue 16 item 10: revenue by month drew the month the data end in (Online Retail's December 2011,
// 9 of its 31 days) as a full bar, so the chart seemed to collapse at its end.
import { beforeAll, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { createNodeEngine } from '../helpers/node-engine';
import { createOrders, scopeAt } from '../helpers/fixtures';
import type { Engine } from '../../src/db/engine';
import { overviewAnalysis } from '../../src/analyses/overview/sql';
import { revenueByMonthSpec } from '../../src/analyses/overview/chart';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(
		db,
		`('a', 'o1', DATE '2011-11-10', 100, true), ('b', 'o2', DATE '2011-12-09', 20, true)`
	);
});

it('the month the window ends inside is flagged partial, with its days in scope', async () => {
	const r = await overviewAnalysis.run((q) => db.query(q), scopeAt('2011-12-10'), {});
	expect(r.months.map((m) => [m.month, m.partial, m.days, m.month_days])).toEqual([
		['2011-11-01', false, 30, 30],
		['2011-12-01', true, 9, 31]
	]);
});

it('the chart draws a partial month lighter with a dashed outline and names it in a legend', async () => {
	const r = await overviewAnalysis.run((q) => db.query(q), scopeAt('2011-12-10'), {});
	const spec = revenueByMonthSpec(r.months, {
		width: 800,
		labels: {},
		format: String,
		partialNote: (month, days, total) => `unfinished month (${month}: ${days} of ${total} days)`
	});
	const marks = (spec.marks ?? []) as unknown as (Plot.Mark & {
		data: { revenue: number }[];
	})[];
	const rects = marks.filter((m) => m instanceof Plot.Rect);
	expect(rects.map((m) => m.data.map((d) => d.revenue))).toEqual([[100], [20]]);
	const partial = rects[1] as unknown as { fillOpacity: number; strokeDasharray: string };
	expect(partial.fillOpacity).toBeLessThan(1);
	expect(partial.strokeDasharray).toBe('3,2');
	const text = marks.find((m) => m instanceof Plot.Text) as unknown as { data: string[] };
	expect(text.data).toEqual(['⬚ unfinished month (2011-12-01: 9 of 31 days)']);
});
