import { describe, expect, it, beforeAll } from 'vitest';
import Papa from 'papaparse';
import { rejectsToCsv } from '../../../src/export/rejects';
import { createNodeEngine, fixtureBytes } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { ident, sql } from '../../../src/core/sql';
import { countColumns, loadCsv } from '../../../src/db/load-csv';
import { LoadError, type LoadProgress, type LoadReport } from '../../../src/core/ingest/types';
import { SAMPLE_WINDOW } from '../../../src/core/ingest/profile';
import { MAX_UPDATE_GAPS } from '../../../src/core/ingest/rejects';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

const fixture = (name: string) => fixtureBytes(`ingest/${name}`);

async function load(name: string, bytes = fixture(name), table = 'raw_t'): Promise<LoadReport> {
	return loadCsv(db, { name, data: bytes }, table);
}

async function rows(table = 'raw_t') {
	return db.query(sql`SELECT * FROM ${ident(table)} ORDER BY __row`);
}

/** Data records counted independently of DuckDB: PapaParse over the decoded text. */
function papaRecords(text: string, delimiter: string, header: boolean): number {
	const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
	return parsed.data.length - (header ? 1 : 0);
}

function utf16le(text: string): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	out[0] = 0xff;
	out[1] = 0xfe;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		out[2 + i * 2] = c & 0xff;
		out[3 + i * 2] = c >> 8;
	}
	return out;
}

describe('loadCsv: encodings', () => {
	it('loads UTF-8 with __row numbering and a profile per column', async () => {
		const r = await load('utf8.csv');
		expect(r).toMatchObject({
			file: 'utf8.csv',
			table: 'raw_t',
			bytes: 86,
			encoding: 'utf-8',
			delimiter: ',',
			hasHeader: true,
			dataRows: 3,
			rowsLoaded: 3,
			rowsRejected: 0,
			rejects: [],
			headerWarnings: []
		});
		expect(await rows()).toEqual([
			{ __row: 1, customer_id: 'C1', order_date: '2024-01-05', amount: '10.50' },
			{ __row: 2, customer_id: 'C2', order_date: '2024-01-06', amount: '20' },
			{ __row: 3, customer_id: 'C1', order_date: '2024-02-01', amount: '5.25' }
		]);
		expect(r.columns).toEqual([
			{
				name: 'customer_id',
				kind: 'text',
				counted: true,
				nulls: 0,
				distinct: 2,
				samples: ['C1', 'C2']
			},
			{
				name: 'order_date',
				kind: 'date',
				counted: true,
				nulls: 0,
				distinct: 3,
				samples: ['2024-01-05', '2024-01-06', '2024-02-01']
			},
			{
				name: 'amount',
				kind: 'decimal',
				counted: true,
				nulls: 0,
				distinct: 3,
				samples: ['10.50', '20', '5.25']
			}
		]);
		const cols = await db.query(sql`SELECT column_name, data_type FROM information_schema.columns
			WHERE table_name = 'raw_t' ORDER BY ordinal_position`);
		expect(cols.map((c) => `${c.column_name}:${c.data_type}`)).toEqual([
			'__row:BIGINT',
			'customer_id:VARCHAR',
			'order_date:VARCHAR',
			'amount:VARCHAR'
		]);
	});

	it('strips a UTF-8 BOM from the first header name', async () => {
		const r = await load('utf8-bom.csv');
		expect(r.encoding).toBe('utf-8-bom');
		expect(await rows()).toEqual([
			{ __row: 1, id: '1', name: 'Ann' },
			{ __row: 2, id: '2', name: 'Bob' }
		]);
	});

	it('transcodes UTF-16LE with BOM', async () => {
		const r = await load('utf16le.csv');
		expect(r.encoding).toBe('utf-16le');
		expect(await rows()).toEqual([
			{ __row: 1, name: 'Zoë', city: 'Zürich' },
			{ __row: 2, name: '李雷', city: '北京' }
		]);
	});

	it('transcodes GBK (GB18030) with Chinese headers and reports progress', async () => {
		const seen: LoadProgress[] = [];
		const r = await loadCsv(db, { name: 'gbk.csv', data: fixture('gbk.csv') }, 'raw_t', {
			onProgress: (p) => seen.push(p)
		});
		expect(r.encoding).toBe('gb18030');
		expect(r.columns.map((c) => c.name)).toEqual(['客户ID', '下单时间', '实付金额']);
		expect(await rows()).toEqual([
			{ __row: 1, 客户ID: 'C001', 下单时间: '2024/1/5', 实付金额: '￥1,234.50' },
			{ __row: 2, 客户ID: 'C002', 下单时间: '2024/1/6', 实付金额: '88' }
		]);
		expect(r.columns.map((c) => c.kind)).toEqual(['text', 'date', 'decimal']);
		expect(seen.map((p) => p.stage)).toEqual([
			'reading',
			'reading',
			'transcoding',
			'transcoding',
			'parsing',
			'profiling',
			'profiling'
		]);
		expect(seen.find((p) => p.stage === 'parsing')?.fraction).toBeNull();
		expect(seen.filter((p) => p.stage === 'transcoding').map((p) => p.fraction)).toEqual([0, 1]);
	});

	it('falls back to windows-1252 for Latin-1 text', async () => {
		const r = await load('latin1.csv');
		expect(r.encoding).toBe('windows-1252');
		expect(await rows()).toEqual([
			{ __row: 1, name: 'René', city: 'Besançon' },
			{ __row: 2, name: 'José', city: 'Málaga' }
		]);
	});

	it('re-detects the encoding when invalid UTF-8 appears after the sniffed prefix', async () => {
		// 70 000 ASCII records, then one GBK-encoded customer name (客户 = BF CD BB A7).
		const head = new TextEncoder().encode('id,name\n' + 'A,x\n'.repeat(70_000) + 'B,');
		const bytes = new Uint8Array(head.length + 5);
		bytes.set(head);
		bytes.set([0xbf, 0xcd, 0xbb, 0xa7, 0x0a], head.length);
		const r = await load('late-gbk.csv', bytes);
		expect(r).toMatchObject({ encoding: 'gb18030', dataRows: 70_001, rowsRejected: 0 });
		expect(await db.query(sql`SELECT name FROM raw_t WHERE __row = 70001`)).toEqual([
			{ name: '客户' }
		]);
	});
});

describe('loadCsv: issue 5 corpus regressions', () => {
	it('keeps a mostly-UTF-8 file as UTF-8 and rejects the record with corrupt bytes', async () => {
		// Was decoded as windows-1252 and refused as "many control characters".
		const r = await load('invalid-utf8.csv', fixtureBytes('hostile/invalid-utf8.csv'));
		expect(r).toMatchObject({ encoding: 'utf-8', dataRows: 4, rowsLoaded: 3, rowsRejected: 1 });
		expect(r.rejects).toMatchObject([
			{ row: 3, line: 4, column: '商品', reason: { code: 'encoding' } }
		]);
		expect((await rows()).map((x) => x['商品'])).toEqual(['绿茶蛋糕', '咖啡杯子', '蛋糕']);
	});

	it('profiles 500 columns (in batches; one query ran out of memory)', async () => {
		const names = Array.from({ length: 500 }, (_, i) => `c${i}`);
		const text = names.join(',') + '\n' + names.map((_, i) => i).join(',') + '\n';
		const r = await load('wide.csv', new TextEncoder().encode(text));
		expect(r.rowsLoaded).toBe(1);
		expect(r.columns).toHaveLength(500);
		expect(r.columns[499]).toMatchObject({ name: 'c499', kind: 'integer', nulls: 0, distinct: 1 });
	});

	it('refuses a file whose first 64 KB hold no line break, naming file and line', async () => {
		const e = await load(
			'one-line.csv',
			new TextEncoder().encode('x'.repeat(70_000)),
			'raw_x'
		).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(LoadError);
		expect([(e as LoadError).code, (e as LoadError).file]).toEqual(['line', 'one-line.csv']);
		expect((e as LoadError).message).toMatch(/"one-line\.csv": line 1 is longer than 64 KB/);
	});
});

describe('loadCsv: dialects', () => {
	it.each([
		['semicolon.csv', ';', { id: '1', amount: '1.234,50', city: 'Köln' }, 'decimal'],
		['tab.tsv', '\t', { id: '1', amount: '1,234.50', note: 'a, b' }, 'decimal'],
		['pipe.csv', '|', { id: '1', name: 'Ann' }, 'text']
	])('%s: delimiter %j', async (name, delimiter, first, secondKind) => {
		const r = await load(name);
		expect(r.delimiter).toBe(delimiter);
		expect((await rows())[0]).toEqual({ __row: 1, ...first });
		expect(r.columns[0]?.kind).toBe('integer');
		expect(r.columns[1]?.kind).toBe(secondKind);
	});

	it('keeps quoted newlines, delimiters and doubled quotes inside fields', async () => {
		const r = await load('quoted.csv');
		expect(r).toMatchObject({ dataRows: 4, rowsLoaded: 4, rowsRejected: 0 });
		expect(await rows()).toEqual([
			{ __row: 1, id: '1', comment: 'line one\nline two', amount: '5' },
			{ __row: 2, id: '2', comment: 'has, comma', amount: '6' },
			{ __row: 3, id: '3', comment: 'say "hi"', amount: '7' },
			{ __row: 4, id: '4', comment: null, amount: '8' }
		]);
		expect(r.columns[1]).toMatchObject({ name: 'comment', nulls: 1, distinct: 3 });
	});

	it('reads a headerless numeric file as column_1..column_N', async () => {
		const r = await load('headerless.csv');
		expect(r).toMatchObject({ hasHeader: false, dataRows: 3, headerWarnings: [] });
		expect(r.columns.map((c) => [c.name, c.kind])).toEqual([
			['column_1', 'integer'],
			['column_2', 'date'],
			['column_3', 'decimal']
		]);
		expect((await rows())[0]).toEqual({
			__row: 1,
			column_1: '1',
			column_2: '2024-01-05',
			column_3: '10.5'
		});
	});
});

describe('loadCsv: rejected records', () => {
	it('rejects ragged rows and a broken quote, numbering records across a blank line', async () => {
		const bytes = fixture('ragged.csv');
		const r = await load('ragged.csv', bytes);
		const independent = papaRecords(new TextDecoder().decode(bytes), ',', true);
		expect(independent).toBe(6);
		expect(r.rowsLoaded + r.rowsRejected).toBe(independent);
		expect(r).toMatchObject({ dataRows: 6, rowsLoaded: 3, rowsRejected: 3 });
		// Records: 1 Ann, 2 Bob (short), 3 multi-line, [blank line], 4 Dan (long), 5 Eve, 6 open quote
		// (swallows the 7,Gus line). Editor lines: Bob 3, Dan 7 (after 2-line record 3 and the blank), 9.
		expect(await rows()).toEqual([
			{ __row: 1, id: '1', name: 'Ann', amount: '10' },
			{ __row: 3, id: '3', name: 'multi\nline', amount: '30' },
			{ __row: 5, id: '5', name: 'Eve', amount: '50' }
		]);
		expect(r.rejects).toEqual([
			{
				row: 2,
				line: 3,
				lastLine: null,
				column: 'amount',
				reason: { code: 'too-few-fields', expected: 3, found: 2 },
				raw: '2,Bob'
			},
			{
				row: 4,
				line: 7,
				lastLine: null,
				column: null,
				reason: { code: 'too-many-fields', expected: 3 },
				raw: '4,Dan,40,extra'
			},
			{
				row: 6,
				line: 9,
				// The open quote swallows line 10 (7,Gus): the message names both lines.
				lastLine: 10,
				column: 'name',
				reason: { code: 'quote' },
				raw: '6,"open quote,60\n7,Gus,70'
			}
		]);
		expect(rejectsToCsv(r.rejects)).toBe(
			'\uFEFFrow,line,column,reason,message,raw\r\n' +
				'2,3,amount,"too few fields: expected 3, found 2",,"2,Bob"\r\n' +
				'4,7,,"too many fields: expected 3, found more",,"4,Dan,40,extra"\r\n' +
				'6,9,name,unterminated or misplaced quote,,"6,""open quote,60\n7,Gus,70"\r\n'
		);
	});

	it('numbers loaded and rejected records 1..dataRows in file order (CRLF, many blanks)', async () => {
		const text = 'a,b\r\n1,x\r\n\r\n\r\n2\r\n3,y\r\n4,z,z\r\n\r\n5,w\r\n6\r\n';
		const r = await load('crlf.csv', new TextEncoder().encode(text));
		expect(papaRecords(text, ',', true)).toBe(6);
		expect(r).toMatchObject({ dataRows: 6, rowsLoaded: 3, rowsRejected: 3 });
		expect((await rows()).map((x) => [x.__row, x.a])).toEqual([
			[1, '1'],
			[3, '3'],
			[5, '5']
		]);
		expect(r.rejects.map((x) => [x.row, x.line, x.raw])).toEqual([
			[2, 5, '2'],
			[4, 7, '4,z,z'],
			[6, 10, '6']
		]);
	});
	it.each([
		['in place (few gaps)', 7],
		['by rewriting the table (more than MAX_UPDATE_GAPS gaps)', MAX_UPDATE_GAPS + 40]
	])('renumbers %s: every loaded row keeps its record number', async (_, ragged) => {
		// Records 1..n; every third one up to 3·ragged is ragged (one field too many), blank
		// lines sprinkled in. A loaded row's __row must be its record number in the file.
		const n = 3 * ragged + 50;
		const lines = ['id,v'];
		const expected: number[] = [];
		for (let k = 1; k <= n; k++) {
			if (k % 3 === 0 && k <= 3 * ragged) lines.push(`${k},x,extra`);
			else {
				lines.push(`${k},x`);
				expected.push(k);
			}
			if (k % 17 === 0) lines.push('');
		}
		const r = await load('gaps.csv', new TextEncoder().encode(lines.join('\n') + '\n'));
		expect(r).toMatchObject({ dataRows: n, rowsLoaded: n - ragged, rowsRejected: ragged });
		const got = await rows();
		expect(got.map((x) => x.__row)).toEqual(expected);
		expect(got.map((x) => Number(x.id))).toEqual(expected);
		expect(r.rejects.map((x) => x.row)).toEqual(
			Array.from({ length: ragged }, (_, i) => 3 * (i + 1))
		);
	});
});

describe('loadCsv: data rows counted independently of DuckDB (issue 13)', () => {
	it('blank lines before the header: the header is not loaded as a data row', async () => {
		const text = '\n\nid,amount\n1,10\n2\n3,30\n';
		const r = await load('blank-first.csv', new TextEncoder().encode(text));
		expect(r).toMatchObject({ dataRows: 3, rowsLoaded: 2, rowsRejected: 1, unaccounted: 0 });
		expect(await rows()).toEqual([
			{ __row: 1, id: '1', amount: '10' },
			{ __row: 3, id: '3', amount: '30' }
		]);
		expect(r.rejects.map((x) => [x.row, x.line])).toEqual([[2, 5]]);
	});

	it('says how many records the reader neither loaded nor rejected', async () => {
		// An engine whose CSV reader loses record 2 without a reject, as DuckDB does with a line
		// longer than its buffer: the loader's own count must notice.
		const lossy: Engine = {
			...db,
			async exec(q) {
				await db.exec(q);
				const text = typeof q === 'string' ? q : q.text;
				if (text.includes('read_csv(')) await db.exec('DELETE FROM raw_t WHERE __row = 2');
			}
		};
		const text = 'id,amount\n1,10\n2,20\n3,30\n';
		const r = await loadCsv(
			lossy,
			{ name: 'lossy.csv', data: new TextEncoder().encode(text) },
			'raw_t'
		);
		expect(r).toMatchObject({ dataRows: 3, rowsLoaded: 2, rowsRejected: 0, unaccounted: 1 });
	});

	it('refuses a file whose unclosed quote swallows more than MAX_SWALLOWED_LINES lines', async () => {
		const body = Array.from({ length: 30 }, (_, i) => `${i + 1},${i === 4 ? '"x' : 'x'}`);
		const text = `id,name\n${body.join('\n')}\n`;
		const e = await load('open.csv', new TextEncoder().encode(text)).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(LoadError);
		expect(e).toMatchObject({ code: 'quote', params: { line: '6', lines: '25', last: '31' } });
		expect((e as LoadError).message).toMatch(/line 6 is never closed.*25 lines after it/);
		expect(await db.query("SELECT 1 FROM duckdb_tables() WHERE table_name = 'raw_t'")).toEqual([]);
	});
});

describe('loadCsv: files longer than the profile window', () => {
	it('profiles from the first records, counts unseen columns now and the rest on demand', async () => {
		// 25,000 records: id unique; grp cycles through 7 values; late is empty until record
		// 24,001; never is always empty; pad has padded and blank cells.
		const n = SAMPLE_WINDOW + 5_000;
		const lines = ['id,grp,late,never,pad'];
		for (let k = 1; k <= n; k++) {
			const pad = k % 10 === 0 ? '"  "' : k % 3 === 0 ? ` p${k % 4} ` : `p${k % 4}`;
			lines.push(`${k},g${k % 7},${k > n - 1_000 ? `L${k % 50}` : ''},,${pad}`);
		}
		const r = await load('long.csv', new TextEncoder().encode(lines.join('\n') + '\n'));
		expect(r.rowsLoaded).toBe(n);
		const byName = Object.fromEntries(r.columns.map((c) => [c.name, c]));
		expect(byName.id).toMatchObject({ kind: 'integer', counted: false, nulls: null });
		expect(byName.id!.distinct).toBe(SAMPLE_WINDOW);
		expect(byName.grp).toMatchObject({ kind: 'text', counted: false, nulls: null, distinct: 7 });
		expect(byName.late).toMatchObject({
			kind: 'text',
			counted: true,
			nulls: n - 1_000,
			distinct: 50
		});
		expect(byName.never).toMatchObject({ kind: 'empty', counted: true, nulls: n, distinct: 0 });

		const counted = await countColumns(db, r);
		// Expected counts, computed here in plain TypeScript over the same records.
		const cells = lines.slice(1).map((l) => l.split(','));
		const expected = ['id', 'grp', 'late', 'never', 'pad'].map((name, i) => {
			const values = cells.map((c) => c[i]!.replace(/^"|"$/g, '').replace(/^ +| +$/g, ''));
			return {
				name,
				counted: true,
				nulls: values.filter((v) => v === '').length,
				distinct: new Set(values.filter((v) => v !== '')).size
			};
		});
		expect(
			counted.map(({ name, counted, nulls, distinct }) => ({ name, counted, nulls, distinct }))
		).toEqual(expected);
		expect(counted.map((c) => c.kind)).toEqual(r.columns.map((c) => c.kind));
		expect(await countColumns(db, { ...r, columns: counted })).toEqual(counted);
	});
});

describe('loadCsv: headers', () => {
	it('renames blank and duplicate headers (case-insensitive) and the reserved __row', async () => {
		const r = await load('dup-headers.csv');
		expect(r.columns.map((c) => c.name)).toEqual([
			'id',
			'column_2',
			'name',
			'id_2',
			'ID_3',
			'name_2',
			'__row_2'
		]);
		expect(r.headerWarnings).toEqual([
			'Column 2 has a blank header; named it "column_2".',
			'Column 4 repeats the header "id"; renamed it "id_2".',
			'Column 5 repeats the header "ID"; renamed it "ID_3".',
			'Column 6 repeats the header "name"; renamed it "name_2".',
			'Column 7 is named "__row", which is reserved; renamed it "__row_2".'
		]);
		expect(await rows()).toEqual([
			{
				__row: 1,
				id: '1',
				column_2: '2',
				name: '3',
				id_2: '4',
				ID_3: '5',
				name_2: '6',
				__row_2: '7'
			}
		]);
	});

	it('keeps hostile header names verbatim, through ident()', async () => {
		const r = await load('hostile.csv');
		expect(r.columns.map((c) => c.name)).toEqual(['a"b', 'x; DROP TABLE tx', '客户ID']);
		expect(await rows()).toEqual([{ __row: 1, 'a"b': '1', 'x; DROP TABLE tx': '2', 客户ID: '3' }]);
	});

	it('loads a header-only file as 0 rows (not an error)', async () => {
		const r = await load('header-only.csv');
		expect(r).toMatchObject({ dataRows: 0, rowsLoaded: 0, rowsRejected: 0 });
		expect(r.columns).toEqual([
			{ name: 'customer_id', kind: 'empty', counted: true, nulls: 0, distinct: 0, samples: [] },
			{ name: 'order_date', kind: 'empty', counted: true, nulls: 0, distinct: 0, samples: [] },
			{ name: 'amount', kind: 'empty', counted: true, nulls: 0, distinct: 0, samples: [] }
		]);
		expect(await rows()).toEqual([]);
	});
});

describe('loadCsv: refused files', () => {
	async function loadError(name: string, bytes: Uint8Array): Promise<LoadError> {
		const e = await load(name, bytes, 'raw_refused').catch((x: unknown) => x);
		expect(e).toBeInstanceOf(LoadError);
		expect(
			await db.query(sql`SELECT table_name FROM duckdb_tables() WHERE table_name = 'raw_refused'`)
		).toEqual([]);
		return e as LoadError;
	}

	it('empty file', async () => {
		const e = await loadError('empty.csv', fixture('empty.csv'));
		expect([e.code, e.file, e.message]).toEqual([
			'empty',
			'empty.csv',
			'"empty.csv" is empty (0 bytes).'
		]);
	});

	it('blank lines only', async () => {
		const e = await loadError('blank.csv', new TextEncoder().encode('\n  \r\n'));
		expect(e.code).toBe('empty');
	});

	// Issue 15: workbooks load (db/unwrap); one cut off after its first bytes is damaged.
	it('an Excel workbook cut off after its zip signature', async () => {
		const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
		const e = await loadError('orders.xlsx', xlsx);
		expect(e.code).toBe('xlsxDamaged');
		expect(e.message).toContain('damaged or incomplete Excel workbook');
		expect(e.message).toContain('CSV');
	});

	it('binary data', async () => {
		const e = await loadError(
			'data.bin',
			new Uint8Array([0x01, 0x00, 0x02, 0x03, 0x00, 0x00, 0x41])
		);
		expect(e.code).toBe('binary');
	});

	it('text that decodes to control characters', async () => {
		const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x81 : 0x01 + (i % 7)));
		const e = await loadError('garbage.csv', bytes);
		expect(e.code).toBe('encoding');
	});
});

describe('loadCsv: input handling', () => {
	it('reads a Blob, leaves the caller’s bytes intact, drops its registered file', async () => {
		const bytes = fixture('pipe.csv');
		const before = Array.from(bytes);
		const r = await loadCsv(
			db,
			{ name: 'pipe.csv', data: new Blob([new Uint8Array(bytes)]) },
			'raw_blob'
		);
		expect(r.rowsLoaded).toBe(3);
		await load('pipe.csv', bytes);
		expect(Array.from(bytes)).toEqual(before);
		const files = await db.query(`SELECT * FROM glob('/clientele/upload_*')`);
		expect(files).toEqual([]);
	});

	it('aborts before parsing: AbortError and no table left behind', async () => {
		const controller = new AbortController();
		const e = await loadCsv(db, { name: 'utf8.csv', data: fixture('utf8.csv') }, 'raw_abort', {
			signal: controller.signal,
			onProgress: (p) => {
				if (p.stage === 'parsing') controller.abort();
			}
		}).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(DOMException);
		expect((e as DOMException).name).toBe('AbortError');
		expect(
			await db.query(sql`SELECT table_name FROM duckdb_tables() WHERE table_name = 'raw_abort'`)
		).toEqual([]);
	});

	it('UTF-16LE generated in the test matches the committed fixture', async () => {
		expect(Array.from(utf16le('name,city\r\nZoë,Zürich\r\n李雷,北京\r\n'))).toEqual(
			Array.from(fixture('utf16le.csv'))
		);
	});
});
