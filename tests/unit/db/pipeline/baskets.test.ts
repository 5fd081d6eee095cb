// Basket files through the load path (loadDataSet on the Node engine): the wide form (one basket a
// line, groceries.csv), the long form (transaction id + item), and files never taken for baskets.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { datasetPath, datasetPresent } from '../../../helpers/datasets';
import type { Engine } from '../../../../src/db/engine';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { file, ORDERS } from './fixtures';

let db: Engine;
beforeEach(async () => {
	db = await createNodeEngine();
});

const basketRows = () =>
	db.query<{ basket_id: number; item: string }>(
		'SELECT basket_id, item FROM baskets ORDER BY basket_id, item'
	);

/** Six baskets drawn from five items, ragged, no header; line 4 lists milk twice. */
const WIDE = `milk,bread,eggs
bread
milk,butter , jam,bread
milk,milk

eggs,bread
jam,butter,milk,eggs
`;

describe('wide basket files', () => {
	it('one basket a line becomes baskets(basket_id, item), an item once per basket, trimmed', async () => {
		const set = await loadDataSet(db, [file('b.csv', WIDE)]);
		expect(set.files.map((f) => [f.kind, f.report.table, f.report.rowsLoaded])).toEqual([
			['baskets', 'baskets', 6]
		]);
		expect(set.files[0]!.report.rowsRejected).toBe(0);
		expect(set.next).toBe('baskets-only');
		expect(set.baskets).toMatchObject({ baskets: 6, items: 5, itemRows: 15 });
		expect(set.baskets!.sizes).toEqual([
			{ size: 1, baskets: 2 },
			{ size: 2, baskets: 1 },
			{ size: 3, baskets: 1 },
			{ size: 4, baskets: 2 }
		]);
		expect(set.baskets!.topItems.slice(0, 2)).toEqual([
			{ item: 'bread', baskets: 4 },
			{ item: 'milk', baskets: 4 }
		]);
		// Line 3's " jam" and "butter " are jam and butter; line 4 is one basket of milk.
		expect((await basketRows()).filter((r) => r.basket_id === 3 || r.basket_id === 4)).toEqual([
			{ basket_id: 3, item: 'bread' },
			{ basket_id: 3, item: 'butter' },
			{ basket_id: 3, item: 'jam' },
			{ basket_id: 3, item: 'milk' },
			{ basket_id: 4, item: 'milk' }
		]);
		const [types] = await db.query<{ t: string }>(
			`SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS t
			FROM information_schema.columns WHERE table_name = 'baskets'`
		);
		expect(types!.t).toBe('basket_id INTEGER, item VARCHAR');
	});

	it('a basket file beside an orders file loads both', async () => {
		const set = await loadDataSet(db, [file('o.csv', ORDERS), file('b.csv', WIDE)]);
		expect(set.files.map((f) => f.kind)).toEqual(['orders', 'baskets']);
		expect(set.next).toBe('build');
		expect(set.summary?.tx_rows).toBe(6);
		expect(set.baskets?.baskets).toBe(6);
	});

	const GROCERIES = datasetPath('groceries/groceries.csv');
	it.skipIf(!datasetPresent(GROCERIES))(
		'groceries.csv: 9,835 baskets of 169 items, with arules’ published item counts and sizes',
		async () => {
			const data = new Uint8Array(readFileSync(GROCERIES));
			const set = await loadDataSet(db, [{ name: 'groceries.csv', data }]);
			const [f] = set.files;
			expect([f!.kind, f!.report.dataRows, f!.report.rowsLoaded, f!.report.rowsRejected]).toEqual([
				'baskets',
				9835,
				9835,
				0
			]);
			expect(set.next).toBe('baskets-only');
			const b = set.baskets!;
			expect([b.baskets, b.items]).toEqual([9835, 169]);
			expect(b.topItems.slice(0, 5)).toEqual([
				{ item: 'whole milk', baskets: 2513 },
				{ item: 'other vegetables', baskets: 1903 },
				{ item: 'rolls/buns', baskets: 1809 },
				{ item: 'soda', baskets: 1715 },
				{ item: 'yogurt', baskets: 1372 }
			]);
			expect(b.sizes.slice(0, 5)).toEqual([
				{ size: 1, baskets: 2159 },
				{ size: 2, baskets: 1643 },
				{ size: 3, baskets: 1299 },
				{ size: 4, baskets: 1005 },
				{ size: 5, baskets: 855 }
			]);
			expect(b.sizes.at(-1)!.size).toBe(32);
			// Mean basket size 4.4095 (arules' summary): 43,367 item rows.
			expect(b.itemRows).toBe(43367);
			// The first basket, in file order; "cream cheese " is kept without its trailing space.
			expect((await basketRows()).filter((r) => r.basket_id === 1).map((r) => r.item)).toEqual([
				'citrus fruit',
				'margarine',
				'ready soups',
				'semi-finished bread'
			]);
			const [cc] = await db.query<{ n: number }>(
				`SELECT count(*)::INTEGER AS n FROM baskets WHERE item = 'cream cheese'`
			);
			expect(cc!.n).toBe(390);
		},
		60_000
	);

	it('a GBK basket file of Chinese item names is transcoded and split like any other', async () => {
		const text = '牛奶,面包\n面包\n牛奶,果酱,鸡蛋\n果酱\n鸡蛋,牛奶\n面包,牛奶\n';
		const gbk = new Uint8Array(iconvGbk(text));
		const set = await loadDataSet(db, [{ name: '篮子.csv', data: gbk }]);
		expect([set.files[0]!.kind, set.files[0]!.report.encoding]).toEqual(['baskets', 'gb18030']);
		expect(set.baskets).toMatchObject({ baskets: 6, items: 4 });
		expect(set.baskets!.topItems[0]).toEqual({ item: '牛奶', baskets: 4 });
	});
});

describe('long-form basket files', () => {
	it('tx_id,item loads as baskets numbered by first appearance', async () => {
		const text = 'tx_id,item\nT9,milk\nT9,bread\nT2,milk\nT9,milk\nT5,eggs\n,jam\nT5,\n';
		const set = await loadDataSet(db, [file('long.csv', text)]);
		expect(set.files.map((f) => [f.kind, f.basketless])).toEqual([['baskets', 2]]);
		expect(set.baskets).toMatchObject({ baskets: 3, items: 3, itemRows: 4 });
		expect(await basketRows()).toEqual([
			{ basket_id: 1, item: 'bread' },
			{ basket_id: 1, item: 'milk' },
			{ basket_id: 2, item: 'milk' },
			{ basket_id: 3, item: 'eggs' }
		]);
	});
});

describe('files never taken for baskets', () => {
	it('a file with dates and amounts is orders, even ragged and without a header', async () => {
		const text = [
			'A,2024-01-05,10.00',
			'B,2024-01-06,12.50,extra',
			'A,2024-02-01,3.00',
			'C,2024-02-03,7.25',
			'B,2024-03-01,9.90,x,y',
			'C,2024-03-09,1.10'
		].join('\n');
		const set = await loadDataSet(db, [file('h.csv', text)]);
		expect(set.files[0]!.kind).not.toBe('baskets');
		expect(set.baskets).toBeNull();
	});

	it('a table of text with a header and a few wider lines stays a table', async () => {
		const rows = ['name,colour,size'];
		for (let i = 0; i < 20; i++) rows.push(`mug ${i % 4},red,small`);
		rows[5] += ',oops';
		const set = await loadDataSet(db, [file('t.csv', rows.join('\n'))]);
		expect(set.files[0]!.kind).not.toBe('baskets');
		// Read as a table: the wider line is rejected with its number.
		expect(set.files[0]!.report.rowsRejected).toBe(1);
		expect(set.files[0]!.report.rejects[0]!.line).toBe(6);
		expect(set.baskets).toBeNull();
	});
});

/** `text` encoded in GBK (Node's TextDecoder decodes GBK but has no encoder: a table of the few characters used). */
function iconvGbk(text: string): number[] {
	const table: Record<string, number[]> = {};
	const decoder = new TextDecoder('gbk');
	for (let hi = 0xb0; hi <= 0xf7; hi++) {
		for (let lo = 0xa1; lo <= 0xfe; lo++)
			table[decoder.decode(new Uint8Array([hi, lo]))] ??= [hi, lo];
	}
	return [...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table[ch]!));
}
