import { describe, expect, it } from 'vitest';
import { csvBlob, toCsv } from '../../../src/export/csv';
import type { RejectedRow } from '../../../src/core/ingest/types';

const BOM = '\uFEFF';
const cols = [{ key: 'v', label: 'value' }];

/** The single data cell of a one-column CSV, as written. */
function cell(value: unknown): string {
	const text = toCsv(cols, [{ v: value }]);
	const head = BOM + 'value\r\n';
	expect(text.startsWith(head) && text.endsWith('\r\n')).toBe(true);
	return text.slice(head.length, -2);
}

describe('toCsv', () => {
	it('starts with a BOM, separates lines with CRLF and ends with one', () => {
		const text = toCsv(
			[
				{ key: 'a', label: 'A' },
				{ key: 'b', label: 'B' }
			],
			[
				{ a: 1, b: 'x' },
				{ a: 2, b: 'y' }
			]
		);
		expect(text).toBe('\uFEFFA,B\r\n1,x\r\n2,y\r\n');
	});

	it('writes columns in the given order, labels as header, missing and null as empty', () => {
		const text = toCsv(
			[
				{ key: 'b', label: 'Second' },
				{ key: 'a', label: 'First' },
				{ key: 'c', label: 'Third' }
			],
			[{ a: 1, b: null }]
		);
		expect(text).toBe(BOM + 'Second,First,Third\r\n,1,\r\n');
	});

	it.each([
		['comma', 'a,b', '"a,b"'],
		['quote', 'say "hi"', '"say ""hi"""'],
		['LF', 'line1\nline2', '"line1\nline2"'],
		['CRLF', 'line1\r\nline2', '"line1\r\nline2"'],
		['plain', 'plain text', 'plain text'],
		['leading space kept', '  x ', '  x ']
	])('quotes per RFC 4180: %s', (_name, value, expected) => {
		expect(cell(value)).toBe(expected);
	});

	it('keeps Chinese text as is (UTF-8 with BOM)', () => {
		const text = toCsv(
			[{ key: 'name', label: '客户名称' }],
			[{ name: '张三,北京' }, { name: '李四，上海' }]
		);
		// Only the ASCII comma separates fields; the full-width '，' is ordinary text.
		expect(text).toBe(BOM + '客户名称\r\n"张三,北京"\r\n李四，上海\r\n');
	});

	it.each([
		[
			'=HYPERLINK("http://evil.example","click")',
			`"'=HYPERLINK(""http://evil.example"",""click"")"`
		],
		// '|' and tab are separators in some locales: such cells are quoted (issue 13).
		['+cmd|/C calc!A0', `"'+cmd|/C calc!A0"`],
		['@SUM(1)', "'@SUM(1)"],
		['-2+3', "'-2+3"],
		['=1+1', "'=1+1"],
		['\tx', `"'\tx"`],
		['\rx', `"'\rx"`],
		['-', "'-"],
		['+', "'+"]
	])('neutralises the formula-like string %j', (value, expected) => {
		expect(cell(value)).toBe(expected);
	});

	it.each([
		['-2.5', '-2.5'],
		['-12', '-12'],
		['+7', '+7'],
		['-.5', '-.5'],
		['-1e3', '-1e3']
	])('leaves the numeric string %j alone', (value, expected) => {
		expect(cell(value)).toBe(expected);
	});

	it.each([
		[-2.5, '-2.5'],
		[1234567.89, '1234567.89'],
		[0.1, '0.1'],
		[-0, '0'],
		[42, '42'],
		[Number.NaN, ''],
		[Number.POSITIVE_INFINITY, '']
	])('writes the number %s with a dot and no grouping', (value, expected) => {
		expect(cell(value)).toBe(expected);
	});

	it.each([
		[0.1 + 0.2, '0.3'],
		[536.18 + 1e-13, '536.18'],
		[1 / 3, '0.333333333333333'],
		[1.5e-9, '1.5e-9'],
		[9007199254740991, '9007199254740991']
	])(
		'writes %s without binary noise (15 significant digits; integers whole)',
		(value, expected) => {
			expect(cell(value)).toBe(expected);
		}
	);

	it.each([
		[536.1800000000001, '536.18'],
		[1.005, '1.01'],
		[-1.005, '-1.01'],
		[2.675, '2.68'],
		[0.004, '0'],
		[-0.004, '0'],
		[19.9, '19.9'],
		[120, '120'],
		[1234567.891, '1234567.89']
	])('writes money %s to the cent, halves away from zero', (value, expected) => {
		const text = toCsv([{ key: 'v', label: 'value', kind: 'money' }], [{ v: value }]);
		expect(text).toBe(`${BOM}value\r\n${expected}\r\n`);
	});

	it('writes other types: bigint, boolean, Date, objects as JSON', () => {
		expect(cell(12345678901234567890n)).toBe('12345678901234567890');
		expect(cell(true)).toBe('true');
		expect(cell(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05T00:00:00.000Z');
		expect(cell({ a: 1 })).toBe('"{""a"":1}"');
	});

	it('neutralises header labels too (they can come from user column names)', () => {
		const text = toCsv([{ key: 'x', label: '=cmd' }], []);
		expect(text).toBe(BOM + "'=cmd\r\n");
	});
});

describe('csvBlob', () => {
	it('encodes as UTF-8 with the BOM bytes first', async () => {
		const blob = csvBlob(toCsv([{ key: 'n', label: '名' }], [{ n: 'é' }]));
		expect(blob.type).toBe('text/csv;charset=utf-8');
		const bytes = new Uint8Array(await blob.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFF名\r\né\r\n');
	});
});

describe('rejectsToCsv', () => {
	it('uses the export rules: BOM, quoting and formula neutralisation of raw lines', async () => {
		const { rejectsToCsv } = await import('../../../src/export/rejects');
		// lastLine (the last line of a record spanning several) is not a column of the download;
		// the assertion keeps this test compiling whether RejectedRow has the field or not.
		const reject = {
			row: 3,
			line: 4,
			column: null,
			reason: { code: 'too-many-fields', expected: 2 } as const
		};
		const text = rejectsToCsv([
			{ ...reject, lastLine: null, raw: '=HYPERLINK("x"),1,2' } as RejectedRow
		]);
		expect(text).toBe(
			'\uFEFFrow,line,column,reason,message,raw\r\n3,4,,"too many fields: expected 2, found more",,"\'=HYPERLINK(""x""),1,2"\r\n'
		);
	});
});
