import { describe, expect, it } from 'vitest';
import {
	detectBinary,
	detectEncoding,
	garbageShare,
	trimIncompleteUtf8
} from '../../../src/core/ingest/encoding';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('detectEncoding', () => {
	it.each([
		['plain ASCII', utf8('a,b\n1,2\n'), 'utf-8', false, 0],
		['UTF-8 with Chinese', utf8('客户ID,金额\nC1,5\n'), 'utf-8', false, 0],
		['UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'utf-8-bom', false, 3],
		['UTF-16LE BOM', new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'utf-16le', true, 2],
		['UTF-16BE BOM', new Uint8Array([0xfe, 0xff, 0x00, 0x61]), 'utf-16be', true, 2],
		// "ab,c\n" in UTF-16LE without a BOM: every odd byte is NUL
		[
			'UTF-16LE no BOM',
			new Uint8Array([0x61, 0, 0x62, 0, 0x2c, 0, 0x63, 0, 0x0a, 0]),
			'utf-16le',
			true,
			0
		],
		// 客户ID,金额 in GBK
		[
			'GBK',
			new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x49, 0x44, 0x2c, 0xbd, 0xf0, 0xb6, 0xee]),
			'gb18030',
			true,
			0
		],
		// 客戶,金額 in Big5
		[
			'Big5',
			new Uint8Array([0xab, 0xc8, 0xa4, 0xe1, 0x2c, 0xaa, 0xf7, 0xc3, 0x42]),
			'big5',
			true,
			0
		],
		// "Café,1" in windows-1252: E9 followed by "," is not a GBK pair
		['windows-1252', new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31]), 'windows-1252', true, 0]
	])('%s', async (_name, bytes, encoding, transcode, bomLength) => {
		expect(await detectEncoding(bytes, true)).toMatchObject({ encoding, transcode, bomLength });
	});

	it('accepts a UTF-8 prefix that ends inside a multi-byte character', async () => {
		const bytes = utf8('id,名'); // 名 = E5 90 8D
		expect((await detectEncoding(bytes.subarray(0, bytes.length - 1), false)).encoding).toBe(
			'utf-8'
		);
		expect((await detectEncoding(bytes.subarray(0, bytes.length - 1), true)).encoding).not.toBe(
			'utf-8'
		);
	});
});

describe('detectEncoding: UTF-8 with a few corrupt bytes (issue 5)', () => {
	const withBad = (text: string, bad: number[]) => {
		const [a, b] = [utf8(text.slice(0, 20)), utf8(text.slice(20))];
		return new Uint8Array([...a, ...bad, ...b]);
	};
	const chinese = '客户ID,商品\nC1,绿茶蛋糕咖啡杯子\nC2,绿茶蛋糕咖啡杯子\n';

	it('stays UTF-8 (the CSV reader rejects the damaged records) instead of mojibake', async () => {
		expect(await detectEncoding(withBad(chinese, [0xff, 0xfe]), true)).toMatchObject({
			encoding: 'utf-8',
			transcode: false
		});
	});

	it('still reads GBK, Big5 and Latin-1 text as such', async () => {
		const gbk = new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7, 0x49, 0x44, 0x2c, 0xbd, 0xf0, 0xb6, 0xee]);
		expect((await detectEncoding(gbk, true)).encoding).toBe('gb18030');
		const latin = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2c, 0xe9, 0xe8, 0x31]);
		expect((await detectEncoding(latin, true)).encoding).toBe('windows-1252');
	});

	it('needs ten valid multi-byte characters per corrupt byte', async () => {
		expect((await detectEncoding(withBad('id,name\nC1,绿茶\n', [0xff]), true)).encoding).not.toBe(
			'utf-8'
		);
	});
});

describe('trimIncompleteUtf8', () => {
	it('drops only an incomplete trailing sequence', async () => {
		const bytes = utf8('a名');
		expect(Array.from(trimIncompleteUtf8(bytes))).toEqual(Array.from(bytes));
		expect(Array.from(trimIncompleteUtf8(bytes.subarray(0, 3)))).toEqual([0x61]);
		expect(Array.from(trimIncompleteUtf8(bytes.subarray(0, 2)))).toEqual([0x61]);
		expect(Array.from(trimIncompleteUtf8(utf8('ab')))).toEqual([0x61, 0x62]);
	});
});

describe('detectBinary', () => {
	it.each([
		['xlsx', [0x50, 0x4b, 0x03, 0x04, 0x14], 'excel'],
		['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0], 'excel'],
		['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d], 'binary'],
		['gzip', [0x1f, 0x8b, 0x08], 'binary'],
		['NUL bytes', [0x61, 0x00, 0x00, 0x00, 0x62, 0x01], 'binary']
	])('%s', async (_name, bytes, code) => {
		expect((await detectBinary(new Uint8Array(bytes)))?.code).toBe(code);
	});

	it('passes text and UTF-16 through', async () => {
		expect(await detectBinary(utf8('a,b\n1,2\n'))).toBeNull();
		expect(await detectBinary(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00]))).toBeNull();
	});

	it('tells Excel users to save as CSV', async () => {
		expect((await detectBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04])))?.message).toMatch(
			/Excel workbook.*Save As › CSV UTF-8/
		);
	});
});

describe('garbageShare', () => {
	it('counts control characters but not tab, CR and LF', async () => {
		expect(garbageShare('a\tb\r\nc')).toBe(0);
		expect(garbageShare('ab\u0001\u0002')).toBe(0.5);
		expect(garbageShare('')).toBe(0);
	});
});
