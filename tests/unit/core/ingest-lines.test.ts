import { describe, expect, it } from 'vitest';
import { countBelow, LineScanner } from '../../../src/core/ingest/lines';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Scan `text` as UTF-8 in `pieces` byte pieces (cut anywhere, even inside a character). */
function scanner(text: string, pieces = 1, maxLineBytes?: number, delimiter = ',') {
	const bytes = utf8(text);
	const s = new LineScanner(delimiter, maxLineBytes);
	const size = Math.max(1, Math.ceil(bytes.length / pieces));
	for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
	return s.finish();
}

function scan(text: string, targets: number[], pieces = 1) {
	const s = scanner(text, pieces);
	const physical = Object.fromEntries(targets.map((t) => [t, s.physicalLine(t)]));
	return { blank: s.blankLines, physical };
}

describe('LineScanner', () => {
	// DuckDB lines: 1 header, 2 "1,x\ny" (2 physical lines), 3 blank, 4 "2,""q""", 5 blank (CRLF), 6 "3"
	const text = 'a,b\n1,"x\ny"\n\n2,"""q"""\r\n\r\n3\n';
	it('numbers records and blank lines as DuckDB does, quoted newlines excluded', () => {
		expect(scan(text, [1, 2, 4, 6])).toEqual({
			blank: [3, 5],
			physical: { 1: 1, 2: 2, 4: 5, 6: 7 }
		});
		expect(scanner(text).records).toBe(4);
	});

	it('gives the same answer when the bytes arrive in pieces (CR LF split, "" split)', () => {
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

describe('LineScanner counts records independently of DuckDB', () => {
	it('counts non-blank lines, the header included, with or without a last line end', () => {
		expect(scanner('a,b\n1,2\n\n3,4\n').records).toBe(3);
		expect(scanner('a,b\n1,2\n\n3,4').records).toBe(3);
		expect(scanner('a,b\r1,2\r\r3,4\r').records).toBe(3);
		// Lines of spaces or a tab are records for DuckDB too (they load or are rejected).
		expect(scanner('a\nx\n   \n\t\ny\n').records).toBe(5);
		expect(scanner('\n\n').records).toBe(0);
	});

	it('ignores a UTF-8 byte-order mark, as DuckDB does', () => {
		const s = scanner('\uFEFF\na\n1\n');
		expect([s.records, s.blankLines]).toEqual([2, [1]]);
	});

	it('lists lines longer than the limit with their byte ranges (line end excluded)', () => {
		const text = 'a,b\n1,2\n3,' + 'x'.repeat(20) + '\r\n4,"5\n' + 'y'.repeat(30) + '"\n6,7';
		for (const pieces of [1, 4, 13]) {
			const s = scanner(text, pieces, 10);
			const bytes = utf8(text);
			expect(s.longLines.map((l) => l.line)).toEqual([3, 4]);
			const [third, fourth] = s.longLines;
			expect(new TextDecoder().decode(bytes.subarray(third!.start, third!.end))).toBe(
				'3,' + 'x'.repeat(20)
			);
			expect(new TextDecoder().decode(bytes.subarray(fourth!.start, fourth!.end))).toBe(
				'4,"5\n' + 'y'.repeat(30) + '"'
			);
			expect(s.records).toBe(5);
		}
		// A last line without a line end counts to the end of the input; multi-byte characters count
		// as their bytes (4 characters, 12 bytes).
		const s = scanner('a\n中文中文', 1, 10);
		expect(s.longLines).toEqual([{ line: 2, start: 2, end: 14 }]);
	});

	it('reports a quote still open at the end: where it opens and the last line it swallows', () => {
		const s = scanner('a,b\n1,"open\n2,x\n3,y\n');
		expect(s.openQuote).toEqual({ line: 2, physical: 2, lastPhysical: 4 });
		expect(s.records).toBe(2);
		expect(scanner('a,b\n1,2\n3,"open').openQuote).toEqual({
			line: 3,
			physical: 3,
			lastPhysical: 3
		});
		expect(scanner('a,b\n1,"x\ny"\n').openQuote).toBeNull();
		// An escaped quote at the end of a piece does not close the field.
		expect(scanner('a,b\n1,"x""\ny\n', 9).openQuote).toEqual({
			line: 2,
			physical: 2,
			lastPhysical: 3
		});
	});
});

/**
 * The reference: the first implementation, which visits every character. The fast scanner jumps
 * between quotes and line ends and must agree with it on any text, cut anywhere.
 */
class CharScanner {
	/** DuckDB line numbers (1-based) of blank lines. */
	readonly blankLines: number[] = [];
	/** DuckDB line → physical (editor) line where it starts, for the requested lines. */
	readonly physicalLine = new Map<number, number>();

	#line = 1;
	#physical = 1;
	#state: 0 | 1 | 2 = 0; // 0 unquoted, 1 in quotes, 2 in quotes after a quote
	#fieldStart = true;
	#lineEmpty = true;
	#prevCR = false;
	#targets: readonly number[];
	#next = 0;

	/**
	 * @param delimiter the file's delimiter
	 * @param targets   sorted DuckDB line numbers whose physical line is wanted
	 */
	constructor(
		private readonly delimiter: string,
		targets: readonly number[]
	) {
		this.#targets = targets;
		this.#mark();
	}

	#mark(): void {
		const t = this.#targets;
		while (this.#next < t.length && t[this.#next]! <= this.#line) {
			if (t[this.#next] === this.#line) this.physicalLine.set(this.#line, this.#physical);
			this.#next++;
		}
	}

	/** Non-blank lines: those ended so far plus a last one without a line end. */
	get records(): number {
		return this.#line - 1 - this.blankLines.length + (this.#lineEmpty ? 0 : 1);
	}

	/** Feed the next piece of text. */
	push(chunk: string): void {
		const d = this.delimiter;
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk[i]!;
			const afterCR = this.#prevCR;
			this.#prevCR = c === '\r';
			if (c === '\r' || (c === '\n' && !afterCR)) this.#physical++;
			if (this.#state === 2) {
				if (c === '"') {
					this.#state = 1;
					continue;
				}
				this.#state = 0;
				this.#fieldStart = false;
			} else if (this.#state === 1) {
				if (c === '"') this.#state = 2;
				continue;
			}
			if (c === '\n' || c === '\r') {
				if (c === '\n' && afterCR) continue;
				if (this.#lineEmpty) this.blankLines.push(this.#line);
				this.#line++;
				this.#lineEmpty = true;
				this.#fieldStart = true;
				this.#mark();
				continue;
			}
			this.#lineEmpty = false;
			if (c === '"' && this.#fieldStart) {
				this.#state = 1;
				this.#fieldStart = false;
			} else this.#fieldStart = c === d;
		}
	}
}

function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('LineScanner against the per-character reference', () => {
	it('agrees on 500 random texts of quotes, delimiters and line ends, in random pieces', () => {
		const alphabet = ['a', 'b', ',', ';', '"', '"', '\n', '\r', '\r\n', ' ', '中'];
		for (let seed = 1; seed <= 500; seed++) {
			const rnd = mulberry32(seed);
			const delimiter = rnd() < 0.5 ? ',' : ';';
			let text = '';
			const length = 1 + Math.floor(rnd() * 80);
			for (let k = 0; k < length; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
			const targets = [1, 2, 3, 4, 5, 6, 8, 13, 21];
			const ref = new CharScanner(delimiter, targets);
			ref.push(text);
			const bytes = utf8(text);
			const fast = new LineScanner(delimiter);
			for (let at = 0; at < bytes.length;) {
				const next = Math.min(bytes.length, at + 1 + Math.floor(rnd() * 10));
				fast.push(bytes.subarray(at, next));
				at = next;
			}
			fast.finish();
			const physical = [...ref.physicalLine].map(([line]) => [line, fast.physicalLine(line)]);
			expect({ seed, blank: fast.blankLines, physical, records: fast.records }).toEqual({
				seed,
				blank: ref.blankLines,
				physical: [...ref.physicalLine],
				records: ref.records
			});
		}
	});
});

describe('countBelow', () => {
	it('counts values smaller than x in a sorted array', () => {
		expect([0, 3, 4, 9].map((x) => countBelow([3, 5, 8], x))).toEqual([0, 0, 1, 3]);
	});
});
