import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	checkDateFormat,
	checkDecimalMark,
	fitFormats,
	groupingFits,
	readableDateFormat,
	readsAsDate
} from '../../../src/core/formats-fit';
import { parseDateExpr, parseNumberExpr } from '../../../src/core/formats';
import { literal, raw, sql } from '../../../src/core/sql';
import type { Engine } from '../../../src/db/engine';
import { createNodeEngine } from '../../helpers/node-engine';

const ISO = ['2024-01-05', '2024-02-11', '2024-03-20', '2024-04-02'];

describe('remembered date formats checked against a new file', () => {
	it('a saved dd/mm/yyyy does not fit ISO dates: the file’s own format is suggested', () => {
		const check = checkDateFormat({ format: '%d/%m/%Y' }, ISO);
		expect(check).toEqual({
			fits: false,
			failed: 4,
			total: 4,
			suggested: { format: '%Y-%m-%d' }
		});
	});

	it('a saved format that reads the values fits, even where the file alone is ambiguous', () => {
		// 01/02/2024 alone is ambiguous (sniffed month-first); the user's day-first choice reads it.
		const dm = ['01/02/2024', '03/04/2024', '05/06/2024'];
		expect(checkDateFormat({ format: '%d/%m/%Y' }, dm)).toMatchObject({ fits: true, failed: 0 });
		expect(checkDateFormat({ format: '%Y-%m-%d' }, ISO)).toMatchObject({ fits: true, failed: 0 });
		expect(checkDateFormat({ format: 'iso' }, ['2024-01-05 10:00'])).toMatchObject({ fits: true });
	});

	it('a saved month-first format does not fit days above 12 in first place', () => {
		const check = checkDateFormat({ format: '%m/%d/%Y' }, [
			'13/02/2024',
			'25/12/2024',
			'01/02/2024'
		]);
		expect(check.fits).toBe(false);
		expect(check.failed).toBe(2);
		expect(check.suggested?.format).toBe('%d/%m/%Y');
	});

	it('stray values that no format reads do not count against the saved one', () => {
		const values = ['05/01/2024', '06/01/2024', 'n/a', ''];
		expect(checkDateFormat({ format: '%d/%m/%Y' }, values)).toEqual({
			fits: true,
			failed: 1,
			total: 3,
			suggested: null
		});
	});

	it('formats it does not model are neither fit nor misfit', () => {
		expect(readsAsDate('05/01/2024 10:00 PM', { format: '%d/%m/%Y %I:%M %p' })).toBeNull();
		expect(checkDateFormat({ format: '%d/%m/%Y %I:%M %p' }, ISO).fits).toBe(true);
	});
});

describe('remembered decimal marks checked against a new file', () => {
	it('a saved decimal comma does not fit "100.50"', () => {
		expect(checkDecimalMark({ decimal: ',' }, ['100.50', '20.00', '7.5'])).toEqual({
			fits: false,
			failed: 3,
			total: 3,
			suggested: { decimal: '.' }
		});
	});

	it('a saved decimal point does not fit "1.234,56" or "12,5"', () => {
		const check = checkDecimalMark({ decimal: '.' }, ['1.234,56', '12,5', '3']);
		expect(check.fits).toBe(false);
		expect(check.suggested).toEqual({ decimal: ',' });
	});

	it('values that read either way keep the saved mark', () => {
		expect(checkDecimalMark({ decimal: ',' }, ['1.234', '5', '¥12'])).toMatchObject({
			fits: true,
			failed: 0
		});
		expect(checkDecimalMark({ decimal: '.' }, ['1,234', '1,234.56', '$1,000'])).toMatchObject({
			fits: true,
			failed: 0
		});
		expect(checkDecimalMark({ decimal: ',' }, ['1.234,56', '12,5', '1 000,50']).fits).toBe(true);
	});

	it('reads thousands groups by pattern', () => {
		expect(groupingFits('1,234,567.89', '.')).toBe(true);
		expect(groupingFits('1,234,567.89', ',')).toBe(false);
		expect(groupingFits('12,34.5', '.')).toBe(false);
		expect(groupingFits('(4.00)', '.')).toBe(true);
		expect(groupingFits('(4.00)', ',')).toBe(false);
		expect(groupingFits('1.5e3', ',')).toBe(false);
		expect(groupingFits('two', '.')).toBe(false);
	});
});

describe('fitFormats', () => {
	it('keeps what fits, replaces what does not, and lists the replacement', () => {
		const out = fitFormats(
			{ dateFormat: { format: '%d/%m/%Y' }, numberFormat: { decimal: ',' } },
			{ date: ISO, amount: ['100.50', '20.00'] }
		);
		expect(out.dateFormat).toEqual({ format: '%Y-%m-%d' });
		expect(out.numberFormat).toEqual({ decimal: '.' });
		expect(out.misfits).toEqual([
			{ kind: 'date', saved: '%d/%m/%Y', used: '%Y-%m-%d', failed: 4, total: 4 },
			{ kind: 'decimal', saved: ',', used: '.', failed: 2, total: 2 }
		]);
		const same = fitFormats(
			{ dateFormat: { format: '%Y-%m-%d' }, numberFormat: { decimal: '.' } },
			{ date: ISO, amount: ['100.50'] }
		);
		expect(same.misfits).toEqual([]);
	});

	it('writes formats as people read them', () => {
		expect(readableDateFormat('%d/%m/%Y')).toBe('dd/mm/yyyy');
		expect(readableDateFormat('%Y-%m-%d %H:%M:%S')).toBe('yyyy-mm-dd hh:mm:ss');
		expect(readableDateFormat('%Y年%m月%d日')).toBe('yyyy年mm月dd日');
	});
});

// The JS check must agree with the SQL that loads the file, or its verdict means nothing.
describe('readsAsDate agrees with parseDateExpr in DuckDB', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createNodeEngine();
	});
	afterAll(async () => {
		await engine?.close();
	});

	const values = [
		'2024-01-05',
		'2024/01/05',
		'2024-1-5',
		'2024-01-05 10:00',
		'2024-01-05T10:00:00',
		'2024-01-05 10:00:00.123',
		'2024-01-05Z',
		'2024-01-05 10:00Z',
		'2024-01-05 10:00:00+08:00',
		'2024 01 05',
		'20240105',
		'05/01/2024',
		'5/1/2024',
		'05/01/2024 10:30',
		'05/01/2024 10:30:15',
		'13/25/2024',
		'2024-02-30',
		'2023-02-29',
		'2024-02-29',
		' 2024-01-05 ',
		'24-01-05',
		'2024-01-05 25:00',
		'05.01.2024',
		'2024年1月5日',
		'45000',
		'two'
	];
	const formats = [
		'%Y-%m-%d',
		'%d/%m/%Y',
		'%m/%d/%Y',
		'%d/%m/%Y %H:%M',
		'%d.%m.%Y',
		'%Y/%m/%d',
		'%Y%m%d',
		'%Y年%m月%d日',
		'excel-serial'
	];

	it.each(formats)('format %s', async (format) => {
		const got: string[] = [];
		const want: string[] = [];
		for (const v of values) {
			const [row] = await engine.query<{ ok: boolean }>(
				sql`SELECT ${parseDateExpr(sql`${raw(literal(v))}`, { format })} IS NOT NULL AS ok`
			);
			want.push(`${v} → ${row!.ok}`);
			got.push(`${v} → ${readsAsDate(v, { format })}`);
		}
		expect(got).toEqual(want);
	});

	it('a decimal comma does not read "100.50" as 100.5 (what the check guards against)', async () => {
		const [row] = await engine.query<{ n: number | null }>(
			sql`SELECT ${parseNumberExpr(sql`${raw(literal('100.50'))}`, { decimal: ',' })} AS n`
		);
		// Misread (10050) or set aside (NULL), depending on the parser: never the amount written.
		expect(row!.n).not.toBe(100.5);
		expect(checkDecimalMark({ decimal: ',' }, ['100.50']).fits).toBe(false);
	});
});
