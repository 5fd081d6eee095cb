// Issue 5, guarantee 1: a rejected line's message names the file, the line (or data row), the
// column, what was expected and what was found — built from the reasons loadCsv and canonical.ts
// write, on real rejects of the sample-style fixtures, in English and Chinese.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { loadCsv } from '../../../src/db/load-csv';
import { buildOrdersStatements } from '../../../src/core/canonical';
import {
	buildTypingRejectsQuery,
	csvRejectMessage,
	dateExample,
	formatRejectMessage,
	typingRejectMessage,
	type TypingReject
} from '../../../src/core/rejects';
import { en } from '../../../src/i18n/messages.en';
import { zh } from '../../../src/i18n/messages.zh';
import { translator } from '../../helpers/translate';
import { rejectsToCsv } from '../../../src/export/rejects';

const tEn = translator(en);
const tZh = translator(zh);

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

describe('messages of rejected lines', () => {
	it('typing rejects: file, data row, column, expected, got', async () => {
		const csv = [
			'customer_id,Order Date,Paid',
			'C1,2024-01-05,10',
			'C2,abc,20',
			'C3,2024-01-07,12x',
			'C4,,30'
		].join('\n');
		await loadCsv(db, { name: 'orders.csv', data: new TextEncoder().encode(csv) }, 'raw_orders');
		for (const s of buildOrdersStatements(
			{
				table: 'raw_orders',
				roles: { customer_id: 'customer_id', order_date: 'Order Date', amount: 'Paid' },
				dateFormat: { format: '%Y-%m-%d' },
				numberFormat: { decimal: '.' },
				dimensions: []
			},
			{ returns: 'net' }
		))
			await db.exec(s);
		const rejects = await db.query<TypingReject>(buildTypingRejectsQuery());
		const text = rejects.map((r) =>
			formatRejectMessage(typingRejectMessage('orders.csv', r, '%Y-%m-%d'), tEn)
		);
		expect(text).toEqual([
			'orders.csv data row 2, column Order Date: expected a date like 2024-01-05 (%Y-%m-%d), got “abc”',
			'orders.csv data row 3, column Paid: expected a number like 1234.50, got “12x”',
			'orders.csv data row 4, column Order Date: expected a date like 2024-01-05 (%Y-%m-%d), the cell is empty'
		]);
		expect(formatRejectMessage(typingRejectMessage('订单.csv', rejects[0]!, '%Y-%m-%d'), tZh)).toBe(
			'订单.csv 第 2 条数据，列 Order Date：应为日期，例如 2024-01-05（%Y-%m-%d），实际为“abc”'
		);
	});

	it('CSV rejects: file, line, column when known, fields expected and found', async () => {
		const good = Array.from({ length: 20 }, (_, i) => `${i},${i},${i}`);
		// Lines 1 (header), 2–11 good, 12 short, 13 long, 14–23 good.
		const csv = ['a,b,c', ...good.slice(0, 10), '4,5', '6,7,8,9', ...good.slice(10), ''].join('\n');
		const report = await loadCsv(
			db,
			{ name: 'ragged.csv', data: new TextEncoder().encode(csv) },
			'raw_x'
		);
		const text = report.rejects.map((r) =>
			formatRejectMessage(csvRejectMessage('ragged.csv', r), tEn)
		);
		expect(text).toEqual([
			'ragged.csv line 12, column c: expected 3 fields, found 2',
			'ragged.csv line 13: expected 3 fields, found more'
		]);
		// The download carries the same messages beside the raw line.
		const out = rejectsToCsv(report.rejects, text);
		expect(out).toContain('ragged.csv line 12, column c: expected 3 fields, found 2');
		expect(out.split('\r\n')[0]).toBe('\uFEFFrow,line,column,reason,message,raw');
	});

	it('a record a quote ran over several lines names all of them (issue 13)', () => {
		const r = {
			row: 2,
			line: 3,
			lastLine: 5,
			column: 'product',
			reason: 'unterminated or misplaced quote'
		};
		expect(formatRejectMessage(csvRejectMessage('q.csv', r), tEn)).toBe(
			'q.csv lines 3–5, column product: a quote is not closed or is misplaced'
		);
		expect(formatRejectMessage(csvRejectMessage('q.csv', r), tZh)).toBe(
			'q.csv 第 3–5 行，列 product：引号未闭合或位置不对'
		);
	});

	it('a line too long says how long it is and the most the reader accepts (issue 13)', () => {
		const r = {
			row: 2,
			line: 3,
			column: null,
			reason: 'line too long: 32505873 bytes, at most 2097152'
		};
		expect(formatRejectMessage(csvRejectMessage('l.csv', r), tEn)).toBe(
			'l.csv line 3: the line is 31 MB long; the reader accepts at most 2 MB per line'
		);
		expect(formatRejectMessage(csvRejectMessage('l.csv', r), tZh)).toBe(
			'l.csv 第 3 行：该行长 31 MB，读取器每行最多接受 2 MB'
		);
		expect(
			formatRejectMessage(csvRejectMessage('l.csv', { ...r, reason: 'line too long' }), tEn)
		).toBe('l.csv line 3: the line is longer than the reader accepts');
	});

	it('names the column, quotes long values shortened, and passes unknown reasons through', () => {
		const long = 'x'.repeat(200);
		const m = formatRejectMessage(
			typingRejectMessage(
				'a.csv',
				{ row: 7, column_name: 'qty', value: long, reason: `quantity: '${long}' is not a number` },
				'iso'
			),
			tEn
		);
		expect(m).toMatch(
			/^a\.csv data row 7, column qty: expected a number like 1234\.50, got “x{59}…”$/
		);
		expect(
			formatRejectMessage(
				csvRejectMessage('b.csv', { row: 2, line: null, column: 'c', reason: 'cast error: boom' }),
				tEn
			)
		).toBe('b.csv data row 2, column c: cast error: boom');
	});
});
