// Regression (issue 22): the loader's own record count (core/ingest/lines LineScanner) looked at
// every byte of the file in JavaScript: 0.7 s for the 1 M-line bench file in the page, run beside
// DuckDB's read and slowing it by 0.15–0.3 s. It now jumps over ordinary bytes with indexOf. The
// former byte-by-byte scanner (tests/regressions/line-scan-former.ts, kept as it was) is the
// reference: on random text over the bytes that matter (quotes, CR, LF, the delimiter, spaces,
// a UTF-8 letter), cut into random pieces, both give the same records, blank lines, long lines,
// line ends, open quote and editor line of every DuckDB line.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LineScanner } from '../../src/core/ingest/lines';
import { FormerLineScanner } from './line-scan-former';
import { rng } from '../helpers/random-dataset';

const PIECES = ['a', 'bc', ',', ';', '"', '""', '\r', '\n', '\r\n', ' ', '\u00e9', '12.5', '\n\n'];

function randomText(next: () => number, n: number): Uint8Array {
	let text = '';
	for (let i = 0; i < n; i++) {
		// Mostly ordinary runs, as files are; the special bytes often enough to meet every state.
		const r = next();
		text +=
			r < 0.5
				? 'x'.repeat(1 + Math.floor(next() * 12))
				: PIECES[Math.floor(next() * PIECES.length)];
	}
	return new TextEncoder().encode(text);
}

interface Scanner {
	push(chunk: Uint8Array): void;
	finish(): unknown;
	physicalLine(line: number): number;
	readonly records: number;
	readonly blankLines: number[];
	readonly longLines: { line: number; start: number; end: number }[];
	readonly lineEnds: { lf: number; crlf: number; cr: number };
	openQuote: unknown;
	readonly mixedLineEnds: boolean;
}

function scan(s: Scanner, bytes: Uint8Array, cuts: number[]) {
	let at = 0;
	for (const c of [...cuts, bytes.length]) {
		s.push(bytes.subarray(at, c));
		at = c;
	}
	s.finish();
	const lines = s.records + s.blankLines.length + 2;
	return {
		records: s.records,
		blankLines: [...s.blankLines],
		longLines: s.longLines.map((l) => ({ ...l })),
		lineEnds: { ...s.lineEnds },
		mixed: s.mixedLineEnds,
		openQuote: s.openQuote,
		physical: Array.from({ length: lines }, (_, i) => s.physicalLine(i + 1))
	};
}

describe('the line scan jumps over ordinary bytes (the same scan as byte by byte)', () => {
	it('random text, random pieces, two delimiters, a small long-line limit', () => {
		const next = rng(22);
		for (let round = 0; round < 400; round++) {
			const bytes = randomText(next, 5 + Math.floor(next() * 300));
			const cuts = [
				...new Set(
					Array.from({ length: Math.floor(next() * 6) }, () => Math.floor(next() * bytes.length))
				)
			].sort((a, b) => a - b);
			const delimiter = next() < 0.5 ? ',' : ';';
			const max = 5 + Math.floor(next() * 40);
			const bom = next() < 0.2;
			const input = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes;
			const now = scan(new LineScanner(delimiter, max), input, cuts);
			const was = scan(new FormerLineScanner(delimiter, max), input, cuts);
			expect(now, `round ${round}`).toEqual(was);
		}
	});

	it('the bundled sample, whole and in 1 KiB pieces', () => {
		const bytes = new Uint8Array(
			readFileSync(new URL('../../sample-data/orders.csv', import.meta.url))
		);
		const cuts = Array.from({ length: Math.floor(bytes.length / 1024) }, (_, i) => (i + 1) * 1024);
		for (const c of [[], cuts]) {
			const now = scan(new LineScanner(','), bytes, c);
			expect(now).toEqual(scan(new FormerLineScanner(','), bytes, c));
			expect(now.records).toBeGreaterThan(50_000);
		}
	});
});
