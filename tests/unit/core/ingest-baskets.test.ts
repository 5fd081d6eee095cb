// Basket-file detection (src/core/ingest/baskets.ts): the wide form from the decoded start of a
// file, the long form from a loaded file's columns.
import { describe, expect, it } from 'vitest';
import { detectBasketLayout, detectLongBaskets } from '../../../src/core/ingest/baskets';
import type { ColumnProfile } from '../../../src/core/types';

const GROCERIES_HEAD = `citrus fruit,semi-finished bread,margarine,ready soups
tropical fruit,yogurt,coffee
whole milk
pip fruit,yogurt,cream cheese ,meat spreads
other vegetables,whole milk,condensed milk,long life bakery product
whole milk,butter,yogurt,rice,abrasive cleaner
rolls/buns
other vegetables,UHT-milk,rolls/buns,bottled beer,liquor (appetizer)
pot plants
whole milk,cereals
tropical fruit,other vegetables,white bread,bottled water,chocolate
citrus fruit,tropical fruit,whole milk,butter,curd,yogurt,flour,bottled water,dishes
beef
frankfurter,rolls/buns,soda
chicken,tropical fruit
butter,sugar,fruit/vegetable juice,newspapers
fruit/vegetable juice
packaged fruit/vegetables
chocolate
specialty bar
other vegetables
butter milk,pastry
whole milk
tropical fruit,cream cheese ,processed cheese,detergent,newspapers
`;

describe('detectBasketLayout', () => {
	it('takes groceries.csv’s first lines (ragged item names, no header) for a basket file', () => {
		expect(detectBasketLayout(GROCERIES_HEAD, true)).toEqual({ delimiter: ',' });
		// A cut prefix: its last line is not looked at.
		expect(detectBasketLayout(`${GROCERIES_HEAD}whole mi`, false)).toEqual({ delimiter: ',' });
	});

	it('takes semicolon baskets and one item a line (items repeating) too', () => {
		expect(detectBasketLayout(GROCERIES_HEAD.replaceAll(',', ';'), true)).toEqual({
			delimiter: ';'
		});
		const one = 'milk\nbread\nmilk\neggs\nbread\nmilk\njam\nmilk\n';
		expect(detectBasketLayout(one, true)).toEqual({ delimiter: ',' });
	});

	it('never takes a file with dates or amounts, even ragged', () => {
		const orders =
			'A,2024-01-05,10.00\nB,2024-01-06,12.50,x\nA,2024-02-01\nC,2024-02-03,7.25,y,z\nB,2024-03-01\n';
		expect(detectBasketLayout(orders, true)).toBeNull();
		const amounts = 'milk,1.20\nbread,2.00,eggs\nmilk\neggs,3.10,jam,1\nbread,milk\nmilk\n';
		expect(detectBasketLayout(amounts, true)).toBeNull();
	});

	it('leaves a table whose lines mostly share one width (a few with extra fields) to the table reader', () => {
		const lines = ['alpha,red,small'];
		for (let i = 0; i < 20; i++) lines.push(`mug ${i % 3},red,small`);
		lines[4] += ',extra';
		lines[9] += ',extra,more';
		expect(detectBasketLayout(lines.join('\n'), true)).toBeNull();
	});

	it('leaves lists of unique names, header lines, quoted cells and short samples alone', () => {
		const names = Array.from({ length: 20 }, (_, i) => `person ${i}`).join('\n');
		expect(detectBasketLayout(names, true)).toBeNull();
		expect(detectBasketLayout(`item,item2\n${GROCERIES_HEAD}`, true)).toBeNull();
		expect(detectBasketLayout(GROCERIES_HEAD.replace('beef', '"beef"'), true)).toBeNull();
		expect(detectBasketLayout('milk,bread\nmilk\nbread\n', true)).toBeNull();
	});
});

const col = (name: string, kind: ColumnProfile['kind'] = 'text'): ColumnProfile => ({
	name,
	kind,
	counted: true,
	nulls: 0,
	distinct: 3,
	samples: ['a', 'b']
});

describe('detectLongBaskets', () => {
	it('finds a transaction id and an item column by name, in either order, in both languages', () => {
		expect(detectLongBaskets([col('tx_id'), col('item')])).toEqual({
			basket: 'tx_id',
			item: 'item'
		});
		expect(detectLongBaskets([col('Product'), col('Transaction', 'integer')])).toEqual({
			basket: 'Transaction',
			item: 'Product'
		});
		expect(detectLongBaskets([col('订单号'), col('商品名称')])).toEqual({
			basket: '订单号',
			item: '商品名称'
		});
	});

	it('needs exactly those two columns, without dates or amounts', () => {
		expect(detectLongBaskets([col('tx_id'), col('item'), col('price', 'decimal')])).toBeNull();
		expect(detectLongBaskets([col('tx_id'), col('date', 'date')])).toBeNull();
		expect(detectLongBaskets([col('customer_id'), col('item')])).toBeNull();
		expect(detectLongBaskets([col('column_1'), col('column_2')])).toBeNull();
	});
});
