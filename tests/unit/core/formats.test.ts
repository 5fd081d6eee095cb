import { describe, expect, it, beforeAll } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { sql } from '../../../src/core/sql';
import {
	cleanNumber,
	parseDateExpr,
	parseNumberExpr,
	sniffDateFormat,
	sniffNumberFormat
} from '../../../src/core/formats';
import type { DateFormat, NumberFormat } from '../../../src/core/types';

describe('sniffDateFormat', () => {
	const cases: [string, string[], DateFormat | null][] = [
		['ISO date', ['2024-01-05', '2024-12-31'], { format: '%Y-%m-%d' }],
		[
			'ISO timestamp',
			['2024-01-05 10:00:00', '2024-12-31 23:59:59'],
			{ format: '%Y-%m-%d %H:%M:%S' }
		],
		['ISO with T, no seconds', ['2024-01-05T10:00'], { format: '%Y-%m-%dT%H:%M' }],
		[
			'ISO with zone (dropped)',
			['2024-01-05T10:00:00Z', '2024-01-06T10:00:00+08:00'],
			{ format: '%Y-%m-%dT%H:%M:%S' }
		],
		['slashes year first', ['2024/1/5', '2024/12/31'], { format: '%Y/%m/%d' }],
		[
			'slashes with times of two lengths',
			['2024/1/5 9:30', '2024/1/6 10:00:01'],
			{ format: '%Y/%m/%d %H:%M:%S' }
		],
		['dots day first', ['05.01.2024', '31.12.2024'], { format: '%d.%m.%Y' }],
		['month first decided by 13', ['1/5/2024', '1/13/2024'], { format: '%m/%d/%Y' }],
		['day first decided by 13', ['5/1/2024', '13/1/2024'], { format: '%d/%m/%Y' }],
		[
			'all ≤ 12: ambiguous, month first',
			['1/5/2024', '2/6/2024'],
			{ format: '%m/%d/%Y', ambiguous: true }
		],
		[
			'contradicting values: ambiguous',
			['13/1/2024', '1/13/2024'],
			{ format: '%m/%d/%Y', ambiguous: true }
		],
		['compact', ['20240105', '20241231'], { format: '%Y%m%d' }],
		['Chinese', ['2024年1月5日', '2024年12月31日'], { format: '%Y年%m月%d日' }],
		['Chinese with time', ['2024年1月5日 10:30'], { format: '%Y年%m月%d日 %H:%M' }],
		['Excel serial', ['45296', '45297.5'], { format: 'excel-serial' }],
		['majority wins over junk', ['2024-01-05', '2024-01-06', 'n/a'], { format: '%Y-%m-%d' }],
		['text', ['hello', 'world'], null],
		['small integers are not dates', ['1', '2', '3'], null],
		['empty', ['', ' '], null],
		['invalid month', ['2024-13-05'], null]
	];
	it.each(cases)('%s', (_name, samples, expected) => {
		expect(sniffDateFormat(samples)).toEqual(expected);
	});
});

describe('sniffNumberFormat', () => {
	const cases: [string[], NumberFormat['decimal']][] = [
		[['1,234.50', '12.5'], '.'],
		[['1.234,50', '12,5'], ','],
		[['€ 1.234.567'], ','],
		[['1,234,567'], '.'],
		[['1,234', '1.234'], '.'],
		[['12', '13'], '.'],
		[['12,50 €', '3,99 €'], ',']
	];
	it.each(cases)('%j → %s', (samples, decimal) => {
		expect(sniffNumberFormat(samples)).toEqual({ decimal });
	});
	it('cleanNumber mirrors the SQL rules', () => {
		expect(cleanNumber('¥1,234.50', { decimal: '.' })).toBe(1234.5);
		expect(cleanNumber('(12.00)', { decimal: '.' })).toBe(-12);
		expect(cleanNumber('1.234,5-', { decimal: ',' })).toBe(-1234.5);
		expect(cleanNumber('abc', { decimal: '.' })).toBeNull();
	});
});

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

async function parseDates(values: string[], f: DateFormat) {
	const rows = await db.query<{ v: string | null; ts: string | null }>(
		sql`SELECT v, CAST(${parseDateExpr(sql`v`, f)} AS VARCHAR) AS ts FROM (SELECT unnest([${values}]::VARCHAR[]) AS v)`
	);
	return rows.map((r) => r.ts);
}

async function parseNumbers(values: string[], f: NumberFormat) {
	const rows = await db.query<{ n: number | null }>(
		sql`SELECT ${parseNumberExpr(sql`v`, f)} AS n FROM (SELECT unnest([${values}]::VARCHAR[]) AS v)`
	);
	return rows.map((r) => r.n);
}

describe('parseDateExpr', () => {
	const cases: [string, string[], DateFormat, (string | null)[]][] = [
		[
			'ISO: T, seconds-less, zones dropped, invalid → NULL',
			[
				' 2024-01-05 ',
				'2024-01-05T10:30',
				'2024-01-05 10:00:00+08:00',
				'2024-01-05T10:00:00Z',
				'2024-13-45',
				''
			],
			{ format: '%Y-%m-%d' },
			[
				'2024-01-05 00:00:00',
				'2024-01-05 10:30:00',
				'2024-01-05 10:00:00',
				'2024-01-05 10:00:00',
				null,
				null
			]
		],
		[
			'slashes with and without times',
			['2024/1/5', '2024/1/5 9:30', '2024/01/05 09:30:15', '2024/2/30'],
			{ format: '%Y/%m/%d' },
			['2024-01-05 00:00:00', '2024-01-05 09:30:00', '2024-01-05 09:30:15', null]
		],
		[
			'day first',
			['05/01/2024', '31/12/2024 23:59'],
			{ format: '%d/%m/%Y' },
			['2024-01-05 00:00:00', '2024-12-31 23:59:00']
		],
		[
			'Chinese with optional time, with or without space',
			['2024年1月5日', '2024年1月5日 10:30', '2024年1月5日10:30:05'],
			{ format: '%Y年%m月%d日' },
			['2024-01-05 00:00:00', '2024-01-05 10:30:00', '2024-01-05 10:30:05']
		],
		['compact and dotted', ['20240105'], { format: '%Y%m%d' }, ['2024-01-05 00:00:00']],
		[
			'Excel serial: 45296 = 2024-01-05 (1899-12-30 + 45296 days); .5 = noon',
			['45296', '45296.5', 'x'],
			{ format: 'excel-serial' },
			['2024-01-05 00:00:00', '2024-01-05 12:00:00', null]
		]
	];
	it.each(cases)('%s', async (_name, values, f, expected) => {
		expect(await parseDates(values, f)).toEqual(expected);
	});
});

describe('parseNumberExpr', () => {
	it('parses decimal-point numbers with currencies, separators and negative notations', async () => {
		expect(
			await parseNumbers(
				[
					'12',
					' 1,234.50 ',
					'¥1,234.50',
					'￥ 99',
					'$-3.5',
					'USD 10',
					'10 CNY',
					'(123.00)',
					'45.60-',
					'€1e3',
					'abc',
					'',
					'1.2.3',
					'inf'
				],
				{ decimal: '.' }
			)
		).toEqual([12, 1234.5, 1234.5, 99, -3.5, 10, 10, -123, -45.6, 1000, null, null, null, null]);
	});
	it('parses decimal-comma numbers', async () => {
		expect(
			await parseNumbers(['1.234,50', '12,5', '€ 3,99', '1 234,50', '(2,00)', '7'], {
				decimal: ','
			})
		).toEqual([1234.5, 12.5, 3.99, 1234.5, -2, 7]);
	});
});

// Issue 13, item 6: numbers are read by the pattern of the file's format. Stripping every
// comma read "1.234,56" as 1.23456 and "1 000,50" as 100050 with a decimal point; stripping
// every point read "12.5" as 125 with a decimal comma. Each row holds for cleanNumber (JS, used
// for sniffing) and parseNumberExpr (SQL, used for loading) alike.
describe('numbers by the pattern of their format', () => {
	const NBSP = '\u00a0';
	const NNBSP = '\u202f';
	const cases: [value: string, decimal: '.' | ',', expected: number | null][] = [
		// Decimal point: comma groups of three, Indian lakh groups, SI spaces, Swiss apostrophes.
		['1,234,567.89', '.', 1234567.89],
		['1,234', '.', 1234],
		['12,34,567.00', '.', 1234567],
		['1 000.50', '.', 1000.5],
		[`1${NBSP}000.50`, '.', 1000.5],
		["CHF 1'234.50", '.', 1234.5],
		['1’234.50', '.', 1234.5],
		['$ -3.5', '.', -3.5],
		['- 5', '.', -5],
		['( 123.00 )', '.', -123],
		['.5', '.', 0.5],
		['1.5e3', '.', 1500],
		// … and what does not fit a decimal point is not a number, never misread.
		['1.234,56', '.', null],
		['1 000,50', '.', null],
		['1,23', '.', null],
		['1,2345', '.', null],
		['12 34', '.', null],
		['1,234 567', '.', null],
		["1,000'000", '.', null],
		['1,234e3', '.', null],
		['1_000', '.', null],
		// Decimal comma: point, space or apostrophe groups of three.
		['1.234,56', ',', 1234.56],
		['1.234.567,89', ',', 1234567.89],
		['1 000,50', ',', 1000.5],
		[`1${NBSP}000,50`, ',', 1000.5],
		[`1${NNBSP}000,50`, ',', 1000.5],
		["1'000,50", ',', 1000.5],
		['1.234', ',', 1234],
		['12,5', ',', 12.5],
		[',5', ',', 0.5],
		['1,5e3', ',', 1500],
		['0,99 €', ',', 0.99],
		['(2,00)', ',', -2],
		// … and what does not fit a decimal comma.
		['12.5', ',', null],
		['1,234.56', ',', null],
		['1.23', ',', null],
		['1,234,567', ',', null],
		['1.234 567,00', ',', null],
		// Neither: text, empty, non-finite.
		['two', '.', null],
		['', ',', null],
		['inf', '.', null],
		['1e400', '.', null]
	];
	it.each(cases)('cleanNumber(%j, %s) = %s', (value, decimal, expected) => {
		expect(cleanNumber(value, { decimal })).toBe(expected);
	});
	it('parseNumberExpr gives the same, in DuckDB', async () => {
		for (const decimal of ['.', ','] as const) {
			const rows = cases.filter((c) => c[1] === decimal);
			const got = await parseNumbers(
				rows.map((c) => c[0]),
				{ decimal }
			);
			got.forEach((n, i) =>
				expect(n, `${JSON.stringify(rows[i]![0])} with '${decimal}'`).toBe(rows[i]![2])
			);
		}
	});
	it('the sniffer picks the format the values are written in', () => {
		expect(sniffNumberFormat(['1 000,50', '12,50', '3,99'])).toEqual({ decimal: ',' });
		expect(sniffNumberFormat(["1'000.50", '12.50'])).toEqual({ decimal: '.' });
		// One value in the other format does not outvote the rest; it will be set aside.
		expect(sniffNumberFormat(['1.234,56', '12.50', '3.99', '(1.00)'])).toEqual({ decimal: '.' });
		expect(sniffNumberFormat(['1.234', '1.234.567', '12'])).toEqual({ decimal: ',' });
	});
});
