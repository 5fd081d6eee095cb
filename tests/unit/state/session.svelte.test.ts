// The Session (src/state/session.svelte.ts) as the page drives it — load, mapping screen, a second
// file, a bad file, cancel, duplicates, another encoding, a dead worker — with Node engines standing
// in for the page's worker. Figures are worked out by hand from the files below.
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/state/session.svelte';
import type { SessionEngine, SessionEngineSource } from '../../../src/state/session-engine';
import type { Engine } from '../../../src/db/engine';
import type { LoadInput } from '../../../src/core/ingest/types';
import { sql } from '../../../src/core/sql';
import { createNodeEngine } from '../../helpers/node-engine';

// The page's engine starts when its module is imported, which needs a browser; the sessions here
// are given Node engines instead, so the page's one must never be asked for.
vi.mock('../../../src/db/engine-instance', () => {
	const refuse = () => Promise.reject(new Error('the page engine is not used in these tests'));
	return { getEngine: refuse, restartEngine: refuse, pageMemoryLimit: () => '1GB' };
});

/** `text` as a file the person gave. */
const file = (name: string, text: string): LoadInput => ({
	name,
	data: new TextEncoder().encode(text)
});

/**
 * A buys twice (20.00, 15.50), B once (5.00): 3 lines, 3 orders, 2 customers, revenue 40.50,
 * dates 2024-02-01 … 2024-03-10, so the as-of date is the day after, 2024-03-11.
 */
const ORDERS = `order_id,order_date,customer_id,amount
1,2024-02-01,A,20.00
2,2024-02-15,B,5.00
3,2024-03-10,A,15.50
`;

/** A customers file: A ordered, D never did. */
const CUSTOMERS = `customer_id,gender,region
A,F,North
D,M,South
`;

/** 01/02 and 03/04 read as day/month or month/day: the mapping screen must ask. */
const AMBIGUOUS = `customer_id,order_date,amount
A,01/02/2024,1.00
B,03/04/2024,2.00
`;

/** The ORDERS lines with line 2 given twice, exactly. */
const DOUBLED = ORDERS + '2,2024-02-15,B,5.00\n';

type TestEngine = Omit<SessionEngine, 'crashed'> & {
	crashed: boolean;
	killed: boolean;
	id: number;
};

/**
 * Node engines as the page's source hands them out: `restart` kills the current one (every call
 * on it fails then, as on a terminated worker) and starts the next, numbered from 1.
 */
function nodeEngines(): SessionEngineSource & { made: TestEngine[] } {
	const made: TestEngine[] = [];
	async function make(): Promise<TestEngine> {
		const node = await createNodeEngine();
		const engine = { killed: false } as TestEngine;
		for (const [key, value] of Object.entries(node) as [keyof Engine, unknown][]) {
			if (typeof value !== 'function') continue;
			Object.assign(engine, {
				[key]: (...args: unknown[]) =>
					engine.killed
						? Promise.reject(new Error('worker terminated'))
						: (value as (...a: unknown[]) => unknown).apply(node, args)
			});
		}
		let database = 'memory';
		Object.assign(engine, {
			id: made.length + 1,
			crashed: false,
			defaultDatabase: 'memory',
			get database() {
				return database;
			},
			async useDatabase(name: string) {
				await node.exec(`USE ${name}`);
				database = name;
			},
			// The real warm-up is the browser engine's (tests/e2e/warm-up.spec.ts).
			warmUp: async () => ({ state: 'stopped' as const })
		});
		made.push(engine);
		return engine;
	}
	let current = make();
	return {
		made,
		get: () => current,
		async restart() {
			const old = current;
			current = make();
			(await old).killed = true;
			return current;
		},
		memoryLimit: () => '1GB'
	};
}

/** A session on fresh Node engines. */
function session() {
	const engines = nodeEngines();
	return { s: new Session(engines), engines };
}

describe('Session', () => {
	it('loads a confident orders file straight to the dashboard, with the summary worked out by hand', async () => {
		const { s } = session();
		expect([s.phase, s.dataVersion]).toEqual(['empty', 0]);
		await s.load([file('orders.csv', ORDERS)]);
		expect(s.problem).toBeNull();
		expect(s.phase).toBe('ready');
		expect(s.summary).toMatchObject({
			tx_rows: 3,
			rejected_rows: 0,
			missing_customer_rows: 0,
			customers: 2,
			orders: 3,
			revenue: 40.5,
			first_date: '2024-02-01',
			last_date: '2024-03-10',
			as_of: '2024-03-11'
		});
		expect(s.dataVersion).toBe(1);
		expect([s.rowsLoaded, s.rowsRejected]).toEqual([3, 0]);
		expect(s.mapping?.roles).toMatchObject({
			order_id: 'order_id',
			order_date: 'order_date',
			customer_id: 'customer_id',
			amount: 'amount'
		});
		expect([s.ordersReport?.file, s.ordersInput?.name]).toEqual(['orders.csv', 'orders.csv']);
		expect([s.engineState, s.progress, s.checks]).toEqual(['ready', null, 'pending']);
		// A second file replaces the first: a new data set, a new data version.
		await s.load([file('again.csv', ORDERS)]);
		expect([s.phase, s.dataVersion, s.ordersReport?.file]).toEqual(['ready', 2, 'again.csv']);
	});

	it('stops at the mapping screen when day and month cannot be told apart; confirming builds', async () => {
		const { s } = session();
		await s.load([file('ambiguous.csv', AMBIGUOUS)]);
		expect(s.phase).toBe('mapping');
		expect(s.mapping?.dateFormat.ambiguous).toBe(true);
		expect([s.summary, s.dataVersion]).toEqual([null, 0]);
		// The person reads them as day/month: 1 February and 3 April.
		s.mapping!.dateFormat = { format: '%d/%m/%Y' };
		await s.confirmMapping();
		expect(s.phase).toBe('ready');
		expect(s.dataVersion).toBe(1);
		expect(s.summary).toMatchObject({
			tx_rows: 2,
			customers: 2,
			revenue: 3,
			first_date: '2024-02-01',
			last_date: '2024-04-03'
		});
		// The mapping stays one click away.
		s.editMapping();
		expect(s.phase).toBe('mapping');
	});

	it('adds a customers file beside the orders and lists its columns for the breakdown', async () => {
		const { s } = session();
		await s.load([file('orders.csv', ORDERS)]);
		await s.load([file('customers.csv', CUSTOMERS)], 'add');
		expect(s.phase).toBe('ready');
		expect(s.dataVersion).toBe(2);
		expect(s.ordersReport?.file).toBe('orders.csv');
		expect(s.customersReport?.file).toBe('customers.csv');
		expect(s.customersMapping?.roles).toEqual({
			customer_id: 'customer_id',
			gender: 'gender',
			region: 'region'
		});
		expect(s.customerColumns).toEqual([
			{ column: 'gender', label: 'gender', categorical: true },
			{ column: 'region', label: 'region', categorical: true }
		]);
		// 3 order lines + 2 customers rows; D, who never ordered, is a customer of the data set now.
		expect(s.rowsLoaded).toBe(5);
		const rows = await s.rows<{ customer_id: string }>(
			sql`SELECT customer_id FROM customers ORDER BY customer_id`
		);
		expect(rows.map((r) => r.customer_id)).toEqual(['A', 'D']);
	});

	it('a customers file alone waits for its orders file, which then joins it', async () => {
		const { s } = session();
		await s.load([file('customers.csv', CUSTOMERS)]);
		expect([s.phase, s.problem?.key]).toEqual(['empty', 'notice.customersOnly']);
		await s.load([file('orders.csv', ORDERS)]);
		expect(s.phase).toBe('ready');
		expect(s.customersReport?.file).toBe('customers.csv');
		expect(s.customerColumns.map((c) => c.column)).toEqual(['gender', 'region']);
	});

	it('an empty file is an error naming the file, with its problem key; dismissing it empties the page', async () => {
		const { s } = session();
		await s.load([{ name: 'empty.csv', data: new Uint8Array(0) }]);
		expect(s.phase).toBe('error');
		expect(s.problem).toMatchObject({ file: 'empty.csv', key: 'loadError.empty' });
		expect([s.ordersReport, s.summary, s.dataVersion]).toEqual([null, null, 0]);
		s.dismiss();
		expect([s.phase, s.problem]).toEqual(['empty', null]);
	});

	it('a bad file after a good one leaves the loaded data, and dismissing goes back to it', async () => {
		const { s } = session();
		await s.load([file('orders.csv', ORDERS)]);
		await s.load([{ name: 'empty.csv', data: new Uint8Array(0) }], 'add');
		expect([s.phase, s.problem?.key]).toEqual(['error', 'loadError.empty']);
		s.dismiss();
		expect([s.phase, s.summary?.tx_rows]).toEqual(['ready', 3]);
	});

	it('cancel during a load restarts the engine and leaves nothing half-loaded', async () => {
		const { s, engines } = session();
		const loading = s.load([file('orders.csv', ORDERS)]);
		expect(s.phase).toBe('loading');
		await s.cancel();
		await loading;
		expect(s.phase).toBe('empty');
		expect(s.problem?.key).toBe('error.cancelled');
		expect([s.ordersReport, s.summary, s.mapping, s.progress]).toEqual([null, null, null, null]);
		expect([engines.made.length, engines.made[0]?.killed, s.engineState]).toEqual([
			2,
			true,
			'ready'
		]);
		// The next file loads into the fresh engine.
		await s.load([file('orders.csv', ORDERS)]);
		expect([s.phase, s.summary?.tx_rows]).toEqual(['ready', 3]);
	});

	it('after the worker died, the next load restarts it and starts a new data set', async () => {
		const { s, engines } = session();
		await s.load([file('orders.csv', ORDERS)]);
		engines.made[0]!.crashed = true;
		// Meant as an addition, but the orders are gone with the worker: the customers file waits.
		await s.load([file('customers.csv', CUSTOMERS)], 'add');
		expect(engines.made.length).toBe(2);
		expect([s.phase, s.problem?.key, s.ordersReport]).toEqual([
			'empty',
			'notice.customersOnly',
			null
		]);
	});

	it('finds exact duplicate rows, and removing them (or keeping them again) rebuilds', async () => {
		const { s } = session();
		await s.load([file('orders.csv', DOUBLED)]);
		expect([s.summary?.tx_rows, s.summary?.revenue, s.checks]).toEqual([4, 45.5, 'pending']);
		await s.checkData();
		expect(s.checks).toBe('done');
		expect(s.warnings.find((w) => w.kind === 'duplicate')?.count).toBe(1);
		expect(s.duplicatesRemoved).toBe(0);
		await s.setRemoveDuplicates(true);
		// The second copy of line 2 (B, 5.00) is left out: ORDERS' figures again.
		expect([s.summary?.tx_rows, s.summary?.revenue, s.dataVersion]).toEqual([3, 40.5, 2]);
		expect([s.removeDuplicates, s.duplicatesRemoved, s.checks]).toEqual([true, 1, 'pending']);
		await s.setRemoveDuplicates(false);
		expect([s.summary?.tx_rows, s.dataVersion, s.duplicatesRemoved]).toEqual([4, 3, 0]);
		// The same choice again changes nothing.
		await s.setRemoveDuplicates(false);
		expect(s.dataVersion).toBe(3);
	});

	it('reads the orders file again in another encoding and stops at the mapping screen', async () => {
		const { s } = session();
		await s.load([file('zoë.csv', ORDERS.replaceAll(',A,', ',Zoë,'))]);
		expect(s.ordersReport?.encoding).toBe('utf-8');
		await s.checkData();
		await s.reloadOrders('windows-1252');
		expect(s.phase).toBe('mapping');
		expect(s.ordersReport?.encoding).toBe('windows-1252');
		// UTF-8's two bytes of ë read as windows-1252 are Ã and «.
		const ids = s.ordersReport?.columns.find((c) => c.name === 'customer_id');
		expect(ids?.samples).toContain('ZoÃ«');
		expect([s.summary, s.warnings, s.checks]).toEqual([null, [], 'idle']);
		await s.confirmMapping();
		expect([s.phase, s.summary?.customers, s.dataVersion]).toEqual(['ready', 2, 2]);
	});

	it('applies a mapping from a notebook only when its columns are the loaded file’s', async () => {
		const { s } = session();
		await s.load([file('orders.csv', ORDERS)]);
		const m = s.mapping!;
		const formats = { dateFormat: m.dateFormat, numberFormat: m.numberFormat };
		await s.applyMapping({ roles: { ...m.roles, amount: 'price' }, ...formats }, 'exclude');
		expect([s.dataVersion, s.returns, s.mapping?.roles.amount]).toEqual([1, 'net', 'amount']);
		// Without the order id every line is an order of its own: still 3 here, on the same figures.
		const roles = { customer_id: 'customer_id', order_date: 'order_date', amount: 'amount' };
		await s.applyMapping({ roles, ...formats }, 'exclude');
		expect([s.dataVersion, s.returns, s.mapping?.roles.order_id]).toEqual([
			2,
			'exclude',
			undefined
		]);
		expect(s.mapping?.dimensions.map((d) => d.source)).toEqual(
			s.detection?.dimensions.filter((d) => d.source !== 'order_id').map((d) => d.source)
		);
		expect(s.summary).toMatchObject({ orders: 3, revenue: 40.5 });
	});
});
