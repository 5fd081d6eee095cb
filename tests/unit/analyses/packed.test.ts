// The packed lists the basket and loyalty jobs receive (src/analyses/packed.ts).
import { describe, expect, it } from 'vitest';
import {
	expectCount,
	isPackedJson,
	packedBuffers,
	packJson,
	splitPacked,
	unpackJson
} from '../../../src/analyses/packed';

describe('splitPacked', () => {
	it('splits a line per entry, empty lines kept', () => {
		expect(splitPacked('a\n\nb')).toEqual(['a', '', 'b']);
		expect(splitPacked('a\n\nb', 3)).toEqual(['a', '', 'b']);
	});
	it('reads empty text as no line, or one empty line when one is expected', () => {
		expect(splitPacked('')).toEqual([]);
		expect(splitPacked('', 0)).toEqual([]);
		expect(splitPacked('', 1)).toEqual(['']);
	});
	it('refuses a count other than the one expected, naming what', () => {
		expect(() => splitPacked('a\nb', 3, 'members')).toThrow(
			'members differ in number: 2 given, 3 expected'
		);
		expect(() => splitPacked('', 2, 'members')).toThrow(/differ in number/);
		expect(() => expectCount([1], 2, 'lists')).toThrow(/lists differ in number/);
		expect(expectCount([1, 2], undefined, 'lists')).toEqual([1, 2]);
	});
});

describe('packJson', () => {
	it('round-trips any text (line breaks, quotes, non-ASCII) in slices, in order', async () => {
		const values = ['a\nb', '"q"', 'Açúcar', '', '\u{1F600}', 'x'.repeat(50), 'z'];
		const packed = await packJson(values, (v) => v, 3);
		expect(packed.json).toHaveLength(3);
		expect(packed.json.every((c) => c instanceof Uint8Array)).toBe(true);
		expect(unpackJson<string>(packed, values.length)).toEqual(values);
	});
	it('no rows: no chunk, no value', async () => {
		const packed = await packJson([], (v) => v);
		expect(packed.json).toEqual([]);
		expect(unpackJson(packed, 0)).toEqual([]);
	});
	it('refuses a count other than the one expected', async () => {
		const packed = await packJson([1, 2], (v) => v);
		expect(() => unpackJson(packed, 3, 'members')).toThrow(
			'members differ in number: 2 given, 3 expected'
		);
	});
	it('gives each chunk its own buffer, for the transfer list; skips what is not packed', async () => {
		const a = await packJson([1, 2, 3], (v) => v, 2);
		const b = await packJson(['x'], (v) => v);
		const buffers = packedBuffers(a, ['plain'], null, b);
		expect(buffers).toHaveLength(3);
		expect(new Set(buffers).size).toBe(3);
		expect(buffers[0]!.byteLength).toBe(a.json[0]!.byteLength);
		expect(isPackedJson(['plain'])).toBe(false);
		expect(isPackedJson(null)).toBe(false);
	});
});
