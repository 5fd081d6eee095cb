/**
 * A streaming scan of the UTF-8 bytes DuckDB's CSV reader reads, mirroring how it splits and
 * numbers lines (pure). It counts the file's records independently of DuckDB, which can lose
 * records without reporting them (STACK.md: a line longer than its buffer vanishes, and can take
 * the lines after it along), so the loader can check data rows = loaded + rejected.
 *
 * DuckDB reports a rejected record's `line` counting records *and* blank lines (a quoted newline
 * does not start a new line). The scan records which DuckDB lines are blank, the physical
 * (editor) line where each DuckDB line starts, the lines longer than DuckDB may read (with their
 * byte ranges, so the loader can keep them from DuckDB), and a quote still open at the end.
 * Line ends: \n, \r\n or \r outside quotes; the scan counts each kind, since DuckDB refuses a file
 * that mixes them (the loader then rewrites its line ends: core/ingest/rewrite). Quotes open only at the start of a field; `""` inside
 * quotes is an escaped quote. Bytes are enough: in UTF-8, quote, CR, LF and an ASCII delimiter
 * never occur inside a multi-byte character.
 */
import { hasUtf8Bom } from './encoding';

/** Longest line (bytes, line end excluded) the loader lets DuckDB read; longer ones are rejected. */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

/** A DuckDB line longer than the limit: bytes [start, end) of the scanned input, end excluded. */
export interface LongLine {
	line: number;
	start: number;
	end: number;
}

/**
 * Where a line starts at a watched byte offset (LineScanner.watch): the DuckDB line number of the
 * line that starts there, and the records (non-blank DuckDB lines, the header included) before it.
 */
export interface LineStart {
	line: number;
	records: number;
}

/** A quote that opens at DuckDB line `line` (editor line `physical`) and never closes. */
export interface OpenQuote {
	line: number;
	physical: number;
	/** Editor line of the last content of the file: everything after `physical` is swallowed. */
	lastPhysical: number;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Position of the first `byte` in `chunk` at or after `from`; chunk.length when there is none. */
function indexIn(chunk: Uint8Array, byte: number, from: number): number {
	const at = chunk.indexOf(byte, from);
	return at < 0 ? chunk.length : at;
}

export class LineScanner {
	/** DuckDB line numbers (1-based) of blank lines. */
	readonly blankLines: number[] = [];
	/** DuckDB lines longer than `maxLineBytes`, in file order. */
	readonly longLines: LongLine[] = [];
	/** Line ends outside quotes, by kind. */
	readonly lineEnds = { lf: 0, crlf: 0, cr: 0 };
	/** Set by finish(): the quote left open at the end of the input, if any. */
	openQuote: OpenQuote | null = null;

	#records = 0;
	#line = 1;
	#physical = 1;
	#state: 0 | 1 | 2 = 0; // 0 unquoted, 1 in quotes, 2 in quotes after a quote
	#fieldStart = true;
	#lineEmpty = true;
	#prevCR = false;
	#offset = 0;
	#lineStart = 0;
	#quoteLine = 0;
	#quotePhysical = 0;
	#lastByte = -1;
	#finished = false;
	// Where physical − DuckDB line changes (records with quoted line ends): line → offset.
	readonly #breakLines: number[] = [1];
	readonly #breakOffsets: number[] = [0];
	readonly #delimiter: number;
	// Watched offsets (sorted) and the next one not yet passed.
	#watched: readonly number[] = [];
	#nextWatched = 0;
	readonly #starts = new Map<number, LineStart>();

	/**
	 * @param delimiter    the file's delimiter (one ASCII character)
	 * @param maxLineBytes lines longer than this (bytes, line end excluded) go to longLines
	 * @param skipBom      ignore a UTF-8 byte-order mark at the start (DuckDB does)
	 */
	constructor(
		delimiter: string,
		private readonly maxLineBytes = MAX_LINE_BYTES,
		private skipBom = true
	) {
		const code = delimiter.charCodeAt(0);
		if (delimiter.length !== 1 || code > 0x7f) throw new Error(`delimiter: one ASCII character`);
		this.#delimiter = code;
	}

	/** Non-blank DuckDB lines seen so far (the header included): the file's records. */
	get records(): number {
		return this.#records;
	}

	/** More than one kind of line end (LF, CR LF, CR) outside quotes: DuckDB cannot read it as is. */
	get mixedLineEnds(): boolean {
		const { lf, crlf, cr } = this.lineEnds;
		return Number(lf > 0) + Number(crlf > 0) + Number(cr > 0) > 1;
	}

	/**
	 * Note whether a DuckDB line starts at each of `offsets` (bytes of the input, ascending), e.g.
	 * where a file is cut into parts: an offset inside a quoted value, or not right after a line
	 * feed that ends a line (LF or CR LF), gets no entry in lineStarts. Call before the first push.
	 */
	watch(offsets: readonly number[]): this {
		if (this.#offset > 0) throw new Error('LineScanner: watch before push');
		for (let i = 1; i < offsets.length; i++) {
			if (!(offsets[i]! > offsets[i - 1]!)) throw new Error('LineScanner: offsets ascending');
		}
		this.#watched = offsets;
		this.#nextWatched = 0;
		return this;
	}

	/** The watched offsets where a DuckDB line starts, with its number and the records before. */
	get lineStarts(): ReadonlyMap<number, LineStart> {
		return this.#starts;
	}

	/** Feed the next bytes (any cut: a CR LF or a `""` may be split between pieces). */
	push(chunk: Uint8Array): void {
		if (this.#finished) throw new Error('LineScanner: push after finish');
		let from = 0;
		if (this.skipBom && this.#offset === 0 && chunk.length >= 3) {
			if (hasUtf8Bom(chunk)) from = 3;
			this.#lineStart = from;
			this.skipBom = false;
		}
		const d = this.#delimiter;
		// The state lives in locals while the loop runs: this is the hot path of a load.
		let state = this.#state;
		let fieldStart = this.#fieldStart;
		let lineEmpty = this.#lineEmpty;
		let prevCR = this.#prevCR;
		const end = chunk.length;
		// The next quote, CR and LF at or after the current byte (`end`: none), found by indexOf
		// (a native search) and looked for again only once passed: the bytes between them are
		// ordinary, and only the last one matters (a delimiter starts a field). Byte by byte, this
		// loop was most of a million-line file's scan (0.7 s in the page, beside DuckDB's read).
		let nextQuote = -1;
		let nextCR = -1;
		let nextLF = -1;
		for (let i = from; i < end; i++) {
			const c = chunk[i]!;
			if (c !== QUOTE && c !== CR && c !== LF) {
				prevCR = false;
				if (nextQuote < i) nextQuote = indexIn(chunk, QUOTE, i);
				if (nextCR < i) nextCR = indexIn(chunk, CR, i);
				if (nextLF < i) nextLF = indexIn(chunk, LF, i);
				// Bytes i … last are ordinary.
				const last = Math.min(nextQuote, nextCR, nextLF) - 1;
				if (state !== 1) {
					// After a closing quote, the next character ends the quoted field (state 2 → 0).
					state = 0;
					lineEmpty = false;
					fieldStart = chunk[last] === d;
				}
				i = last;
				continue;
			}
			const afterCR = prevCR;
			prevCR = c === CR;
			if (c === CR || (c === LF && !afterCR)) this.#physical++;
			if (state === 2) {
				if (c === QUOTE) {
					state = 1;
					continue;
				}
				state = 0;
				fieldStart = false;
			} else if (state === 1) {
				if (c === QUOTE) state = 2;
				continue;
			}
			if (c === QUOTE) {
				// A quote outside quotes: opens a quoted field only at the start of a field.
				lineEmpty = false;
				if (fieldStart) {
					state = 1;
					this.#quoteLine = this.#line;
					this.#quotePhysical = this.#physical;
				}
				fieldStart = false;
				continue;
			}
			const at = this.#offset + i;
			if (c === LF && afterCR) {
				// The CR before it ended the line (and was counted as a CR line end).
				this.lineEnds.cr--;
				this.lineEnds.crlf++;
				this.#lineStart = at + 1;
				if (this.#nextWatched < this.#watched.length) this.#noteStart();
				continue;
			}
			if (c === CR) this.lineEnds.cr++;
			else this.lineEnds.lf++;
			this.#endLine(lineEmpty, at);
			// After a CR, an LF may follow: only a line feed ends a line for sure.
			if (c === LF && this.#nextWatched < this.#watched.length) this.#noteStart();
			lineEmpty = true;
			fieldStart = true;
		}
		this.#state = state;
		this.#fieldStart = fieldStart;
		this.#lineEmpty = lineEmpty;
		this.#prevCR = prevCR;
		if (chunk.length > from) this.#lastByte = chunk[chunk.length - 1]!;
		this.#offset += chunk.length;
	}

	/** The DuckDB line ends at byte `at` (its line end, or the end of the input). */
	#endLine(empty: boolean, at: number): void {
		const line = this.#line;
		if (empty) this.blankLines.push(line);
		else {
			this.#records++;
			if (at - this.#lineStart > this.maxLineBytes) {
				this.longLines.push({ line, start: this.#lineStart, end: at });
			}
		}
		this.#line = line + 1;
		this.#lineStart = at + 1;
		const offset = this.#physical - this.#line;
		if (offset !== this.#breakOffsets[this.#breakOffsets.length - 1]) {
			this.#breakLines.push(this.#line);
			this.#breakOffsets.push(offset);
		}
	}

	/** A line starts at #lineStart: note it if it is watched; pass the watched offsets before it. */
	#noteStart(): void {
		const at = this.#lineStart;
		const watched = this.#watched;
		while (this.#nextWatched < watched.length && watched[this.#nextWatched]! < at) {
			this.#nextWatched++;
		}
		if (watched[this.#nextWatched] === at) {
			this.#starts.set(at, { line: this.#line, records: this.#records });
			this.#nextWatched++;
		}
	}

	/** The input is complete: count a last line without a line end, note an open quote. */
	finish(): this {
		if (this.#finished) return this;
		this.#finished = true;
		const endsWithLineEnd = this.#lastByte === CR || this.#lastByte === LF;
		if (this.#state === 1) {
			this.openQuote = {
				line: this.#quoteLine,
				physical: this.#quotePhysical,
				lastPhysical: endsWithLineEnd ? this.#physical - 1 : this.#physical
			};
		}
		// A last line without a line end (or one swallowed by an open quote) is still a record.
		if (!this.#lineEmpty) {
			if (!endsWithLineEnd) this.#physical++;
			this.#endLine(false, this.#offset);
		}
		return this;
	}

	/** The editor line (1-based) where DuckDB line `line` starts. */
	physicalLine(line: number): number {
		const k = countBelow(this.#breakLines, line + 1) - 1;
		return line + (this.#breakOffsets[Math.max(k, 0)] ?? 0);
	}
}

/** Number of values in a sorted array that are smaller than x (binary search). */
export function countBelow(sorted: readonly number[], x: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
