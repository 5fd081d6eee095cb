// Issue 15: Excel cells as CSV text — serial dates as ISO, numbers as plain decimals, RFC 4180
// fields — and the sheet's rows as the CSV's lines of the same numbers.
import { describe, expect, it } from 'vitest';
import {
	columnIndex,
	csvField,
	excelSerialToIso,
	isoCellDate,
	plainNumber
} from '../../../src/core/ingest/xlsx/values';
import {
	formatKind,
	parseDateStyles,
	parseWorkbook,
	SharedStrings
} from '../../../src/core/ingest/xlsx/workbook';
import { SheetToCsv, WIDTH_ROWS } from '../../../src/core/ingest/xlsx/sheet';
import { afterLastClose, xmlText } from '../../../src/core/ingest/xlsx/xml';

describe('Excel serial dates', () => {
	it('read as the calendar dates Excel shows, in both date systems', () => {
		expect(excelSerialToIso(45296, 'date')).toBe('2024-01-05');
		expect(excelSerialToIso(45658.5, 'datetime')).toBe('2025-01-01 12:00:00');
		expect(excelSerialToIso(1, 'date')).toBe('1900-01-01');
		expect(excelSerialToIso(59, 'date')).toBe('1900-02-28');
		expect(excelSerialToIso(60, 'date')).toBe('1900-02-29'); // Lotus's leap day, kept as written
		expect(excelSerialToIso(61, 'date')).toBe('1900-03-01');
		expect(excelSerialToIso(43830, 'date', true)).toBe('2024-01-01'); // 45292 − 1462;
		expect(excelSerialToIso(0.75, 'time')).toBe('18:00:00');
		// 23:59:59.6 rounds to the next day, not to 24:00:00
		expect(excelSerialToIso(45296 + 86399.6 / 86400, 'datetime')).toBe('2024-01-06 00:00:00');
		expect(excelSerialToIso(-1, 'date')).toBeNull();
	});
});

describe('numbers', () => {
	it('stay plain decimals with at most 15 significant digits, as Excel shows them', () => {
		expect(plainNumber('10.5')).toBe('10.5');
		expect(plainNumber('1234567.89')).toBe('1234567.89');
		expect(plainNumber('0.30000000000000004')).toBe('0.3');
		expect(plainNumber('2.5499999999999998')).toBe('2.55');
		expect(plainNumber('1.0000000000000001E-3')).toBe('0.001');
		expect(plainNumber('1.23E+20')).toBe('123000000000000000000');
		expect(plainNumber('-4.5E-7')).toBe('-0.00000045');
		expect(plainNumber('-0')).toBe('0');
		expect(plainNumber('#N/A')).toBe('#N/A');
	});
});

describe('format codes', () => {
	it('tell dates, times and numbers apart', () => {
		expect(formatKind('yyyy-mm-dd')).toBe('date');
		expect(formatKind('yyyy\\-mm\\-dd\\ hh:mm:ss')).toBe('datetime');
		expect(formatKind('[$-409]d-mmm-yy;@')).toBe('date');
		expect(formatKind('yyyy"年"m"月"d"日"')).toBe('date');
		expect(formatKind('h:mm AM/PM')).toBe('time');
		expect(formatKind('[h]:mm:ss')).toBe('time');
		expect(formatKind('mm:ss.0')).toBe('time');
		expect(formatKind('#,##0.00')).toBeNull();
		expect(formatKind('0.00E+00')).toBeNull();
		expect(formatKind('"Date: "0')).toBeNull();
		expect(formatKind('General')).toBeNull();
		expect(formatKind('[Red]#,##0')).toBeNull();
		expect(formatKind('@')).toBeNull();
	});

	it('styles map cell style indexes to built-in and custom date formats', () => {
		const styles =
			'<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.000"/></numFmts>' +
			'<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>' +
			'<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>';
		expect(parseDateStyles(styles)).toEqual([null, 'date', 'date', null, 'datetime']);
	});
});

it('fields are quoted as RFC 4180 asks; a line break in a cell becomes a space', () => {
	expect(csvField('plain')).toBe('plain');
	expect(csvField('a,b')).toBe('"a,b"');
	expect(csvField('say "hi"')).toBe('"say ""hi"""');
	expect(csvField('two\r\nlines')).toBe('two lines');
	expect(columnIndex('A1')).toBe(0);
	expect(columnIndex('AB7')).toBe(27);
	expect(isoCellDate('2024-01-05T10:30:00Z', 'datetime')).toBe('2024-01-05 10:30:00');
	expect(isoCellDate('2024-01-05T00:00:00', 'date')).toBe('2024-01-05');
	expect(xmlText('a &amp; b &lt;c&gt; &#x4E2D;&#25991; _x000D_')).toBe('a & b <c> 中文 \r');
});

it('the workbook lists its sheets in order with their parts and the 1904 flag', () => {
	const wb =
		'<workbook xmlns:r="r"><workbookPr date1904="1"/><sheets><sheet name="Orders &amp; co" sheetId="3" r:id="rId2"/><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>';
	const rels =
		'<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>';
	expect(parseWorkbook(wb, rels)).toEqual({
		sheets: [
			{ name: 'Orders & co', path: 'xl/worksheets/sheet2.xml' },
			{ name: 'Notes', path: 'xl/worksheets/sheet1.xml' }
		],
		date1904: true
	});
});

it('shared strings read in pieces split anywhere, leaving out phonetic guides', () => {
	const xml =
		'<sst><si><t>Tea</t></si><si><r><t>Green </t></r><r><rPr/><t>tea</t></r></si><si><t>東京</t><rPh><t>トウキョウ</t></rPh></si><si/></sst>';
	for (let size = 1; size <= xml.length; size += 7) {
		const table = new SharedStrings();
		for (let at = 0; at < xml.length; at += size) table.push(xml.slice(at, at + size));
		expect(table.end()).toEqual(['Tea', 'Green tea', '東京', '']);
	}
	expect(afterLastClose('<row r="1"></row><row r="2">', 'row')).toBe(17);
});

describe('a sheet as CSV', () => {
	const ctx = {
		strings: ['id', 'date', 'amount', 'C1', 'a "quoted", value'],
		dateStyles: [null, 'date' as const],
		date1904: false
	};
	const convert = (xml: string, pieces = 1) => {
		let csv = '';
		const reader = new SheetToCsv(ctx, (t) => (csv += t));
		const size = Math.ceil(xml.length / pieces);
		for (let at = 0; at < xml.length; at += size) reader.push(xml.slice(at, at + size));
		reader.end();
		return { csv, rows: reader.rowsWithData };
	};

	it('keeps each row on the line of its number, pads short rows, types each cell', () => {
		const xml =
			'<worksheet><dimension ref="A1:C5"/><sheetData>' +
			'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
			'<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45296</v></c><c r="C2"><v>10.5</v></c></row>' +
			'<row r="5"><c r="A5" t="inlineStr"><is><t>C2</t></is></c><c r="C5" t="str"><f>A1</f><v>x</v></c></row>' +
			'<row r="6"><c r="B6" t="s"><v>4</v></c><c r="C6" t="b"><v>1</v></c></row>' +
			'</sheetData></worksheet>';
		const want = 'id,date,amount\nC1,2024-01-05,10.5\n\n\nC2,,x\n,"a ""quoted"", value",TRUE\n';
		for (const pieces of [1, 3, 17, xml.length]) expect(convert(xml, pieces).csv).toBe(want);
		expect(convert(xml).rows).toBe(4);
	});

	it('an empty sheet has no rows with data', () => {
		expect(convert('<worksheet><sheetData/></worksheet>')).toEqual({ csv: '', rows: 0 });
	});

	it(`a row wider than the first ${WIDTH_ROWS} keeps its values (the reader rejects it)`, () => {
		const row = (r: number, n: number) =>
			`<row r="${r}">${Array.from({ length: n }, (_, i) => `<c><v>${i}</v></c>`).join('')}</row>`;
		const rows = Array.from({ length: WIDTH_ROWS + 1 }, (_, i) => row(i + 1, 2)).join('');
		const { csv } = convert(`<sheetData>${rows}${row(WIDTH_ROWS + 2, 3)}</sheetData>`);
		const lines = csv.trimEnd().split('\n');
		expect(lines.length).toBe(WIDTH_ROWS + 2);
		expect(lines.at(-1)).toBe('0,1,2');
		expect(lines[0]).toBe('0,1');
	});
});
