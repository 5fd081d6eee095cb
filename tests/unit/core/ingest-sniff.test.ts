import { describe, expect, it } from 'vitest';
import {
	looksLikeValue,
	sniffDialect,
	splitWhitespace,
	WHITESPACE
} from '../../../src/core/ingest/sniff';

describe('sniffDialect', () => {
	it.each([
		['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
		['semicolon with decimal commas', 'a;b\n1,5;2,25\n3,0;4,75\n', ';'],
		['tab with commas in values', 'id\tnote\n1\ta, b\n2\tc, d\n', '\t'],
		['pipe', 'x|y\n1|2\n', '|'],
		['comma inside quotes does not count', 'a;b\n"1,2,3";4\n"5,6";7\n', ';'],
		['single column', 'name\nAnn\nBob\n', ',']
	])('%s', (_name, text, delimiter) => {
		expect(sniffDialect(text, true).delimiter).toBe(delimiter);
	});

	it('reads the header and width', () => {
		expect(sniffDialect('id,name\n1,Ann\n', true)).toEqual({
			delimiter: ',',
			readDelimiter: ',',
			hasHeader: true,
			header: ['id', 'name'],
			fieldCount: 2,
			skip: 0,
			skipped: []
		});
	});

	it('detects a headerless file whose first row is numbers and dates', () => {
		expect(sniffDialect('1,2024-01-05,10.5\n2,2024-01-06,11\n', true)).toEqual({
			delimiter: ',',
			readDelimiter: ',',
			hasHeader: false,
			header: null,
			fieldCount: 3,
			skip: 0,
			skipped: []
		});
	});

	it('widens to the data rows when they have more fields than the header', () => {
		expect(sniffDialect('a,b\n1,2,3\n4,5,6\n', true).fieldCount).toBe(3);
	});

	it('ignores a record cut off at the end of an incomplete prefix', () => {
		const d = sniffDialect('a,b\n1,2\n3,4\n5,"cut', false);
		expect([d.delimiter, d.fieldCount]).toEqual([',', 2]);
	});
});

describe('looksLikeValue', () => {
	it.each([
		'12',
		'-3.5',
		'¥1,234.50',
		'(12.00)',
		'2024-01-05',
		'2024/1/5',
		'05.01.2024',
		'2024年1月5日',
		'2024-01-05 10:30:00'
	])('%s is a value', (v) => expect(looksLikeValue(v)).toBe(true));
	it.each(['id', 'order_date', '客户ID', 'amount (EUR)', ''])('%s is a name', (v) =>
		expect(looksLikeValue(v)).toBe(false)
	);
});

// Issue 15: CDNOW_master.txt (fixed width, runs of spaces, a leading space) was split on commas
// into one column; CDNOW_sample.txt (no header) too.
describe('whitespace-separated and fixed-width text', () => {
	const master =
		' customer_id  date number_of_cds  dollar_value\r\n' +
		' 00001 19970101  1   11.77\r\n' +
		' 00002 19970112  1   12.00\r\n' +
		' 00002 19970112  5   77.00\r\n' +
		' 00003 19970102  2   20.76\r\n';
	const sample =
		'00004 0001 19970101  2   29.33\r\n' +
		'00004 0001 19970118  2   29.73\r\n' +
		'00004 0001 19970802  1   14.96\r\n' +
		'00018 0002 19970112  1   12.00\r\n';

	it('reads runs of spaces as one delimiter, the header from the first line (CDNOW_master)', () => {
		expect(sniffDialect(master, true)).toEqual({
			delimiter: WHITESPACE,
			readDelimiter: '\t',
			hasHeader: true,
			header: ['customer_id', 'date', 'number_of_cds', 'dollar_value'],
			fieldCount: 4,
			skip: 0,
			skipped: []
		});
	});

	it('reads a headerless whitespace file of ids, yyyymmdd dates and amounts (CDNOW_sample)', () => {
		expect(sniffDialect(sample, true)).toMatchObject({
			delimiter: WHITESPACE,
			hasHeader: false,
			header: null,
			fieldCount: 5
		});
	});

	it('reads the master file without its header as headerless, 4 columns', () => {
		const body = master.slice(master.indexOf('\n') + 1);
		expect(sniffDialect(body, true)).toMatchObject({ delimiter: WHITESPACE, hasHeader: false });
		expect(sniffDialect(body, true).fieldCount).toBe(4);
	});

	it('reads columns aligned with tabs in some rows and spaces in others', () => {
		const text = 'id   date\tamount\nC1   2024-01-05\t10.50\nC2\t2024-01-06\t7.00\n';
		expect(sniffDialect(text, true)).toMatchObject({
			delimiter: WHITESPACE,
			header: ['id', 'date', 'amount']
		});
	});

	it('keeps a quoted field with spaces as one value (R write.table style)', () => {
		const text = '"id" "city" "amount"\n"C1" "New York" 10.5\n"C2" "Paris" 7\n';
		expect(sniffDialect(text, true)).toMatchObject({
			delimiter: WHITESPACE,
			header: ['id', 'city', 'amount'],
			fieldCount: 3
		});
		expect(splitWhitespace('"C1" "New York" 10.5')).toEqual(['C1', 'New York', '10.5']);
		expect(splitWhitespace('  a  "b ""c"""  d ')).toEqual(['a', 'b "c"', 'd']);
	});

	it.each([
		['a CSV whose values have spaces', 'id,name\n1,Ann Lee\n2,Bo Chen\n', ','],
		['a TSV whose values have runs of spaces', 'id\tnote\n1\ta  b\n2\tc  d e\n', '\t'],
		['a one-column list of two-word names', 'name\nAnn Lee\nBo Chen\nCy Wu\n', ','],
		[
			'a CSV with timestamps (one space in every row)',
			'id,ts\n1,2024-01-05 10:00\n2,2024-01-06 11:00\n',
			','
		]
	])('does not take runs of spaces for the delimiter in %s', (_n, text, delimiter) => {
		expect(sniffDialect(text, true).delimiter).toBe(delimiter);
	});
});

// Issue 15: a header-less file whose first row has a name-like cell (a text column) was read
// as having a header, so its first record became column names.
describe('header-less files', () => {
	it('takes a first row with the kinds of the rows below for data, even with a text column', () => {
		const text = 'Alice,2024-01-05,10.5\nBob,2024-01-06,11\nCy,2024-01-07,3\n';
		expect(sniffDialect(text, true)).toMatchObject({ hasHeader: false, fieldCount: 3 });
	});

	it('keeps a header whose names sit above numbers and dates', () => {
		const text = 'who,when,paid\nAlice,2024-01-05,10.5\nBob,2024-01-06,11\n';
		expect(sniffDialect(text, true)).toMatchObject({
			hasHeader: true,
			header: ['who', 'when', 'paid']
		});
	});

	it('keeps a header over text-only columns', () => {
		expect(sniffDialect('name,city\nAnn,Paris\nBo,Rome\n', true).hasHeader).toBe(true);
	});

	it('keeps a header with a blank name above a typed column', () => {
		const text = 'name,,amount\nAnn,2024-01-05,1\nBo,2024-01-06,2\n';
		expect(sniffDialect(text, true).hasHeader).toBe(true);
	});
});

// Issue 15: a `sep=;` line or a title line above the header gave "No orders file found".
describe('sep= lines and preamble lines', () => {
	it('honours an Excel sep=; line and skips it', () => {
		const text = 'sep=;\ncustomer_id;order_date;amount\nC1;2024-01-05;10,50\nC2;2024-01-06;3,00\n';
		expect(sniffDialect(text, true)).toEqual({
			delimiter: ';',
			readDelimiter: ';',
			hasHeader: true,
			header: ['customer_id', 'order_date', 'amount'],
			fieldCount: 3,
			skip: 1,
			skipped: [{ line: 1, text: 'sep=;' }]
		});
	});

	it('honours a quoted "sep=," line and a tab directive', () => {
		expect(sniffDialect('"sep=,"\na;b,c\n1;2,3\n', true)).toMatchObject({
			delimiter: ',',
			header: ['a;b', 'c']
		});
		expect(sniffDialect('sep=\t\na\tb\n1\t2\n', true).delimiter).toBe('\t');
	});

	it('skips title and export lines above the header, with their editor lines', () => {
		const text =
			'sep=,\r\nOrders report\r\nExported on 2024-03-01 10:00\r\n\r\n' +
			'customer_id,order_date,amount\r\nC1,2024-01-05,10.5\r\nC2,2024-01-06,3\r\n';
		expect(sniffDialect(text, true)).toMatchObject({
			delimiter: ',',
			hasHeader: true,
			header: ['customer_id', 'order_date', 'amount'],
			skip: 4,
			skipped: [
				{ line: 1, text: 'sep=,' },
				{ line: 2, text: 'Orders report' },
				{ line: 3, text: 'Exported on 2024-03-01 10:00' }
			]
		});
	});

	it('skips a title with a comma in it when the table is wider', () => {
		const text = 'Sales, Q1 2024\ncustomer_id,order_date,amount,region\nC1,2024-01-05,10.5,N\n';
		expect(sniffDialect(text, true)).toMatchObject({
			skip: 1,
			skipped: [{ line: 1, text: 'Sales, Q1 2024' }],
			header: ['customer_id', 'order_date', 'amount', 'region']
		});
	});

	it('counts blank lines above the header in skip, without listing them', () => {
		expect(sniffDialect('\n\nid,name\n1,Ann\n', true)).toMatchObject({ skip: 2, skipped: [] });
	});

	it('does not skip lines of a file that is narrow all the way down', () => {
		expect(sniffDialect('a\nb\nc,d\n', true)).toMatchObject({ skip: 0, skipped: [] });
		expect(sniffDialect('name\nAnn\nBob\n', true)).toMatchObject({ skip: 0, skipped: [] });
	});
});
