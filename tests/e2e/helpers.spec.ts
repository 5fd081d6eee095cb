// The checks the other specs rely on must be able to fail.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertSameOrigin, blankRowsAtBottom } from './helpers/browser';
import { hasUtf8Bom, pngPixels, pngSize } from './helpers/files';
import { mimeType } from './helpers/static-server.mjs';

const ORIGIN = 'http://127.0.0.1:4000';

describe('assertSameOrigin', () => {
	it('accepts the origin, its blob: URLs and data: URLs', () => {
		expect(() =>
			assertSameOrigin(
				[
					`${ORIGIN}/clientele/`,
					`${ORIGIN}/clientele/assets/duckdb-eh.wasm`,
					`blob:${ORIGIN}/1c6f0e4a-1111-4c1e-9d5e-000000000000`,
					'data:image/png;base64,AAAA'
				],
				ORIGIN
			)
		).not.toThrow();
	});

	it.each([
		'https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm',
		'http://127.0.0.1:4001/clientele/',
		'http://localhost:4000/clientele/',
		'blob:https://evil.example/abc'
	])('rejects %s', (url) => {
		expect(() => assertSameOrigin([`${ORIGIN}/clientele/`, url], ORIGIN)).toThrow(url);
	});
});

describe('pngSize', () => {
	it('reads width and height from IHDR', () => {
		const ihdr = Buffer.alloc(13);
		ihdr.writeUInt32BE(1440, 0);
		ihdr.writeUInt32BE(602, 4);
		const png = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			Buffer.from([0, 0, 0, 13]),
			Buffer.from('IHDR'),
			ihdr,
			deflateSync(Buffer.alloc(0))
		]);
		expect(pngSize(png)).toEqual({ width: 1440, height: 602 });
	});

	it('rejects bytes that are not a PNG', () => {
		expect(() => pngSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(
			/not a PNG/
		);
	});
});

/** A PNG chunk: length, type, data, CRC (not checked by pngPixels, so 0). */
function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	return Buffer.concat([length, Buffer.from(type), data, Buffer.alloc(4)]);
}

/** An 8-bit RGB PNG of `rows` (each a list of [r, g, b]), row i written with filter filters[i]. */
function rgbPng(rows: number[][][], filters: number[]): Buffer {
	const width = rows[0]!.length;
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(rows.length, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	const flat = rows.map((r) => r.flat());
	const lines = flat.map((line, y) => {
		const f = filters[y]!;
		const up = y > 0 ? flat[y - 1]! : line.map(() => 0);
		const out = line.map((v, i) => {
			const a = i >= 3 ? line[i - 3]! : 0;
			const b = up[i]!;
			const c = i >= 3 ? up[i - 3]! : 0;
			const p = a + b - c;
			const paeth =
				Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
					? a
					: Math.abs(p - b) <= Math.abs(p - c)
						? b
						: c;
			const predictor = [0, a, b, (a + b) >> 1, paeth][f]!;
			return (v - predictor + 256) & 0xff;
		});
		return Buffer.from([f, ...out]);
	});
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.concat(lines))),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const BG = [243, 244, 246];
const BORDER = [229, 231, 235];

describe('pngPixels and blankRowsAtBottom', () => {
	it('decodes each of the five row filters', () => {
		const rows = [0, 1, 2, 3, 4].map((y) =>
			[0, 1, 2].map((x) => [(x * 70 + y * 13) % 256, (y * 90 + 7) % 256, (x * y * 31) % 256])
		);
		const { width, height, rgb } = pngPixels(rgbPng(rows, [0, 1, 2, 3, 4]));
		expect([width, height]).toEqual([3, 5]);
		expect([...rgb]).toEqual(rows.flat(2));
	});

	it('counts the rows of page background at the bottom, none under a card', () => {
		const card = [BORDER, [255, 255, 255], BORDER];
		expect(blankRowsAtBottom(rgbPng([card, card, card], [0, 0, 0]))).toBe(0);
		// Cut off: the card's last rows were never painted (page background edge to edge).
		expect(blankRowsAtBottom(rgbPng([card, [BG, BG, BG], [BG, BG, BG]], [0, 1, 2]))).toBe(2);
		// Background at the sides only is not blank.
		expect(blankRowsAtBottom(rgbPng([card, [BG, BORDER, BG]], [0, 0]))).toBe(0);
	});
});

describe('hasUtf8Bom and MIME types', () => {
	it('detects the BOM', () => {
		expect(hasUtf8Bom(Buffer.from('\uFEFFa,b', 'utf8'))).toBe(true);
		expect(hasUtf8Bom(Buffer.from('a,b', 'utf8'))).toBe(false);
	});

	it.each([
		['duckdb-eh.wasm', 'application/wasm'],
		['index-abc.js', 'text/javascript; charset=utf-8'],
		['worker.mjs', 'text/javascript; charset=utf-8'],
		['orders.csv', 'text/csv; charset=utf-8'],
		['index.html', 'text/html; charset=utf-8']
	])('%s is served as %s', (file, type) => {
		expect(mimeType(file)).toBe(type);
	});
});
