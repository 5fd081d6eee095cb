import { describe, expect, it } from 'vitest';
import { looksLikeValue, sniffDialect } from '../../../src/core/ingest/sniff';

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
			hasHeader: true,
			header: ['id', 'name'],
			fieldCount: 2
		});
	});

	it('detects a headerless file whose first row is numbers and dates', () => {
		expect(sniffDialect('1,2024-01-05,10.5\n2,2024-01-06,11\n', true)).toEqual({
			delimiter: ',',
			hasHeader: false,
			header: null,
			fieldCount: 3
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
