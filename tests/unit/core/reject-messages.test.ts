// Issue 5, guarantee 1: a rejected line's message names the file, the line (or data row), the
// column, what was expected and what was found. Issue 14: the reason is data — a code and typed
// fields (core/reject-reason.ts), made where the reject is found (loadCsv, the canonical build)
// and worded only at display, in English and Chinese. The English sentences below are the ones
// the page showed before the reasons became codes, word for word.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { loadCsv } from '../../../src/db/load-csv';
import { duckdbRejectReason } from '../../../src/db/duckdb-rejects';
import { buildOrdersStatements } from '../../../src/core/canonical';
import {
	buildTypingRejectsQuery,
	csvRejectMessage,
	dateExample,
	formatRejectMessage,
	typingRejectMessage,
	type TypingReject
} from '../../../src/core/rejects';
import {
	csvRejectReasonText,
	TYPING_CODES,
	type CsvRejectReason,
	type TypingCode
} from '../../../src/core/reject-reason';
import { MAX_LINE_BYTES } from '../../../src/core/ingest/lines';
import { en } from '../../../src/i18n/messages.en';
import { zh } from '../../../src/i18n/messages.zh';
import { translator } from '../../helpers/translate';
import { rejectsToCsv, typingRejectsToCsv } from '../../../src/export/rejects';

const tEn = translator(en);
const tZh = translator(zh);
const num = (n: number) => n.toLocaleString('en-US');
const FORMATS = { dateFormat: { format: '%d.%m.%Y' }, numberFormat: { decimal: '.' } } as const;

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

describe('dateExample', () => {
	it('writes 5 January 2024 in the format', () => {
		expect(dateExample('iso')).toBe('2024-01-05');
		expect(dateExample('%Y-%m-%d')).toBe('2024-01-05');
		expect(dateExample('%d.%m.%Y')).toBe('05.01.2024');
		expect(dateExample('%-m/%-d/%Y %H:%M')).toBe('1/5/2024 14:30');
		expect(dateExample('%Y年%-m月%-d日')).toBe('2024年1月5日');
		expect(dateExample('excel-serial')).toBe('45296');
	});
});

/** Every reader code: the reason, the download's reason column, the EN and zh sentences. */
const CSV_CASES: [CsvRejectReason, string, string, string][] = [
	[
		{ code: 'too-many-fields', expected: 5 },
		'too many fields: expected 5, found more',
		'f.csv line 3, column c: expected 5 fields, found more',
		'f.csv 第 3 行，列 c：应有 5 个字段，实际更多'
	],
	[
		{ code: 'too-few-fields', expected: 5, found: 2 },
		'too few fields: expected 5, found 2',
		'f.csv line 3, column c: expected 5 fields, found 2',
		'f.csv 第 3 行，列 c：应有 5 个字段，实际 2 个'
	],
	[
		{ code: 'quote' },
		'unterminated or misplaced quote',
		'f.csv line 3, column c: a quote is not closed or is misplaced',
		'f.csv 第 3 行，列 c：引号未闭合或位置不对'
	],
	[
		{ code: 'encoding' },
		'invalid characters for the file encoding',
		'f.csv line 3, column c: characters that are not valid in the file’s encoding',
		'f.csv 第 3 行，列 c：含有该文件编码中无效的字符'
	],
	[
		{ code: 'line-too-long', bytes: 32505873, max: 2097152 },
		'line too long: 32505873 bytes, at most 2097152',
		'f.csv line 3, column c: the line is 31 MB long; the reader accepts at most 2 MB per line',
		'f.csv 第 3 行，列 c：该行长 31 MB，读取器每行最多接受 2 MB'
	],
	[
		{ code: 'line-too-long', bytes: null, max: null },
		'line too long',
		'f.csv line 3, column c: the line is longer than the reader accepts',
		'f.csv 第 3 行，列 c：该行超过读取器允许的长度'
	],
	[
		{ code: 'engine', type: 'CAST ERROR', message: 'boom' },
		'cast error: boom',
		'f.csv line 3, column c: cast error: boom',
		'f.csv 第 3 行，列 c：cast error: boom'
	]
];

/** Every typing code (value, decimal mark): the EN and zh sentences, formats as FORMATS. */
const TYPING_CASES: [TypingCode, string | null, '.' | ',', string, string][] = [
	[
		'bad-date',
		'x',
		'.',
		'o.csv data row 7, column col: expected a date like 05.01.2024 (%d.%m.%Y), got “x”',
		'o.csv 第 7 条数据，列 col：应为日期，例如 05.01.2024（%d.%m.%Y），实际为“x”'
	],
	[
		'bad-date',
		null,
		'.',
		'o.csv data row 7, column col: expected a date like 05.01.2024 (%d.%m.%Y), the cell is empty',
		'o.csv 第 7 条数据，列 col：应为日期，例如 05.01.2024（%d.%m.%Y），单元格为空'
	],
	[
		'date-range',
		'9999-12-31',
		'.',
		'o.csv data row 7, column col: expected a date from 1900-01-01 to 2200-12-31: dates outside these years (such as 9999-12-31) are placeholders, not orders, got “9999-12-31”',
		'o.csv 第 7 条数据，列 col：应为 1900-01-01 至 2200-12-31 之间的日期：超出此范围的日期（例如 9999-12-31）是占位值，不是订单，实际为“9999-12-31”'
	],
	[
		'bad-number',
		'x',
		'.',
		'o.csv data row 7, column col: expected a number like 1234.50, got “x”',
		'o.csv 第 7 条数据，列 col：应为数字，例如 1234.50，实际为“x”'
	],
	[
		'bad-number',
		null,
		'.',
		'o.csv data row 7, column col: expected a number like 1234.50, the cell is empty',
		'o.csv 第 7 条数据，列 col：应为数字，例如 1234.50，单元格为空'
	],
	[
		'number-format',
		'1.234,56',
		'.',
		'o.csv data row 7, column col: expected a number written like 1,234.56, as the rest of the file is (if the file uses the other decimal mark, change it on the mapping screen), got “1.234,56”',
		'o.csv 第 7 条数据，列 col：应为与文件其余部分写法一致的数字，例如 1,234.56（如文件使用另一种小数点，请在列映射界面更改），实际为“1.234,56”'
	],
	[
		'number-format',
		'12.5',
		',',
		'o.csv data row 7, column col: expected a number written like 1.234,56, as the rest of the file is (if the file uses the other decimal mark, change it on the mapping screen), got “12.5”',
		'o.csv 第 7 条数据，列 col：应为与文件其余部分写法一致的数字，例如 1.234,56（如文件使用另一种小数点，请在列映射界面更改），实际为“12.5”'
	],
	[
		'too-large',
		'1e308',
		'.',
		'o.csv data row 7, column col: expected an amount below 1,000,000,000,000,000 in absolute value: larger values are errors or placeholders and would overflow the totals, got “1e308”',
		'o.csv 第 7 条数据，列 col：金额的绝对值应小于 1,000,000,000,000,000：更大的值是错误或占位值，且会使合计溢出，实际为“1e308”'
	]
];

describe('each reason code, worded at display', () => {
	it.each(CSV_CASES)(
		'reader %o: the download reason and the EN and zh sentences',
		(r, text, e, z) => {
			const m = csvRejectMessage('f.csv', { row: 2, line: 3, column: 'c', reason: r });
			expect(csvRejectReasonText(r)).toBe(text);
			expect(formatRejectMessage(m, tEn, num)).toBe(e);
			expect(formatRejectMessage(m, tZh, num)).toBe(z);
		}
	);

	it.each(TYPING_CASES)('typing %s (%s): the EN and zh sentences', (code, value, decimal, e, z) => {
		const r: TypingReject = { row: 7, column_name: 'col', value, reason: '', code };
		const m = typingRejectMessage('o.csv', r, { ...FORMATS, numberFormat: { decimal } });
		expect(formatRejectMessage(m, tEn, num)).toBe(e);
		expect(formatRejectMessage(m, tZh, num)).toBe(z);
	});

	it('every code has a case above, and every key a message uses is in both catalogues', () => {
		const codes = new Set([...CSV_CASES.map(([r]) => r.code), ...TYPING_CASES.map(([c]) => c)]);
		expect([...codes].sort()).toEqual(
			[
				...TYPING_CODES,
				'too-many-fields',
				'too-few-fields',
				'quote',
				'encoding',
				'line-too-long',
				'engine'
			].sort()
		);
		const used = new Set<string>();
		const spy = (key: string, params?: Record<string, string | number>) => {
			used.add(key);
			return tEn(key, params);
		};
		for (const [r] of CSV_CASES) {
			formatRejectMessage(csvRejectMessage('f', { row: 1, line: 2, column: 'c', reason: r }), spy);
		}
		for (const [code, value] of TYPING_CASES) {
			const r = { row: 1, column_name: 'c', value, reason: '', code };
			formatRejectMessage(typingRejectMessage('f', r, FORMATS), spy);
		}
		for (const key of used) {
			expect(en, key).toHaveProperty([key]);
			expect(zh, key).toHaveProperty([key]);
		}
	});

	it('a record a quote ran over several lines names all of them (issue 13)', () => {
		const r = {
			row: 2,
			line: 3,
			lastLine: 5,
			column: 'product',
			reason: { code: 'quote' }
		} as const;
		expect(formatRejectMessage(csvRejectMessage('q.csv', r), tEn)).toBe(
			'q.csv lines 3–5, column product: a quote is not closed or is misplaced'
		);
		expect(formatRejectMessage(csvRejectMessage('q.csv', r), tZh)).toBe(
			'q.csv 第 3–5 行，列 product：引号未闭合或位置不对'
		);
	});

	it('quotes long values shortened, and words a reject without a line by its data row', () => {
		const long = 'x'.repeat(200);
		const r: TypingReject = {
			row: 7,
			column_name: 'qty',
			value: long,
			reason: '',
			code: 'bad-number'
		};
		expect(formatRejectMessage(typingRejectMessage('a.csv', r, FORMATS), tEn)).toMatch(
			/^a\.csv data row 7, column qty: expected a number like 1234\.50, got “x{59}…”$/
		);
		const engine = { code: 'engine', type: 'CAST ERROR', message: 'boom' } as const;
		expect(
			formatRejectMessage(
				csvRejectMessage('b.csv', { row: 2, line: null, column: 'c', reason: engine }),
				tEn
			)
		).toBe('b.csv data row 2, column c: cast error: boom');
	});
});

describe("DuckDB's own reject texts, classified in one place (db/duckdb-rejects.ts)", () => {
	it('maps the reader’s error types and messages to codes; keeps unknown ones as they came', () => {
		const cols = (n: number, f: number) => `Expected Number of Columns: ${n} Found: ${f}`;
		expect(
			duckdbRejectReason({ error_type: 'TOO FEW COLUMNS', error_message: cols(3, 2) })
		).toEqual({ code: 'too-few-fields', expected: 3, found: 2 });
		expect(
			duckdbRejectReason({ error_type: 'TOO MANY COLUMNS', error_message: cols(3, 4) })
		).toEqual({ code: 'too-many-fields', expected: 3 });
		expect(duckdbRejectReason({ error_type: 'UNQUOTED VALUE', error_message: 'x' })).toEqual({
			code: 'quote'
		});
		expect(duckdbRejectReason({ error_type: 'INVALID ENCODING', error_message: 'x' })).toEqual({
			code: 'encoding'
		});
		const size = 'Maximum line size of 2098176 bytes exceeded. Actual Size:3000000 bytes.';
		expect(
			duckdbRejectReason({ error_type: 'LINE SIZE OVER MAXIMUM', error_message: size })
		).toEqual({ code: 'line-too-long', bytes: 3000000, max: 2098176 });
		expect(
			duckdbRejectReason({ error_type: 'LINE SIZE OVER MAXIMUM', error_message: 'too long' })
		).toEqual({ code: 'line-too-long', bytes: null, max: null });
		expect(duckdbRejectReason({ error_type: 'CAST ERROR', error_message: 'boom' })).toEqual({
			code: 'engine',
			type: 'CAST ERROR',
			message: 'boom'
		});
	});
});

describe('structured reasons from a real load', () => {
	it('loadCsv: each rejected record of a bad file with its code, fields and editor lines', async () => {
		const good = Array.from({ length: 6 }, (_, i) => `${i},n${i},${i}`);
		const bytes = (s: string) => new TextEncoder().encode(s);
		const long = `9,${'y'.repeat(MAX_LINE_BYTES + 10)},9`;
		// Lines: 1 header, 2 good, 3 short, 4 blank, 5 long (an extra field), 6 good, 7 too long
		// for the reader, 8 good, 9 a quote that opens and runs over the lines after it.
		const text = ['a,b,c', good[0], '4,5', '', '6,7,8,9', good[1], long, good[2]];
		const data = bytes([...text, '8,"open,8', 'still open', good[3], ''].join('\n'));
		const report = await loadCsv(db, { name: 'bad.csv', data }, 'raw_bad');
		expect(report.rejects.map((r) => [r.line, r.lastLine, r.column, r.reason])).toEqual([
			[3, null, 'c', { code: 'too-few-fields', expected: 3, found: 2 }],
			[5, null, null, { code: 'too-many-fields', expected: 3 }],
			[7, null, null, { code: 'line-too-long', bytes: long.length, max: MAX_LINE_BYTES }],
			[9, 11, 'b', { code: 'quote' }]
		]);
		expect(
			report.rejects.map((r) => formatRejectMessage(csvRejectMessage('bad.csv', r), tEn))
		).toEqual([
			'bad.csv line 3, column c: expected 3 fields, found 2',
			'bad.csv line 5: expected 3 fields, found more',
			'bad.csv line 7: the line is 2 MB long; the reader accepts at most 2 MB per line',
			'bad.csv lines 9–11, column b: a quote is not closed or is misplaced'
		]);
	});

	it('the canonical build: typing rejects with their codes, worded with the mapping’s formats', async () => {
		const csv = [
			'customer_id,Order Date,Paid',
			'C1,2024-01-05,10',
			'C2,abc,20',
			'C3,2024-01-07,12x',
			'C4,,30',
			'C5,9999-12-31,1',
			'C6,2024-01-08,"1.234,56"',
			'C7,2024-01-09,1e308'
		].join('\n');
		await loadCsv(db, { name: 'orders.csv', data: new TextEncoder().encode(csv) }, 'raw_orders');
		const mapping = {
			table: 'raw_orders',
			roles: { customer_id: 'customer_id', order_date: 'Order Date', amount: 'Paid' },
			dateFormat: { format: '%Y-%m-%d' },
			numberFormat: { decimal: '.' as const },
			dimensions: []
		};
		for (const s of buildOrdersStatements(mapping, { returns: 'net' })) await db.exec(s);
		const rejects = await db.query<TypingReject>(buildTypingRejectsQuery());
		expect(rejects.map((r) => [r.row, r.code, r.value])).toEqual([
			[2, 'bad-date', 'abc'],
			[3, 'bad-number', '12x'],
			[4, 'bad-date', null],
			[5, 'date-range', '9999-12-31'],
			[6, 'number-format', '1.234,56'],
			[7, 'too-large', '1e308']
		]);
		const text = rejects.map((r) =>
			formatRejectMessage(typingRejectMessage('orders.csv', r, mapping), tEn)
		);
		expect(text.slice(0, 3)).toEqual([
			'orders.csv data row 2, column Order Date: expected a date like 2024-01-05 (%Y-%m-%d), got “abc”',
			'orders.csv data row 3, column Paid: expected a number like 1234.50, got “12x”',
			'orders.csv data row 4, column Order Date: expected a date like 2024-01-05 (%Y-%m-%d), the cell is empty'
		]);
		expect(formatRejectMessage(typingRejectMessage('订单.csv', rejects[0]!, mapping), tZh)).toBe(
			'订单.csv 第 2 条数据，列 Order Date：应为日期，例如 2024-01-05（%Y-%m-%d），实际为“abc”'
		);
		// The download: the reason in words as the build wrote it, the message translated.
		const out = typingRejectsToCsv(rejects, text);
		expect(out.split('\r\n').slice(0, 3)).toEqual([
			'\uFEFFrow,column,value,reason,message',
			'2,Order Date,abc,order_date: \'abc\' is not a date in format %Y-%m-%d,"orders.csv data row 2, column Order Date: expected a date like 2024-01-05 (%Y-%m-%d), got “abc”"',
			'3,Paid,12x,amount: \'12x\' is not a number,"orders.csv data row 3, column Paid: expected a number like 1234.50, got “12x”"'
		]);
	});

	it('the rejected-rows download: reason column in words, messages beside the raw line', async () => {
		const good = Array.from({ length: 20 }, (_, i) => `${i},${i},${i}`);
		const csv = ['a,b,c', ...good.slice(0, 10), '4,5', '6,7,8,9', ...good.slice(10), ''].join('\n');
		const report = await loadCsv(
			db,
			{ name: 'ragged.csv', data: new TextEncoder().encode(csv) },
			'raw_x'
		);
		const text = report.rejects.map((r) =>
			formatRejectMessage(csvRejectMessage('ragged.csv', r), tEn)
		);
		expect(rejectsToCsv(report.rejects, text)).toBe(
			'\uFEFFrow,line,column,reason,message,raw\r\n' +
				'11,12,c,"too few fields: expected 3, found 2","ragged.csv line 12, column c: expected 3 fields, found 2","4,5"\r\n' +
				'12,13,,"too many fields: expected 3, found more","ragged.csv line 13: expected 3 fields, found more","6,7,8,9"\r\n'
		);
	});
});
