/**
 * A streaming rewrite of a file's UTF-8 bytes into text DuckDB's CSV reader can read (pure).
 *
 * DuckDB's reader refuses a file whose line ends are mixed (an LF file with one CR LF line:
 * "CSV Parser state machine reached an invalid state"), and it cannot split fields on runs of
 * spaces. So, outside quotes:
 * - every line end (LF, CR LF, CR) becomes LF — one line end for one line end, so every editor
 *   line keeps its number;
 * - in whitespace mode (fixed-width or space-separated text), spaces and tabs at the start and
 *   end of a line are dropped and each run of them between fields becomes one tab, the field
 *   delimiter DuckDB is then told to use (a tab can be nothing else in such a file).
 * Quoted fields are kept as written, their spaces, tabs and line ends included: as in CSV, a
 * quote opens a field only at its start (in whitespace mode: at the start of a line or after a
 * run of spaces), and `""` inside quotes is a quote. So `"New York"` stays one value in a
 * space-separated file, as R's write.table writes it. A quote inside a field is a character.
 * The rewrite never makes the text longer: each byte gives at most one byte.
 */
import { hasUtf8Bom } from './encoding';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

export class DialectRewriter {
	#state: 0 | 1 | 2 = 0; // 0 unquoted, 1 in quotes, 2 in quotes after a quote
	#fieldStart = true;
	#lineHasContent = false;
	#pendingSeparator = false;
	#skipLF = false;
	#started = false;
	readonly #delimiter: number;

	/**
	 * @param delimiter  the file's delimiter (one ASCII character); ignored in whitespace mode
	 * @param whitespace fields are separated by runs of spaces or tabs (written out as one tab)
	 */
	constructor(
		delimiter: string,
		private readonly whitespace: boolean
	) {
		this.#delimiter = whitespace ? -1 : delimiter.charCodeAt(0);
	}

	/**
	 * Rewrite `chunk` (the next bytes; any cut) into `out` from index `at`; returns the index
	 * after the last byte written. `out` needs room for `chunk.length` bytes.
	 */
	push(chunk: Uint8Array, out: Uint8Array, at: number): number {
		let n = at;
		let i = 0;
		// A byte-order mark is not content (DuckDB skips it): it must not start a field.
		if (!this.#started && chunk.length > 0) {
			this.#started = true;
			if (hasUtf8Bom(chunk)) {
				out.set(chunk.subarray(0, 3), n);
				n += 3;
				i = 3;
			}
		}
		const ws = this.whitespace;
		const d = this.#delimiter;
		let state = this.#state;
		let fieldStart = this.#fieldStart;
		let content = this.#lineHasContent;
		let pending = this.#pendingSeparator;
		let skipLF = this.#skipLF;
		for (; i < chunk.length; i++) {
			const c = chunk[i]!;
			if (skipLF) {
				skipLF = false;
				if (c === LF) continue; // the LF of a CR LF whose CR was written as LF
			}
			if (state === 1) {
				out[n++] = c;
				if (c === QUOTE) state = 2;
				continue;
			}
			if (state === 2) {
				if (c === QUOTE) {
					out[n++] = c;
					state = 1;
					continue;
				}
				state = 0;
				fieldStart = false;
			}
			if (c === CR || c === LF) {
				out[n++] = LF;
				skipLF = c === CR;
				content = false;
				pending = false;
				fieldStart = true;
				continue;
			}
			if (ws && (c === SPACE || c === TAB)) {
				pending = content;
				fieldStart = true;
				continue;
			}
			if (pending) {
				out[n++] = TAB;
				pending = false;
			}
			content = true;
			out[n++] = c;
			if (c === QUOTE) {
				if (fieldStart) state = 1;
				fieldStart = false;
			} else fieldStart = c === d;
		}
		this.#state = state;
		this.#fieldStart = fieldStart;
		this.#lineHasContent = content;
		this.#pendingSeparator = pending;
		this.#skipLF = skipLF;
		return n;
	}
}

/** Rewrite a whole text at once (tests and small files): see DialectRewriter. */
export function rewriteText(text: string, delimiter: string, whitespace: boolean): string {
	const bytes = new TextEncoder().encode(text);
	const out = new Uint8Array(bytes.length);
	const n = new DialectRewriter(delimiter, whitespace).push(bytes, out, 0);
	return new TextDecoder().decode(out.subarray(0, n));
}
