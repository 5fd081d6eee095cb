// textSliceEnd (the text slices of a result converted between two pauses) and tableToUtf8 (the
// packed texts as bytes) read a text chunk's value offsets at the chunk's offset plus the row.
// Arrow slices a chunk's value offsets with the chunk, so for a sliced chunk (offset > 0) both
// read another row's offsets: the wrong bytes, or past the end. Query results are never sliced,
// so the app was not hit; the offsets are now read at the row alone.
import { describe, expect, it } from 'vitest';
import { Table, Utf8, vectorFromArray } from 'apache-arrow';
import { tableToUtf8, textSliceEnd } from '../../src/db/rows';

const texts = ['a', 'bb', null, 'dddd', 'é客', 'ffffff', '', 'hhhhhhhh', 'i', 'jj'];
const whole = vectorFromArray(texts, new Utf8());
const sliced = whole.slice(3, 9); // 'dddd', 'é客', 'ffffff', '', 'hhhhhhhh', 'i'

describe('a sliced text chunk', () => {
	it('is sliced: its data starts past the vector’s first row', () => {
		expect(sliced.data[0]!.offset).toBe(3);
		expect(sliced.toArray()).toEqual(texts.slice(3, 9));
	});

	it('tableToUtf8 gives each of its rows’ bytes', () => {
		const rows = tableToUtf8(new Table({ a: sliced }));
		const enc = new TextEncoder();
		expect(rows.map((r) => (r.a ? Array.from(r.a) : r.a))).toEqual(
			texts.slice(3, 9).map((t) => (t === null ? null : Array.from(enc.encode(t))))
		);
		const withNull = tableToUtf8(new Table({ a: whole.slice(1, 4) }));
		expect(withNull.map((r) => r.a && new TextDecoder().decode(r.a))).toEqual(['bb', null, 'dddd']);
	});

	it('textSliceEnd counts its own rows’ bytes', () => {
		// 4 + 6 ('é客' is 5 bytes: 4 + 5 = 9) … the rows' bytes: 4, 5, 6, 0, 8, 1.
		expect(textSliceEnd(sliced, 0, 100, 9)).toBe(2);
		expect(textSliceEnd(sliced, 0, 100, 8)).toBe(1);
		expect(textSliceEnd(sliced, 2, 100, 14)).toBe(5);
		expect(textSliceEnd(sliced, 0, 100, 1000)).toBe(6);
	});
});
