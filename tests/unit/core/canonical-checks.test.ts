// Issue 13, items 5, 6 and 8: rows the canonical build must set aside with a reason instead of
// loading them wrongly — placeholder dates (9999-12-31 broke every analysis), numbers written in
// the other format (read as 1.23456 or 100050), amounts whose sum overflows (revenue ∞) — and
// customer ids of only invisible characters (counted as customers).
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { buildLoadSummaryQuery, buildOrdersStatements } from '../../../src/core/canonical';
import {
	buildTypingRejectsQuery,
	formatRejectMessage,
	typingRejectMessage,
	type TypingReject
} from '../../../src/core/rejects';
import type { OrdersMapping } from '../../../src/core/types';
import { en } from '../../../src/i18n/messages.en';
import { zh } from '../../../src/i18n/messages.zh';
import { translator } from '../../helpers/translate';

/** The formats the messages are worded with (the mapping's). */
const FORMATS = { dateFormat: { format: '%Y-%m-%d' }, numberFormat: { decimal: '.' } } as const;
const ISO = { ...FORMATS, dateFormat: { format: 'iso' } };

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

/** Raw table `raw` from [customer, date, amount] rows, built into the canonical tables. */
async function load(
	rows: [string | null, string, string][],
	extra: Partial<OrdersMapping> = {},
	cols = 'c, d, a'
) {
	const values = rows
		.map(
			(r, i) =>
				`(${i + 1}, ${r.map((v) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`)).join(', ')})`
		)
		.join(',\n');
	await db.exec(
		`CREATE OR REPLACE TABLE raw AS SELECT * FROM (VALUES ${values}) t(__row, ${cols})`
	);
	const m: OrdersMapping = {
		table: 'raw',
		roles: { customer_id: 'c', order_date: 'd', amount: 'a' },
		dateFormat: { format: '%Y-%m-%d' },
		numberFormat: { decimal: '.' },
		dimensions: [],
		...extra
	};
	for (const s of buildOrdersStatements(m, { returns: 'net' })) await db.exec(s);
	const [summary] = await db.query<Record<string, number | string | null>>(buildLoadSummaryQuery());
	const rejects = await db.query<TypingReject>(buildTypingRejectsQuery());
	return { summary: summary!, rejects };
}

describe('order dates outside 1900-01-01 – 2200-12-31 are set aside', () => {
	it('9999-12-31, 0001-01-01 and 1899-12-30 go to tx_rejects; the edges and 2099 stay', async () => {
		const { summary, rejects } = await load([
			['C1', '2024-01-05', '10'],
			['C2', '9999-12-31', '20'],
			['C3', '0001-01-01', '30'],
			['C4', '1899-12-30', '40'],
			['C5', '1900-01-01', '1'],
			['C6', '2200-12-31 23:59:59', '2'],
			['C7', '2099-12-31', '3'],
			['C8', '2201-01-01', '4']
		]);
		expect(summary.tx_rows).toBe(4);
		expect(summary.revenue).toBe(16);
		expect([summary.first_date, summary.last_date, summary.as_of]).toEqual([
			'1900-01-01',
			'2200-12-31',
			'2201-01-01'
		]);
		expect(rejects.map((r) => [r.row, r.reason])).toEqual([
			[2, "order_date: '9999-12-31' is outside the accepted dates 1900-01-01 to 2200-12-31"],
			[3, "order_date: '0001-01-01' is outside the accepted dates 1900-01-01 to 2200-12-31"],
			[4, "order_date: '1899-12-30' is outside the accepted dates 1900-01-01 to 2200-12-31"],
			[8, "order_date: '2201-01-01' is outside the accepted dates 1900-01-01 to 2200-12-31"]
		]);
		const m = typingRejectMessage('orders.csv', rejects[0]!, FORMATS);
		expect(formatRejectMessage(m, translator(en))).toBe(
			'orders.csv data row 2, column d: expected a date from 1900-01-01 to 2200-12-31: dates outside these years (such as 9999-12-31) are placeholders, not orders, got “9999-12-31”'
		);
		expect(formatRejectMessage(m, translator(zh))).toContain('1900-01-01 至 2200-12-31');
	});
});

describe('numbers that do not match the file’s format are set aside, not misread', () => {
	it('with a decimal point: "1.234,56" and "1 000,50" are set aside with an example', async () => {
		const { summary, rejects } = await load([
			['C1', '2024-01-05', '1,234.50'],
			['C2', '2024-01-06', '1.234,56'],
			['C3', '2024-01-07', '1 000,50'],
			['C4', '2024-01-08', 'two']
		]);
		expect(summary.tx_rows).toBe(1);
		expect(summary.revenue).toBe(1234.5);
		expect(rejects.map((r) => r.reason)).toEqual([
			"amount: '1.234,56' does not match the number format (decimal point) — expected e.g. 1,234.56",
			"amount: '1 000,50' does not match the number format (decimal point) — expected e.g. 1,234.56",
			"amount: 'two' is not a number"
		]);
		const m = typingRejectMessage('orders.csv', rejects[0]!, FORMATS);
		expect(m.reason).toEqual({ code: 'number-format', example: '1,234.56' });
		expect(formatRejectMessage(m, translator(en))).toBe(
			'orders.csv data row 2, column a: expected a number written like 1,234.56, as the rest of the file is (if the file uses the other decimal mark, change it on the mapping screen), got “1.234,56”'
		);
		expect(formatRejectMessage(m, translator(zh))).toContain('例如 1,234.56');
	});

	it('with a decimal comma: "1 000,50" is 1000.50 and "12.5" is set aside', async () => {
		const { summary, rejects } = await load(
			[
				['C1', '2024-01-05', '1 000,50'],
				['C2', '2024-01-06', '12.5'],
				['C3', '2024-01-07', "1'000,25 €"]
			],
			{ numberFormat: { decimal: ',' } }
		);
		expect(summary.revenue).toBe(2000.75);
		expect(rejects.map((r) => r.reason)).toEqual([
			"amount: '12.5' does not match the number format (decimal comma) — expected e.g. 1.234,56"
		]);
	});
});

describe('amounts too large to add up are set aside (|value| ≥ 1e15)', () => {
	it('two 1e308 amounts: revenue stays finite, both rows are reported', async () => {
		const { summary, rejects } = await load([
			['C1', '2024-01-05', '10'],
			['C2', '2024-01-06', '1e308'],
			['C3', '2024-01-07', '-1e308'],
			['C4', '2024-01-08', '1e400'],
			['C5', '2024-01-09', '999999999999999'],
			['C6', '2024-01-10', 'inf'],
			['C7', '2024-01-11', 'NaN']
		]);
		expect(summary.revenue).toBe(10 + 999_999_999_999_999);
		expect(Number.isFinite(summary.revenue)).toBe(true);
		expect(rejects.map((r) => [r.row, r.reason])).toEqual([
			[2, "amount: '1e308' is too large (the limit is 1e15 in absolute value)"],
			[3, "amount: '-1e308' is too large (the limit is 1e15 in absolute value)"],
			[4, "amount: '1e400' is too large (the limit is 1e15 in absolute value)"],
			[6, "amount: 'inf' is not a number"],
			[7, "amount: 'NaN' is not a number"]
		]);
		const m = typingRejectMessage('orders.csv', rejects[0]!, ISO);
		expect(formatRejectMessage(m, translator(en), (n) => n.toLocaleString('en-US'))).toBe(
			'orders.csv data row 2, column a: expected an amount below 1,000,000,000,000,000 in absolute value: larger values are errors or placeholders and would overflow the totals, got “1e308”'
		);
	});

	it('quantity × unit price beyond the limit is set aside too', async () => {
		await db.exec(`CREATE OR REPLACE TABLE raw AS SELECT * FROM (VALUES
			(1, 'C1', '2024-01-05', '2', '5'),
			(2, 'C2', '2024-01-06', '1e10', '1e10'),
			(3, 'C3', '2024-01-07', '1e200', '1e200')
		) t(__row, c, d, q, p)`);
		const m: OrdersMapping = {
			table: 'raw',
			roles: { customer_id: 'c', order_date: 'd', quantity: 'q', unit_price: 'p' },
			dateFormat: { format: '%Y-%m-%d' },
			numberFormat: { decimal: '.' },
			dimensions: []
		};
		for (const s of buildOrdersStatements(m, { returns: 'net' })) await db.exec(s);
		const [s] = await db.query<{ revenue: number; tx_rows: number }>(buildLoadSummaryQuery());
		expect(s).toMatchObject({ revenue: 10, tx_rows: 1 });
		const r = await db.query<TypingReject>(buildTypingRejectsQuery());
		expect(r.map((x) => [x.row, x.column_name, x.reason])).toEqual([
			[
				2,
				'p',
				"amount: quantity × unit_price = '1e+20' is too large (the limit is 1e15 in absolute value)"
			],
			[3, 'p', "unit_price: '1e200' is too large (the limit is 1e15 in absolute value)"],
			[3, 'q', "quantity: '1e200' is too large (the limit is 1e15 in absolute value)"]
		]);
	});
});

describe('customer ids of only invisible characters are missing ids', () => {
	it('tab, zero-width space / joiners, BOM, NBSP, U+3000 and mixes count as no customer', async () => {
		const blank = [
			'\t',
			'\u200b',
			'\u200c',
			'\u200d',
			'\ufeff',
			'\u00a0',
			'\u3000',
			' \t\u200b ',
			'\u2060',
			'\r\n'
		];
		const rows: [string, string, string][] = blank.map((id) => [id, '2024-01-05', '1']);
		rows.push(
			['C1', '2024-01-06', '5'],
			['C\u200b2', '2024-01-07', '5'],
			['\tC3', '2024-01-08', '5']
		);
		const { summary } = await load(rows);
		expect(summary.missing_customer_rows).toBe(blank.length);
		expect(summary.customers).toBe(3);
		const ids = await db.query<{ id: string }>(
			'SELECT DISTINCT customer_id AS id FROM tx WHERE customer_id IS NOT NULL ORDER BY id'
		);
		expect(ids.map((r) => r.id)).toEqual(['\tC3', 'C1', 'C\u200b2']);
	});
});
