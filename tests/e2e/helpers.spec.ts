// The checks the other specs rely on must be able to fail.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assertSameOrigin } from './helpers/browser';
import { hasUtf8Bom, pngSize } from './helpers/files';
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
