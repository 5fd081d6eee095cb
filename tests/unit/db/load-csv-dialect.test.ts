// Issue 15: files DuckDB's reader could not take as they are — whitespace-separated / fixed-width
// text, mixed line ends, a `sep=` line or title lines above the header — load through loadCsv
// with every row counted and editor line numbers exact for rejects.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { datasetPath, datasetPresent } from '../../helpers/datasets';
import type { Engine } from '../../../src/db/engine';
import { ident, sql } from '../../../src/core/sql';
import { loadCsv } from '../../../src/db/load-csv';
import { csvRejectReasonText } from '../../../src/core/reject-reason';
import type { LoadReport } from '../../../src/core/ingest/types';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

const utf8 = (text: string) => new TextEncoder().encode(text);

async function load(name: string, data: Uint8Array | Blob, table = 'raw_t'): Promise<LoadReport> {
	return loadCsv(db, { name, data }, table);
}

async function rows(table = 'raw_t') {
	return db.query(sql`SELECT * FROM ${ident(table)} ORDER BY __row`);
}

/** n order lines `C<i>,2024-01-05,<i>.5` under a header, joined by `eol(i)`. */
function orders(n: number, eol: (i: number) => string, bad: (i: number) => boolean = () => false) {
	let text = 'customer_id,order_date,amount' + eol(-1);
	for (let i = 0; i < n; i++) {
		text += (bad(i) ? `C${i},2024-01-05` : `C${i},2024-01-05,${i}.5`) + eol(i);
	}
	return text;
}

describe('mixed line ends', () => {
	// It was refused whole: "CSV Parser state machine reached an invalid state… strict_mode…".
	it('an LF file with one CR LF line in 10,000 loads every row', async () => {
		const text = orders(10_000, (i) => (i === 5_000 ? '\r\n' : '\n'));
		const r = await load('one-crlf.csv', utf8(text));
		expect(r).toMatchObject({ dataRows: 10_000, rowsLoaded: 10_000, rowsRejected: 0 });
		expect(r.unaccounted).toBe(0);
		const [cell] = await db.query<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM raw_t WHERE amount LIKE '%' || chr(13) || '%'"
		);
		expect(cell!.n).toBe(0);
	});

	it('keeps exact editor lines and record numbers of rejects after a CR LF (from a Blob)', async () => {
		// Lines: header 1, record i on line i + 2; the CR LF ends line 3,002, the bad record is
		// record 7,001 on line 7,002.
		const text = orders(
			10_000,
			(i) => (i === 3_000 ? '\r\n' : '\n'),
			(i) => i === 7_000
		);
		const r = await load('one-crlf-bad.csv', new Blob([utf8(text)]));
		expect(r).toMatchObject({ dataRows: 10_000, rowsLoaded: 9_999, rowsRejected: 1 });
		expect(r.rejects.map((x) => [x.line, x.row, csvRejectReasonText(x.reason)])).toEqual([
			[7_002, 7_001, expect.stringMatching(/too few fields/)]
		]);
		const [next] = await db.query<{ c: string }>(
			'SELECT customer_id AS c FROM raw_t WHERE __row = 7002'
		);
		expect(next!.c).toBe('C7001');
	});

	it.each([
		['a CR LF file with one LF line', (i: number) => (i === 2 ? '\n' : '\r\n')],
		['an LF file with one lone CR', (i: number) => (i === 2 ? '\r' : '\n')],
		['CR LF, LF and CR all mixed', (i: number) => ['\r\n', '\n', '\r'][(i + 3) % 3]!]
	])('%s loads every row (mixed within the sniffed prefix)', async (_n, eol) => {
		const r = await load('mixed.csv', utf8(orders(6, eol, (i) => i === 4)));
		expect(r).toMatchObject({ dataRows: 6, rowsLoaded: 5, rowsRejected: 1 });
		expect(r.rejects.map((x) => x.line)).toEqual([6]);
		expect((await rows()).map((x) => x.amount)).toEqual(['0.5', '1.5', '2.5', '3.5', '5.5']);
	});

	it('a transcoded (UTF-16) file with mixed line ends loads every row', async () => {
		const text = orders(4, (i) => (i === 1 ? '\r\n' : '\n'));
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
		const r = await load('utf16.csv', bytes);
		expect(r).toMatchObject({ encoding: 'utf-16le', dataRows: 4, rowsLoaded: 4 });
	});
});

describe('whitespace-separated and fixed-width text', () => {
	it('loads runs of spaces as one delimiter, with a header (CDNOW layout)', async () => {
		const text =
			' customer_id  date number_of_cds  dollar_value\r\n' +
			' 00001 19970101  1   11.77\r\n' +
			' 00002 19970112  1   12.00\r\n' +
			' 00003 19970102  2  120.76\r\n';
		const r = await load('cdnow.txt', utf8(text));
		expect(r).toMatchObject({ delimiter: ' ', hasHeader: true, dataRows: 3, rowsLoaded: 3 });
		expect(r.columns.map((c) => [c.name, c.kind])).toEqual([
			['customer_id', 'integer'],
			['date', 'date'],
			['number_of_cds', 'integer'],
			['dollar_value', 'decimal']
		]);
		expect((await rows())[2]).toEqual({
			__row: 3,
			customer_id: '00003',
			date: '19970102',
			number_of_cds: '2',
			dollar_value: '120.76'
		});
	});

	it('keeps quoted values with spaces whole, and rejects a short line with its editor line', async () => {
		const text =
			'"id" "city" "amount"\n"C1" "New York" 10.5\n\n"C2"   "Paris"\t7\n"C3" "Rome"\n"C4" "São Paulo" 3\n';
		const r = await load('r-table.txt', utf8(text));
		expect(r).toMatchObject({ dataRows: 4, rowsLoaded: 3, rowsRejected: 1 });
		expect(r.rejects.map((x) => [x.line, x.row])).toEqual([[5, 3]]);
		expect((await rows()).map((x) => [x.__row, x.city])).toEqual([
			[1, 'New York'],
			[2, 'Paris'],
			[4, 'São Paulo']
		]);
	});
});

describe('sep= lines and title lines', () => {
	it('honours sep=; and skips title lines, reporting them; rejects keep their editor lines', async () => {
		const text =
			'sep=;\r\nOrders report\r\nExported on 01.03.2024\r\n\r\n' +
			'customer_id;order_date;amount\r\nC1;2024-01-05;10,50\r\nC2;2024-01-06\r\n\r\nC3;2024-01-07;3,00\r\n';
		const r = await load('excel.csv', utf8(text));
		expect(r).toMatchObject({
			delimiter: ';',
			hasHeader: true,
			dataRows: 3,
			rowsLoaded: 2,
			rowsRejected: 1,
			skippedLines: [
				{ line: 1, text: 'sep=;' },
				{ line: 2, text: 'Orders report' },
				{ line: 3, text: 'Exported on 01.03.2024' }
			]
		});
		expect(r.columns.map((c) => c.name)).toEqual(['customer_id', 'order_date', 'amount']);
		expect(r.rejects.map((x) => [x.line, x.row])).toEqual([[7, 2]]);
		expect((await rows()).map((x) => [x.__row, x.customer_id])).toEqual([
			[1, 'C1'],
			[3, 'C3']
		]);
	});

	it('a file without skipped lines reports none', async () => {
		const r = await load('plain.csv', utf8('a,b\n1,2\n'));
		expect(r.skippedLines).toEqual([]);
	});
});

describe('header-less files', () => {
	it('names a header-less file with a text column column_1…, rows and profiles from line 1', async () => {
		const r = await load('nohead.csv', utf8('Alice,2024-01-05,10.5\nBob,20240106,11\n'));
		expect(r).toMatchObject({ hasHeader: false, dataRows: 2, rowsLoaded: 2 });
		expect(r.columns.map((c) => [c.name, c.kind])).toEqual([
			['column_1', 'text'],
			['column_2', 'date'],
			['column_3', 'decimal']
		]);
	});
});

// The public CDNOW files (../shared/datasets/cdnow): every row loaded, none lost.
describe('CDNOW', () => {
	const master = datasetPath('cdnow/CDNOW_master.txt');
	const sample = datasetPath('cdnow/CDNOW_sample.txt');

	it.skipIf(!datasetPresent(master))('CDNOW_master.txt: 69,659 rows, 4 named columns', async () => {
		const bytes = new Uint8Array(readFileSync(master));
		const t0 = performance.now();
		const r = await load('CDNOW_master.txt', new Blob([bytes]));
		const ms = performance.now() - t0;
		console.log(`CDNOW_master.txt (${bytes.length} bytes) loaded in ${ms.toFixed(0)} ms`);
		expect(r).toMatchObject({
			delimiter: ' ',
			hasHeader: true,
			dataRows: 69_659,
			rowsLoaded: 69_659,
			rowsRejected: 0,
			unaccounted: 0,
			skippedLines: []
		});
		expect(r.columns.map((c) => [c.name, c.kind])).toEqual([
			['customer_id', 'integer'],
			['date', 'date'],
			['number_of_cds', 'integer'],
			['dollar_value', 'decimal']
		]);
		const [sum] = await db.query<{ customers: number; revenue: number }>(
			'SELECT count(DISTINCT customer_id)::INTEGER AS customers, sum(dollar_value::DECIMAL(18,2))::DOUBLE AS revenue FROM raw_t'
		);
		expect(sum).toEqual({ customers: 23_570, revenue: 2_500_315.63 });
	});

	it.skipIf(!datasetPresent(sample))(
		'CDNOW_sample.txt: header-less, 6,919 rows in 5 columns',
		async () => {
			const r = await load('CDNOW_sample.txt', new Uint8Array(readFileSync(sample)));
			expect(r).toMatchObject({
				delimiter: ' ',
				hasHeader: false,
				dataRows: 6_919,
				rowsLoaded: 6_919,
				rowsRejected: 0,
				unaccounted: 0
			});
			expect(r.columns.map((c) => [c.name, c.kind])).toEqual([
				['column_1', 'integer'],
				['column_2', 'integer'],
				['column_3', 'date'],
				['column_4', 'integer'],
				['column_5', 'decimal']
			]);
			expect(r.columns[0]!.samples.slice(0, 2)).toEqual(['00004', '00021']);
			const [sum] = await db.query<{ customers: number; revenue: number }>(
				'SELECT count(DISTINCT column_1)::INTEGER AS customers, sum(column_5::DECIMAL(18,2))::DOUBLE AS revenue FROM raw_t'
			);
			expect(sum).toEqual({ customers: 2_357, revenue: 244_091.94 });
		}
	);
});
