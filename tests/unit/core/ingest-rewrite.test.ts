import { describe, expect, it } from 'vitest';
import { DialectRewriter, rewriteText } from '../../../src/core/ingest/rewrite';
import { LineScanner } from '../../../src/core/ingest/lines';

const enc = (s: string) => new TextEncoder().encode(s);

/** Rewrite `text` pushed in pieces of `size` bytes (cuts inside CR LF, "" and runs of spaces). */
function inPieces(text: string, size: number, delimiter: string, whitespace: boolean): string {
	const bytes = enc(text);
	const out = new Uint8Array(bytes.length);
	const rw = new DialectRewriter(delimiter, whitespace);
	let n = 0;
	for (let i = 0; i < bytes.length; i += size) n = rw.push(bytes.subarray(i, i + size), out, n);
	return new TextDecoder().decode(out.subarray(0, n));
}

describe('DialectRewriter: line ends', () => {
	it('turns CR LF and lone CR into LF outside quotes, one line end for one', () => {
		expect(rewriteText('a,b\r\n1,2\n3,4\r5,6\r\n', ',', false)).toBe('a,b\n1,2\n3,4\n5,6\n');
		expect(rewriteText('a,b\r\r\n1,2', ',', false)).toBe('a,b\n\n1,2');
	});

	it('keeps line ends inside quotes as written, and spaces in CSV mode', () => {
		expect(rewriteText('a,"x\r\ny"\r\n b , c \r\n', ',', false)).toBe('a,"x\r\ny"\n b , c \n');
		expect(rewriteText('a,"say ""hi""\r"\r\n', ',', false)).toBe('a,"say ""hi""\r"\n');
	});

	it('gives the same text whatever the cut between pieces', () => {
		const text = '"q""\r\n",x\r\n\r\ny,"z"\r\n  a   b\t"c d"  \r\n';
		for (const ws of [false, true]) {
			const whole = rewriteText(text, ',', ws);
			for (const size of [1, 2, 3, 5]) expect(inPieces(text, size, ',', ws)).toBe(whole);
		}
	});
});

describe('DialectRewriter: whitespace mode', () => {
	it('trims lines and turns each run of spaces or tabs into one tab', () => {
		expect(rewriteText(' customer_id  date\r\n 00001 19970101  \r\n', ' ', true)).toBe(
			'customer_id\tdate\n00001\t19970101\n'
		);
		expect(rewriteText('a \t b\n   \nc', ' ', true)).toBe('a\tb\n\nc');
	});

	it('keeps quoted fields whole (spaces, tabs, escaped quotes); an inner quote is a character', () => {
		expect(rewriteText('"New  York" "a\tb" "say ""x"""\n', ' ', true)).toBe(
			'"New  York"\t"a\tb"\t"say ""x"""\n'
		);
		expect(rewriteText('5\'10" tall\n', ' ', true)).toBe('5\'10"\ttall\n');
	});

	it('keeps a byte-order mark in front without starting a field', () => {
		const out = new Uint8Array(32);
		const bytes = enc('\uFEFF a  b\n');
		const n = new DialectRewriter(' ', true).push(bytes, out, 0);
		expect([...out.subarray(0, n)]).toEqual([...enc('\uFEFFa\tb\n')]);
	});
});

describe('LineScanner: line ends by kind', () => {
	it.each([
		['a\nb\nc\n', { lf: 3, crlf: 0, cr: 0 }, false],
		['a\r\nb\r\n', { lf: 0, crlf: 2, cr: 0 }, false],
		['a\rb\r', { lf: 0, crlf: 0, cr: 2 }, false],
		['a\nb\r\nc\n', { lf: 2, crlf: 1, cr: 0 }, true],
		['a\r\nb\rc', { lf: 0, crlf: 1, cr: 1 }, true],
		['"x\r\ny"\nb\n', { lf: 2, crlf: 0, cr: 0 }, false]
	])('%j', (text, ends, mixed) => {
		const scanner = new LineScanner(',');
		for (const byte of enc(text)) scanner.push(new Uint8Array([byte]));
		scanner.finish();
		expect(scanner.lineEnds).toEqual(ends);
		expect(scanner.mixedLineEnds).toBe(mixed);
	});
});
