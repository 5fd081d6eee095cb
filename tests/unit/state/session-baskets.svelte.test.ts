// The Session with basket files and appended files (issue 15): a basket file alone is a 'baskets'
// state, not "No orders file found"; beside orders both load; two monthly files are one set.
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/state/session.svelte';
import type { SessionEngine, SessionEngineSource } from '../../../src/state/session-engine';
import type { LoadInput } from '../../../src/core/ingest/types';
import { createNodeEngine } from '../../helpers/node-engine';

vi.mock('../../../src/db/engine-instance', () => {
	const refuse = () => Promise.reject(new Error('the page engine is not used in these tests'));
	return { getEngine: refuse, restartEngine: refuse, pageMemoryLimit: () => '1GB' };
});

const file = (name: string, text: string): LoadInput => ({
	name,
	data: new TextEncoder().encode(text)
});

/** One Node engine with the browser engine's choice of database. */
function session(): Session {
	const engine = createNodeEngine().then((node) => {
		const e = node as unknown as SessionEngine & { database: string };
		Object.assign(e, {
			crashed: false,
			defaultDatabase: 'memory',
			database: 'memory',
			async useDatabase(name: string) {
				await node.exec(`USE ${name}`);
			},
			warmUp: async () => ({ state: 'stopped' as const })
		});
		return e;
	});
	const source: SessionEngineSource = {
		get: () => engine,
		restart: () => engine,
		memoryLimit: () => '1GB'
	};
	return new Session(source);
}

const BASKETS = 'milk,bread\nbread\nmilk,jam,eggs\njam\neggs,milk\nbread,milk\n';
const ORDERS = `order_id,order_date,customer_id,amount
1,2024-02-01,A,20.00
2,2024-02-15,B,5.00
`;

describe('Session with basket files', () => {
	it('a basket file alone: the baskets state with its summary, no problem', async () => {
		const s = session();
		await s.load([file('baskets.csv', BASKETS)]);
		expect([s.phase, s.problem]).toEqual(['baskets', null]);
		expect(s.basketsSummary).toMatchObject({ baskets: 6, items: 4 });
		expect(s.basketReports.map((r) => [r.report.file, r.basketless])).toEqual([['baskets.csv', 0]]);
		expect([s.rowsLoaded, s.rowsRejected]).toEqual([6, 0]);
		expect(s.notices).toEqual([]);
	});

	it('an orders file added to a basket file joins it: the dashboard opens, the baskets stay', async () => {
		const s = session();
		await s.load([file('baskets.csv', BASKETS)]);
		await s.load([file('orders.csv', ORDERS)], 'add');
		expect(s.phase).toBe('ready');
		expect([s.basketsSummary?.baskets, s.summary?.tx_rows]).toEqual([6, 2]);
		expect(s.basketReports).toHaveLength(1);
	});

	it('beside an orders file both load and the dashboard opens', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS), file('baskets.csv', BASKETS)]);
		expect(s.phase).toBe('ready');
		expect(s.basketsSummary?.baskets).toBe(6);
		expect(s.summary?.tx_rows).toBe(2);
		expect(s.rowsLoaded).toBe(8);
	});

	it('two monthly files: one orders set, each row’s file a dimension', async () => {
		const s = session();
		const feb = `order_id,order_date,customer_id,amount\n3,2024-03-01,C,7.50\n`;
		await s.load([file('jan.csv', ORDERS), file('feb.csv', feb)]);
		expect(s.phase).toBe('ready');
		expect(s.ordersReport?.file).toBe('jan.csv, feb.csv');
		expect(s.ordersInput?.name).toBe('jan.csv');
		expect(s.summary).toMatchObject({ tx_rows: 3, customers: 3, revenue: 32.5 });
		expect(s.mapping?.dimensions.map((d) => d.column)).toEqual(['source_file']);
	});
});
