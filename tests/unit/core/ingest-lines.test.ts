import { describe, expect, it } from 'vitest';
import { countBelow, LineScanner } from '../../../src/core/ingest/lines';

function scan(text: string, targets: number[], pieces = 1) {
	const s = new LineScanner(',', targets);
	const size = Math.ceil(text.length / pieces);
	for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
	return { blank: s.blankLines, physical: Object.fromEntries(s.physicalLine) };
}

describe('LineScanner', () => {
	// DuckDB lines: 1 header, 2 "1,x\ny" (2 physical lines), 3 blank, 4 "2,""q""", 5 blank (CRLF), 6 "3"
	const text = 'a,b\n1,"x\ny"\n\n2,"""q"""\r\n\r\n3\n';
	it('numbers records and blank lines as DuckDB does, quoted newlines excluded', () => {
		expect(scan(text, [1, 2, 4, 6])).toEqual({
			blank: [3, 5],
			physical: { 1: 1, 2: 2, 4: 5, 6: 7 }
		});
	});

	it('gives the same answer when the text arrives in pieces (CR LF split, "" split)', () => {
		for (const pieces of [2, 3, 5, 7, text.length]) {
			expect(scan(text, [1, 2, 4, 6], pieces)).toEqual(scan(text, [1, 2, 4, 6]));
		}
	});

	it('treats everything after an unterminated quote as one record', () => {
		expect(scan('a\n"open\n\nb\n', [2])).toEqual({ blank: [], physical: { 2: 2 } });
	});

	it('opens quotes only at the start of a field', () => {
		expect(scan('a,b\nx"y,z\n\n1,2\n', [4])).toEqual({ blank: [3], physical: { 4: 4 } });
	});
});

describe('countBelow', () => {
	it('counts values smaller than x in a sorted array', () => {
		expect([0, 3, 4, 9].map((x) => countBelow([3, 5, 8], x))).toEqual([0, 0, 1, 3]);
	});
});
