// File loading and classification (src/db/pipeline/files.ts) against the Node engine.
import { beforeEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import {
	classify,
	inputBytes,
	inputHead,
	loadFiles,
	reloadOrdersFile,
	startDataSet,
	UNPACK_FACTOR,
	unpackedBytes,
	type DatabaseEngine
} from '../../../../src/db/pipeline/files';
import { prefersCompressed } from '../../../../src/db/memory';
import { gzipSync } from 'node:zlib';
import { CUSTOMERS, file, ORDERS, PRODUCTS } from './fixtures';

let db: Engine;
beforeEach(async () => {
	db = await createNodeEngine();
});

const tables = async (engine: Engine = db) =>
	(
		await engine.query<{ t: string }>(
			`SELECT database_name || '.' || table_name AS t FROM duckdb_tables() WHERE NOT internal ORDER BY t`
		)
	).map((r) => r.t);

describe('loadFiles', () => {
	it('tells an orders file from a customers file and drops a file that is neither', async () => {
		const placed: string[] = [];
		const read: (string | null)[] = [];
		const files = await loadFiles(
			db,
			[file('people.csv', CUSTOMERS), file('sales.csv', ORDERS), file('skus.csv', PRODUCTS)],
			{ onLoaded: (f) => placed.push(`${f.input.name}:${f.kind}`), onFile: (n) => read.push(n) }
		);
		expect(files.map((f) => [f.input.name, f.kind, f.report.table])).toEqual([
			['people.csv', 'customers', 'raw_customers'],
			['sales.csv', 'orders', 'raw_orders'],
			['skus.csv', 'unused', 'raw_upload_2']
		]);
		// Told as each file is placed, in order; the file being read is told before it is read.
		expect(placed).toEqual(['people.csv:customers', 'sales.csv:orders', 'skus.csv:unused']);
		expect(read).toEqual(['people.csv', 'sales.csv', 'skus.csv', null]);
		expect(await tables()).toEqual(['memory.raw_customers', 'memory.raw_orders']);
		const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM raw_orders');
		expect(n!.n).toBe(6);
		expect(files[1]!.report.rowsLoaded).toBe(6);
		expect(files[0]!.report.rowsLoaded).toBe(3);
	});

	it('appends a second orders file with the same columns to the first; one with other columns is unused', async () => {
		const second = ORDERS.replace('1001,2024-01-05,A,10.00', '1001,2024-01-05,Z,99.00');
		const other = 'customer_id,order_date,amount\nQ,2024-05-01,1\n';
		const files = await loadFiles(db, [
			file('a.csv', ORDERS),
			file('b.csv', second),
			file('c.csv', other)
		]);
		expect(files.map((f) => f.kind)).toEqual(['orders', 'orders', 'unused']);
		const rows = await db.query<{ c: string; f: string }>(
			`SELECT customer_id AS c, source_file AS f FROM raw_orders WHERE order_id = '1001' ORDER BY __row`
		);
		expect(rows).toEqual([
			{ c: 'A', f: 'a.csv' },
			{ c: 'Z', f: 'b.csv' }
		]);
		expect(files[2]!.differ).toMatchObject({ kind: 'orders', missing: ['order_id', 'region'] });
	});

	it('replaces the raw orders table of an earlier load', async () => {
		await loadFiles(db, [file('a.csv', ORDERS)]);
		await loadFiles(db, [file('b.csv', 'customer_id,order_date,amount\nQ,2024-05-01,1\n')]);
		const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM raw_orders');
		expect(n!.n).toBe(1);
	});

	it('re-reads the orders file in the encoding the person chose', async () => {
		const latin = new Uint8Array([
			...new TextEncoder().encode('customer_id,order_date,amount\n'),
			...[0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e], // "Jürgen" in windows-1252
			...new TextEncoder().encode(',2024-05-01,1\n')
		]);
		const input = { name: 'de.csv', data: latin };
		const report = await reloadOrdersFile(db, input, 'windows-1252');
		expect(report.table).toBe('raw_orders');
		expect(report.encoding).toBe('windows-1252');
		expect(await db.query('SELECT customer_id FROM raw_orders')).toEqual([
			{ customer_id: 'Jürgen' }
		]);
	});
});

describe('classify', () => {
	it('needs a date and an amount (or quantity and price) for orders, a customer id for customers', async () => {
		const [orders, customers, lines] = await loadFiles(db, [
			file('o.csv', ORDERS),
			file('c.csv', CUSTOMERS),
			file('l.csv', 'customer_id,order_date,quantity,unit_price\nA,2024-01-01,2,3.5\n')
		]);
		expect(classify(orders!.report.columns, false).kind).toBe('orders');
		expect(classify(orders!.report.columns, true).kind).toBe('unused');
		expect(classify(customers!.report.columns, false).kind).toBe('customers');
		expect(classify(lines!.report.columns, false).kind).toBe('orders');
		expect(classify(lines!.report.columns, false).orderRoles.roles).toMatchObject({
			quantity: 'quantity',
			unit_price: 'unit_price'
		});
	});
});

/** The Node engine with the browser engine's choice of database (USE). */
function withDatabases(engine: Engine): DatabaseEngine & { current: () => string } {
	let current = 'memory';
	return {
		...engine,
		defaultDatabase: 'memory',
		current: () => current,
		async useDatabase(name: string) {
			await engine.exec(`USE ${name}`);
			current = name;
		}
	};
}

describe('startDataSet', () => {
	it('drops the previous data set in both databases and picks the compressed one for large files', async () => {
		const engine = withDatabases(db);
		await db.exec('CREATE TABLE memory.raw_orders (x INT); CREATE TABLE packed.tx (x INT)');
		await db.exec('CREATE TABLE memory.keep_me (x INT)');
		const inputs = [file('o.csv', ORDERS)];
		const bytes = inputBytes(inputs);
		expect(bytes).toBe(new TextEncoder().encode(ORDERS).byteLength);
		// Plain tables take about 5× the file: over 60 % of the limit goes compressed.
		expect(await startDataSet(engine, inputs, '1GB')).toBe(false);
		expect(engine.current()).toBe('memory');
		expect(await tables()).toEqual(['memory.keep_me']);
		// 0.001 MiB (1,048 bytes): the file's plain tables (5 × ~200 bytes) pass 60 % of it.
		expect(await startDataSet(engine, inputs, 0.001)).toBe(true);
		expect(engine.current()).toBe('packed');
	});
});

describe('unpackedBytes', () => {
	const text = 'customer_id,order_date,amount\n' + 'A,2024-01-05,10.00\n'.repeat(5000);
	const plain = new TextEncoder().encode(text);
	const gz = new Uint8Array(gzipSync(plain));

	it('takes a .gz file at its unpacked size (the ISIZE trailer), as bytes or as a Blob', async () => {
		expect(gz.byteLength * 20).toBeLessThan(plain.byteLength);
		expect(await unpackedBytes([{ name: 'o.csv.gz', data: gz }])).toBe(plain.byteLength);
		const blob = new Blob([gz]);
		expect(await unpackedBytes([{ name: 'o.csv.gz', data: blob }])).toBe(plain.byteLength);
		expect(await unpackedBytes([{ name: 'o.csv', data: plain }])).toBe(plain.byteLength);
	});

	it('takes a zip archive at UNPACK_FACTOR times its size, and an untrustworthy trailer too', async () => {
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(96).fill(0)]);
		expect(await unpackedBytes([{ name: 'o.zip', data: zip }])).toBe(100 * UNPACK_FACTOR);
		// A trailer smaller than the file (over 4 GiB, or several members): the factor.
		const cut = gz.slice();
		cut.set([1, 0, 0, 0], cut.length - 4);
		expect(await unpackedBytes([{ name: 'o.csv.gz', data: cut }])).toBe(
			cut.byteLength * UNPACK_FACTOR
		);
	});

	it('lets startDataSet choose the compressed database for a .gz whose text is large', async () => {
		const engine = withDatabases(db);
		// 0.05 MiB (52,429 bytes): the packed file alone (5 × its size) is well under 60 % of it,
		// the unpacked text (5 × 95,030 bytes) well over.
		expect(prefersCompressed(gz.byteLength, 0.05 * 1024 ** 2)).toBe(false);
		expect(await startDataSet(engine, [{ name: 'o.csv.gz', data: gz }], 0.05)).toBe(true);
	});
});

describe('inputHead', () => {
	it('gives the first bytes of bytes and of a Blob, and says whether that is all', async () => {
		const bytes = new TextEncoder().encode('abcdef');
		expect(await inputHead({ name: 'x', data: bytes }, 4)).toEqual({
			bytes: bytes.subarray(0, 4),
			whole: false
		});
		const blob = await inputHead({ name: 'x', data: new Blob([bytes]) }, 10);
		expect([new TextDecoder().decode(blob.bytes), blob.whole]).toEqual(['abcdef', true]);
	});
});
