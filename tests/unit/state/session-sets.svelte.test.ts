// The Session with an appended set of files (issue 15): reading the set again — another encoding
// on the mapping screen, another sheet of one of its workbooks, one of its files given another
// kind — reads every file of the set again, appended as the first load appended them, so no
// file's rows disappear. On a Node engine standing in for the page's worker.
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/state/session.svelte';
import type { SessionEngine, SessionEngineSource } from '../../../src/state/session-engine';
import type { LoadInput } from '../../../src/core/ingest/types';
import { sql } from '../../../src/core/sql';
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

/** A Node engine with the browser engine's choice of database, and the session on it. */
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

const HEADER = 'order_id,order_date,customer_id,amount\n';
/** Three lines: A 20.00 + 15.50, B 5.00 (40.50). */
const JAN = `${HEADER}1,2024-01-01,A,20.00\n2,2024-01-15,B,5.00\n3,2024-01-20,A,15.50\n`;
/** Two lines: C 7.50, A 2.00 (9.50). */
const FEB = `${HEADER}4,2024-02-01,C,7.50\n5,2024-02-10,A,2.00\n`;
/** One line: D 1.25. */
const MAR = `${HEADER}6,2024-03-03,D,1.25\n`;

/** Each file of the orders set with its rows and the row its numbering starts after. */
const parts = (s: Session) =>
	(s.ordersReport?.parts ?? []).map((p) => [p.report.file, p.report.rowsLoaded, p.rowOffset]);

/** The raw orders table's rows by source file. */
async function sourceRows(s: Session): Promise<[string, number][]> {
	const rows = await s.rows<{ f: string; n: number }>(
		sql`SELECT source_file AS f, count(*)::INTEGER AS n FROM raw_orders GROUP BY 1 ORDER BY 1`
	);
	return rows.map((r) => [r.f, r.n]);
}

describe('Session: reading an appended set again', () => {
	it("choosing another encoding for a set of two files keeps both files' rows", async () => {
		const s = session();
		await s.load([file('jan.csv', JAN), file('feb.csv', FEB)]);
		expect([s.phase, s.rowsLoaded]).toEqual(['ready', 5]);
		await s.reloadOrders('windows-1252');
		expect(s.phase).toBe('mapping');
		expect(s.ordersReport?.rowsLoaded).toBe(5);
		expect(parts(s)).toEqual([
			['jan.csv', 3, 0],
			['feb.csv', 2, 3]
		]);
		// The choice applies to each file of the set.
		expect(s.ordersReport?.parts?.map((p) => p.report.encoding)).toEqual([
			'windows-1252',
			'windows-1252'
		]);
		expect(await sourceRows(s)).toEqual([
			['feb.csv', 2],
			['jan.csv', 3]
		]);
		await s.confirmMapping();
		expect(s.summary).toMatchObject({ tx_rows: 5, customers: 3, revenue: 50 });
	});

	it('a file whose columns no longer fit once read in the chosen encoding is said apart, not dropped', async () => {
		// The same header, saved in UTF-8 by one export and in Windows-1252 by the other: each is
		// detected on its own at first; read both as Windows-1252, the first one's header changes.
		const head = 'order_id,order_date,customer_id,amount,catégorie\n';
		const utf8 = file('jan.csv', `${head}1,2024-01-01,A,20.00,x\n`);
		const latin = `${head}2,2024-02-01,B,5.00,y\n`;
		const feb = { name: 'feb.csv', data: Uint8Array.from(latin, (c) => c.charCodeAt(0)) };
		const s = session();
		await s.load([utf8, feb]);
		expect(s.ordersReport?.rowsLoaded).toBe(2);
		await s.reloadOrders('windows-1252');
		expect([s.ordersReport?.file, s.ordersReport?.rowsLoaded]).toEqual(['jan.csv', 1]);
		expect(s.files.map((f) => [f.input.name, f.kind, f.reason])).toEqual([
			['jan.csv', 'orders', 'dates-amounts'],
			['feb.csv', 'unused', 'differ']
		]);
		expect(s.differing.map((f) => [f.input.name, f.differ?.missing, f.differ?.extra])).toEqual([
			['feb.csv', ['catÃ©gorie'], ['catégorie']]
		]);
	});

	it('an encoding choice stays when a sheet is chosen afterwards', async () => {
		const book = xlsx([
			{
				name: 'Old',
				rows: [
					['order_id', 'order_date', 'customer_id', 'amount'],
					[9, '2023-01-01', 'Z', 1]
				]
			},
			{
				name: 'New',
				rows: [
					['order_id', 'order_date', 'customer_id', 'amount'],
					[7, '2024-04-01', 'E', 3]
				]
			}
		]);
		const s = session();
		await s.load([file('jan.csv', JAN), { name: 'book.xlsx', data: book }]);
		await s.reloadOrders('windows-1252');
		await s.chooseSheet('New');
		expect(s.ordersReport?.parts?.[0]?.report.encoding).toBe('windows-1252');
		expect(parts(s)).toEqual([
			['jan.csv', 3, 0],
			['book.xlsx', 1, 3]
		]);
		expect(s.ordersReport?.parts?.[1]?.report.container?.sheet).toBe('New');
	});

	it("choosing a sheet of the set's second workbook keeps the first file's rows and the other workbook's sheet", async () => {
		const cols = ['order_id', 'order_date', 'customer_id', 'amount'];
		const first = xlsx([
			{ name: 'Notes', rows: [cols, [1, '2024-01-01', 'A', 1]] },
			{ name: 'Orders', rows: [cols, [2, '2024-01-02', 'A', 2], [3, '2024-01-03', 'B', 3]] }
		]);
		const second = xlsx([
			{ name: 'Draft', rows: [cols, [4, '2024-02-01', 'C', 4]] },
			{ name: 'Final', rows: [cols, [5, '2024-02-02', 'C', 5], [6, '2024-02-03', 'D', 6]] }
		]);
		const s = session();
		await s.load([
			{ name: 'one.xlsx', data: first },
			{ name: 'two.xlsx', data: second }
		]);
		expect(parts(s)).toEqual([
			['one.xlsx', 1, 0],
			['two.xlsx', 1, 1]
		]);
		expect(s.workbooks.map((w) => [w.file, w.sheet, w.sheets])).toEqual([
			['one.xlsx', 'Notes', ['Notes', 'Orders']],
			['two.xlsx', 'Draft', ['Draft', 'Final']]
		]);
		await s.chooseSheet('Final', 1);
		expect(parts(s)).toEqual([
			['one.xlsx', 1, 0],
			['two.xlsx', 2, 1]
		]);
		expect(s.ordersReport?.rowsLoaded).toBe(3);
		// Each workbook keeps its own sheet; the lists stay whole.
		expect(s.workbooks.map((w) => [w.file, w.sheet, w.sheets])).toEqual([
			['one.xlsx', 'Notes', ['Notes', 'Orders']],
			['two.xlsx', 'Final', ['Draft', 'Final']]
		]);
		await s.confirmMapping();
		expect(s.summary?.revenue).toBe(12);
	});

	it("making one file of a set of three not used keeps the other two files' rows", async () => {
		const s = session();
		await s.load([file('jan.csv', JAN), file('feb.csv', FEB), file('mar.csv', MAR)]);
		expect(s.rowsLoaded).toBe(6);
		await s.setFileKind(1, 'unused');
		expect(s.files.map((f) => [f.input.name, f.kind])).toEqual([
			['jan.csv', 'orders'],
			['feb.csv', 'unused'],
			['mar.csv', 'orders']
		]);
		expect(parts(s)).toEqual([
			['jan.csv', 3, 0],
			['mar.csv', 1, 3]
		]);
		expect(s.phase).toBe('mapping');
		await s.confirmMapping();
		expect(s.summary).toMatchObject({ tx_rows: 4, revenue: 41.75 });
		// And back: it joins the set again, not in place of it.
		await s.setFileKind(1, 'orders');
		expect(s.ordersReport?.rowsLoaded).toBe(6);
	});

	it("making the set's first file the customers file keeps the other files as the orders set", async () => {
		const s = session();
		await s.load([file('jan.csv', JAN), file('feb.csv', FEB), file('mar.csv', MAR)]);
		await s.setFileKind(0, 'customers');
		expect(parts(s)).toEqual([
			['feb.csv', 2, 0],
			['mar.csv', 1, 2]
		]);
		expect(s.ordersInput?.name).toBe('feb.csv');
		expect(s.customersReport?.file).toBe('jan.csv');
		expect(await sourceRows(s)).toEqual([
			['feb.csv', 2],
			['mar.csv', 1]
		]);
	});
});
