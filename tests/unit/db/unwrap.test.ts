// Issue 15: compressed files, zip archives and Excel workbooks unpacked in front of the CSV
// loader (db/unwrap): recognised by their bytes, streamed, capped, and refused with a message that
// names the file, what was expected and what to do.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { unwrapInput, type Unwrapped } from '../../../src/db/unwrap';
import { inputHead } from '../../../src/db/pipeline/files';
import { LoadError, type LoadProgress } from '../../../src/core/ingest/types';
import { gzipBomb, xlsx, zip } from '../../helpers/xlsx-writer.mjs';

const CSV = 'customer_id,order_date,amount\nC1,2024-01-05,10.50\nC2,2024-01-06,20\n';
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = async (u: Unwrapped) =>
	new TextDecoder().decode(
		u.input.data instanceof Uint8Array ? u.input.data : await u.input.data.arrayBuffer()
	);

async function refusal(p: Promise<unknown>): Promise<LoadError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(LoadError);
	return e as LoadError;
}

describe('gzip', () => {
	it('is recognised by its bytes, not its name, and keeps the name the person gave', async () => {
		const u = await unwrapInput({ name: 'orders.csv', data: gzipSync(CSV) });
		expect(await text(u)).toBe(CSV);
		expect(u.input.name).toBe('orders.csv');
		expect(u.container).toMatchObject({ kinds: ['gzip'], entry: null, sheet: null });
	});

	it('streams a file given in many small pieces, with progress up to 1', async () => {
		const rows = Array.from({ length: 400_000 }, (_, i) => `C${i % 977},2024-01-05,${i}.25`);
		const big = utf8(['customer_id,order_date,amount', ...rows].join('\n') + '\n');
		const packed = new Uint8Array(gzipSync(big));
		const parts = Array.from({ length: Math.ceil(packed.length / 1000) }, (_, i) =>
			packed.subarray(i * 1000, i * 1000 + 1000)
		);
		const seen: LoadProgress[] = [];
		const u = await unwrapInput(
			{ name: 'big.csv.gz', data: new Blob(parts) },
			{ onProgress: (p) => seen.push(p) }
		);
		const out = new Uint8Array(await (u.input.data as Blob).arrayBuffer());
		expect(out.length).toBe(big.length);
		expect(Buffer.from(out).equals(Buffer.from(big))).toBe(true);
		expect(seen.every((p) => p.stage === 'decompressing')).toBe(true);
		expect(seen.at(-1)!.fraction).toBe(1);
		expect(u.container!.compressedBytes).toBe(packed.length);
	});

	it('a truncated .gz is refused as damaged, naming the file and what to do', async () => {
		const packed = gzipSync(CSV.repeat(200));
		const e = await refusal(
			unwrapInput({ name: 'cut.csv.gz', data: packed.subarray(0, packed.length / 2) })
		);
		expect(e.code).toBe('gzipDamaged');
		expect(e.file).toBe('cut.csv.gz');
		expect(e.message).toMatch(
			/"cut\.csv\.gz" is a damaged or incomplete gzip file.*Download or copy it again/
		);
	});

	it('a gzip bomb stops at the cap, even when its recorded size lies', async () => {
		const bomb = new Uint8Array(gzipSync(new Uint8Array(8 * 1024 * 1024)));
		const honest = await refusal(
			unwrapInput({ name: 'bomb.csv.gz', data: bomb }, { maxBytes: 1024 * 1024 })
		);
		expect(honest.code).toBe('tooLarge');
		expect(honest.params).toEqual({ limit: '1 MiB' });
		bomb.fill(0, bomb.length - 4); // ISIZE says 0 bytes
		const liar = await refusal(
			unwrapInput({ name: 'bomb.csv.gz', data: bomb }, { maxBytes: 1024 * 1024 })
		);
		expect(liar.code).toBe('tooLarge');
		expect(liar.message).toMatch(/larger than 1 MiB once decompressed.*Split the data/);
	});

	it('a bomb far below the cap stops once it has inflated 100 times what was read', async () => {
		const e = await refusal(
			unwrapInput({ name: 'bomb.csv.gz', data: gzipBomb(100 * 1024 * 1024) })
		);
		expect(e.code).toBe('compressionRatio');
		expect(e.params).toEqual({ ratio: 100 });
		expect(e.message).toMatch(/decompress it with another tool and load the CSV itself/);
	});
});

describe('zip', () => {
	it('with one table: that table (deflated or stored), its name in the report', async () => {
		for (const store of [false, true]) {
			const data = zip([
				{ name: 'export/', data: '' },
				{ name: '__MACOSX/export/._orders.csv', data: 'junk' },
				{ name: 'export/orders.csv', data: CSV, store },
				{ name: 'export/readme.md', data: '# notes' }
			]);
			const u = await unwrapInput({ name: 'export.zip', data });
			expect(await text(u)).toBe(CSV);
			expect(u.container).toMatchObject({ kinds: ['zip'], entry: 'export/orders.csv' });
		}
	});

	it('a .csv.gz inside a zip is opened too', async () => {
		const u = await unwrapInput({
			name: 'a.zip',
			data: zip([{ name: 'orders.csv.gz', data: gzipSync(CSV), store: true }])
		});
		expect(await text(u)).toBe(CSV);
		expect(u.container!.kinds).toEqual(['zip', 'gzip']);
	});

	it('with several tables: refused, naming them and asking for one', async () => {
		const data = zip([
			{ name: 'jan.csv', data: CSV },
			{ name: 'feb.csv', data: CSV }
		]);
		const e = await refusal(unwrapInput({ name: 'months.zip', data }));
		expect(e.code).toBe('zipManyTables');
		expect(e.params).toEqual({ count: 2, tables: 'jan.csv, feb.csv' });
	});

	it('with no table: refused, saying what it holds', async () => {
		const e = await refusal(
			unwrapInput({ name: 'photos.zip', data: zip([{ name: 'a.png', data: 'x' }]) })
		);
		expect(e.code).toBe('zipNoTable');
		expect(e.params).toEqual({ entries: 'a.png' });
	});

	it('an entry whose CRC does not match is refused as damaged', async () => {
		const data = zip([{ name: 'orders.csv', data: CSV, store: true }]);
		data[30 + 'orders.csv'.length + 5]! ^= 0xff; // one byte of the stored content
		const e = await refusal(unwrapInput({ name: 'orders.zip', data }));
		expect(e.code).toBe('zipDamaged');
	});

	it('a plain file comes back as it was', async () => {
		const input = { name: 'orders.csv', data: utf8(CSV) };
		const u = await unwrapInput(input);
		expect(u.container).toBeNull();
		expect(u.input).toBe(input);
	});
});

describe('xlsx', () => {
	const orders = [
		['customer_id', 'order_date', 'amount', 'note'],
		['C1', new Date(Date.UTC(2024, 0, 5)), 10.5, 'a, b'],
		['C2', new Date(Date.UTC(2024, 0, 6, 14, 30)), 20, null]
	];

	it('reads the first sheet with data, and names the other sheets that have some', async () => {
		const data = xlsx([
			{ name: 'Cover', rows: [] },
			{ name: 'Orders', rows: orders },
			{ name: 'Empty', rows: [] },
			{ name: 'Customers', rows: [['customer_id'], ['C1']] }
		]);
		const u = await unwrapInput({ name: 'shop.xlsx', data });
		expect(await text(u)).toBe(
			'customer_id,order_date,amount,note\nC1,2024-01-05,10.5,"a, b"\nC2,2024-01-06 14:30:00,20,\n'
		);
		expect(u.container).toMatchObject({
			kinds: ['xlsx'],
			sheet: 'Orders',
			otherSheets: ['Customers']
		});
		const chosen = await unwrapInput({ name: 'shop.xlsx', data }, { sheet: 'Customers' });
		expect(await text(chosen)).toBe('customer_id\nC1\n');
	});

	it('an .xlsx that is a renamed zip of something else is refused as no workbook', async () => {
		const data = zip([
			{ name: '[Content_Types].xml', data: '<Types/>' },
			{ name: 'word/document.xml', data: '<w:document/>' }
		]);
		const e = await refusal(unwrapInput({ name: 'report.xlsx', data }));
		expect(e.code).toBe('xlsxNotWorkbook');
		expect(e.message).toMatch(/"report\.xlsx" is not an Excel workbook.*word\/document\.xml/);
	});

	it('a workbook of 1,000 empty sheets is refused as empty; with data after them, loads', async () => {
		const empties = Array.from({ length: 1000 }, (_, i) => ({ name: `S${i + 1}`, rows: [] }));
		const e = await refusal(unwrapInput({ name: 'empty.xlsx', data: xlsx(empties) }));
		expect(e.code).toBe('xlsxEmpty');
		expect(e.params).toEqual({ sheets: '1,000' });
		const u = await unwrapInput({
			name: 'late.xlsx',
			data: xlsx([...empties.slice(1), { name: 'Data', rows: orders }])
		});
		expect(u.container!.sheet).toBe('Data');
	});
});

describe('the encoding preview (inputHead)', () => {
	it('shows the first lines of the table inside, reading a big .gz no further', async () => {
		const rows = Array.from({ length: 200_000 }, (_, i) => `C${i},2024-01-05,${i}.25`);
		const text = ['customer_id,order_date,amount', ...rows].join('\n') + '\n';
		const gz = { name: 'big.csv.gz', data: new Blob([gzipSync(text)]) };
		const { bytes, whole } = await inputHead(gz, 1000);
		expect(new TextDecoder().decode(bytes)).toBe(text.slice(0, 1000));
		expect(whole).toBe(false);
		const small = await inputHead(
			{ name: 's.zip', data: zip([{ name: 'a.csv', data: CSV }]) },
			1000
		);
		expect([new TextDecoder().decode(small.bytes), small.whole]).toEqual([CSV, true]);
		const sheet = await inputHead(
			{ name: 'b.xlsx', data: xlsx([{ name: 'S', rows: [['a', 1]] }]) },
			1000
		);
		expect(new TextDecoder().decode(sheet.bytes)).toBe('a,1\n');
	});
});
