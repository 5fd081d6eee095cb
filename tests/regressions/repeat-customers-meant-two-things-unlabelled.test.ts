// Issue 16 item 9: "repeat customers" was 2 or more purchase orders on the overview and 2 or more
// purchase days in the purchase cycle, with the same words on both; each now names its rule.
import { beforeAll, expect, it } from 'vitest';
import { createNodeEngine } from '../helpers/node-engine';
import { createOrders, scopeAt } from '../helpers/fixtures';
import type { Engine } from '../../src/db/engine';
import { en } from '../../src/i18n/messages.en';
import { zh } from '../../src/i18n/messages.zh';
import { overviewAnalysis } from '../../src/analyses/overview/sql';
import { cycleAnalysis, defaultCycleSettings } from '../../src/analyses/cycle/sql';
import { messages as cycleMessages } from '../../src/analyses/cycle/messages';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	// a: two orders on one day; b: one order on each of two days.
	await createOrders(
		db,
		`('a', 'o1', DATE '2024-01-05', 10, true), ('a', 'o2', DATE '2024-01-05', 10, true),
		('b', 'o3', DATE '2024-01-06', 10, true), ('b', 'o4', DATE '2024-02-06', 10, true)`
	);
});

it('the overview counts repeat customers by orders, the cycle by days, and each label says which', async () => {
	const scope = scopeAt('2024-03-01');
	const overview = await overviewAnalysis.run((q) => db.query(q), scope, {});
	const cycle = await cycleAnalysis.run((q) => db.query(q), scope, defaultCycleSettings);
	expect(overview.kpis.repeat_rate).toBe(1);
	expect(cycle.summary.repeat_customers).toBe(1);
	expect(en['kpi.repeat']).toMatch(/2\+ orders/);
	expect(zh['kpi.repeat']).toMatch(/2 单/);
	expect(cycleMessages.en['cycle.summary']).toMatch(/bought on 2 or more days: \{repeat\}/);
	expect(cycleMessages.zh['cycle.summary']).toMatch(/2 个或更多不同日期/);
});
