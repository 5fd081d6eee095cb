/**
 * A streaming scan of CSV text that mirrors how DuckDB's CSV reader numbers lines (pure).
 *
 * DuckDB reports a rejected record's `line` counting records *and* blank lines (a quoted
 * newline does not start a new line). To turn that into a data-record number and into the
 * line a text editor shows, the loader scans the text once (only when there are rejects):
 * this class records which DuckDB lines are blank and the physical line where chosen lines start.
 * Line ends: \n, \r\n or \r outside quotes. Quotes open only at the start of a field; `""` inside
 * quotes is an escaped quote.
 */
export class LineScanner {
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

	/**
	 * Feed the next piece of text. Only quotes and line ends change the state, so the scan jumps
	 * between them with one regular-expression search instead of visiting every character (the
	 * runs in between only decide whether the line is empty and whether a field starts).
	 */
	push(chunk: string): void {
		const special = SPECIAL;
		let i = 0;
		while (i < chunk.length) {
			special.lastIndex = i;
			const found = special.exec(chunk);
			const j = found ? found.index : chunk.length;
			if (j > i) this.#run(chunk, i, j);
			if (!found) break;
			this.#special(chunk[j]!);
			i = j + 1;
		}
	}

	/** chunk[from, to): characters that are neither quotes nor line ends. */
	#run(chunk: string, from: number, to: number): void {
		this.#prevCR = false;
		if (this.#state === 1) return;
		// After a closing quote, the next character ends the quoted field (state 2 → 0).
		this.#state = 0;
		this.#lineEmpty = false;
		this.#fieldStart = chunk[to - 1] === this.delimiter;
	}

	/** One quote or line-end character, exactly as a per-character scan would treat it. */
	#special(c: string): void {
		const afterCR = this.#prevCR;
		this.#prevCR = c === '\r';
		if (c === '\r' || (c === '\n' && !afterCR)) this.#physical++;
		if (this.#state === 2) {
			if (c === '"') {
				this.#state = 1;
				return;
			}
			this.#state = 0;
			this.#fieldStart = false;
		} else if (this.#state === 1) {
			if (c === '"') this.#state = 2;
			return;
		}
		if (c === '\n' || c === '\r') {
			if (c === '\n' && afterCR) return;
			if (this.#lineEmpty) this.blankLines.push(this.#line);
			this.#line++;
			this.#lineEmpty = true;
			this.#fieldStart = true;
			this.#mark();
			return;
		}
		// A quote outside quotes: opens a quoted field only at the start of a field.
		this.#lineEmpty = false;
		if (this.#fieldStart) this.#state = 1;
		this.#fieldStart = false;
	}
}

const SPECIAL = /["\r\n]/g;

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
