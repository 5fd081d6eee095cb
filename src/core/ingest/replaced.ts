/**
 * Counting the characters a decoder could not read (pure). TextDecoder turns bytes that are
 * invalid in the file's encoding (a stray byte in GBK text, a lone UTF-16 surrogate) into U+FFFD
 * and goes on; the loader keeps the file readable that way, and this counter makes sure the
 * person is told how many characters were replaced and on which lines.
 */

/** Lines listed with the count (the count itself is always exact). */
export const MAX_REPLACED_LINES = 10;

export class ReplacementCounter {
	/** U+FFFD characters seen (a U+FFFD the file itself holds counts too: it was replaced once). */
	count = 0;
	/** Editor line numbers (1-based, LF-counted) of the first lines holding one, in file order. */
	lines: number[] = [];
	private line = 1;

	/** Feed the next piece of decoded text (pieces in file order). */
	push(text: string): void {
		let at = text.indexOf('\uFFFD');
		if (at < 0) {
			this.line += countLf(text, 0, text.length);
			return;
		}
		let from = 0;
		while (at >= 0) {
			this.line += countLf(text, from, at);
			this.count++;
			if (this.lines.length < MAX_REPLACED_LINES && this.lines.at(-1) !== this.line) {
				this.lines.push(this.line);
			}
			from = at;
			at = text.indexOf('\uFFFD', at + 1);
		}
		this.line += countLf(text, from, text.length);
	}
}

function countLf(text: string, from: number, to: number): number {
	let n = 0;
	for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
	return n;
}
