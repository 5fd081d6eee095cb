// The Session's files and their kinds (issue 15 part A): the list with reasons, changing a file's
// kind, Cancel on the mapping screen, a refusal that says what was found, and the sheet picker —
// on a Node engine standing in for the page's worker.
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/state/session.svelte';
import type { SessionEngine, SessionEngineSource } from '../../../src/state/session-engine';
import type { LoadInput } from '../../../src/core/ingest/types';
import { createNodeEngine } from '../../helpers/node-engine';
import { xlsx } from '../../helpers/xlsx-writer.mjs';

vi.mock('../../../src/db/engine-instance', () => {
	const refuse = () => Promise.reject(new Error('the page engine is not used in these tests'));
	return { getEngine: refuse, restartEngine: refuse, pageMemoryLimit: () => '1GB' };
});

const file = (name: string, text: string): LoadInput => ({
	name,
	data: new TextEncoder().encode(text)
});

/** A buys twice (20.00, 15.50), B once (5.00): 2 customers, revenue 40.50. */
const ORDERS = `order_id,order_date,customer_id,amount
1,2024-02-01,A,20.00
2,2024-02-15,B,5.00
3,2024-03-10,A,15.50
`;
const CUSTOMERS = 'customer_id,gender,region\nA,F,North\nD,M,South\n';
/** Headers no synonym knows: Ann twice (10.50, 7.25), Bob once (20): revenue 37.75. */
const WHO = 'who,when,paid\nAnn,2024-01-02,10.5\nBob,2024-02-03,20\nAnn,2024-03-01,7.25\n';

/** A session on one Node engine (no restarts in these tests). */
function session(): Session {
	const engine = createNodeEngine().then((node) => {
		let database = 'memory';
		return Object.assign(node, {
			crashed: false,
			defaultDatabase: 'memory',
			get database() {
				return database;
			},
			async useDatabase(name: string) {
				await node.exec(`USE ${name}`);
				database = name;
			},
			warmUp: async () => ({ state: 'stopped' as const })
		}) as unknown as SessionEngine;
	});
	const source: SessionEngineSource = {
		get: () => engine,
		restart: () => engine,
		memoryLimit: () => '1GB'
	};
	return new Session(source);
}

const kinds = (s: Session) => s.files.map((f) => [f.input.name, f.kind, f.reason]);

describe('Session: files and their kinds', () => {
	it('an unrecognised file opens the mapping screen with its roles guessed; one confirmation builds', async () => {
		const s = session();
		await s.load([file('who.csv', WHO)]);
		expect([s.phase, s.problem]).toEqual(['mapping', null]);
		expect(kinds(s)).toEqual([['who.csv', 'orders', 'guessed']]);
		expect(s.notices).toEqual([]);
		await s.confirmMapping();
		expect([s.phase, s.summary?.customers, s.summary?.revenue]).toEqual(['ready', 2, 37.75]);
	});

	it('lists every file with its kind and reason; a file added later is listed after them', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS), file('notes.csv', 'note\nhi\n')]);
		expect(kinds(s)).toEqual([
			['orders.csv', 'orders', 'dates-amounts'],
			['notes.csv', 'unused', 'one-column']
		]);
		await s.load([file('people.csv', CUSTOMERS)], 'add');
		expect(kinds(s)?.at(-1)).toEqual(['people.csv', 'customers', 'id-attributes']);
	});

	it('making an unused file the orders file reads it again and opens the mapping screen', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS), file('who.csv', WHO)]);
		expect(s.phase).toBe('ready');
		await s.setFileKind(1, 'orders');
		expect(s.phase).toBe('mapping');
		expect(kinds(s)).toEqual([
			['orders.csv', 'unused', 'replaced'],
			['who.csv', 'orders', 'chosen']
		]);
		expect([s.ordersReport?.file, s.mapping?.roles.amount]).toEqual(['who.csv', 'paid']);
		await s.confirmMapping();
		expect(s.summary?.revenue).toBe(37.75);
	});

	it('making the orders file not used empties the page and says why', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS)]);
		await s.setFileKind(0, 'unused');
		expect([s.phase, s.ordersReport, s.summary, s.rowsLoaded]).toEqual(['empty', null, null, 0]);
		expect(s.problem).toMatchObject({ file: 'orders.csv', key: 'notice.noOrdersFile' });
		expect(kinds(s)).toEqual([['orders.csv', 'unused', 'chosen']]);
		// And back: the file is read again.
		await s.setFileKind(0, 'orders');
		expect([s.phase, s.ordersReport?.rowsLoaded]).toEqual(['mapping', 3]);
	});

	it('a customers file alone can be made the orders file (open-mapping on the waiting page)', async () => {
		const s = session();
		await s.load([file('people.csv', CUSTOMERS)]);
		expect(s.phase).toBe('empty');
		await s.setFileKind(0, 'orders');
		expect([s.phase, s.customersReport, s.ordersReport?.file]).toEqual([
			'mapping',
			null,
			'people.csv'
		]);
	});

	it('a one-column file: the refusal names the column and the file', async () => {
		const s = session();
		await s.load([file('notes.csv', 'note\nhi\nthere\n')]);
		expect(s.phase).toBe('error');
		expect(s.problem).toMatchObject({
			file: 'notes.csv',
			key: 'error.noOrdersOneColumn',
			params: { column: 'note' }
		});
	});
});

describe('Session: Cancel on the mapping screen', () => {
	it('after "Change column mapping", keeps the mapping and results as built', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS)]);
		const version = s.dataVersion;
		s.editMapping();
		s.mapping!.roles.customer_id = 'order_id';
		s.cancelMapping();
		expect([s.phase, s.mapping?.roles.customer_id, s.dataVersion]).toEqual([
			'ready',
			'customer_id',
			version
		]);
		expect(s.summary?.revenue).toBe(40.5);
	});

	it('on a first load, goes back to the empty page and says the file was not used', async () => {
		const s = session();
		await s.load([file('who.csv', WHO)]);
		s.cancelMapping();
		expect([s.phase, s.ordersReport, s.files]).toEqual(['empty', null, []]);
		expect(s.problem).toMatchObject({ file: 'who.csv', key: 'notice.mappingCancelled' });
	});

	it('when a new orders file replaced the built one, goes back to the empty page', async () => {
		const s = session();
		await s.load([file('orders.csv', ORDERS)]);
		await s.setFileKind(0, 'unused');
		await s.setFileKind(0, 'orders');
		s.cancelMapping();
		expect(s.phase).toBe('empty');
	});
});

describe('Session: the sheet picker', () => {
	it('lists a workbook’s sheets with data and reads the chosen one', async () => {
		const book = xlsx([
			{
				name: 'Notes',
				rows: [
					['customer_id', 'order_date', 'amount'],
					['A', '2024-01-01', 1]
				]
			},
			{
				name: 'Orders',
				rows: [
					['customer_id', 'order_date', 'amount'],
					['A', '2024-01-01', 2],
					['B', '2024-01-02', 3]
				]
			}
		]);
		const s = session();
		await s.load([{ name: 'book.xlsx', data: book }]);
		expect(s.sheets).toEqual(['Notes', 'Orders']);
		expect(s.ordersReport?.rowsLoaded).toBe(1);
		await s.chooseSheet('Orders');
		expect([s.phase, s.ordersReport?.rowsLoaded, s.ordersReport?.container?.sheet]).toEqual([
			'mapping',
			2,
			'Orders'
		]);
		// The list stays whole (the reader names only the sheets after the one read).
		expect(s.sheets).toEqual(['Notes', 'Orders']);
		await s.confirmMapping();
		expect(s.summary?.revenue).toBe(5);
	});
});
