/**
 * The loader's own count of a file's records (core/ingest/lines), read from the bytes DuckDB
 * reads, and the copy of those bytes without the lines DuckDB must not see.
 *
 * DuckDB's CSV reader drops a line longer than its buffer without a trace and can take the next
 * lines with it (STACK.md); a 31 MiB line vanished, 30 MiB was rejected. So lines over
 * MAX_LINE_BYTES never reach it: each is replaced by nothing but its line end, which DuckDB
 * skips as a blank line while keeping the line numbers of the records after it, and the loader
 * adds it to the rejects itself.
 */
import { trimIncompleteUtf8 } from '../core/ingest/encoding';
import { LineScanner, type LongLine } from '../core/ingest/lines';
import { DialectRewriter } from '../core/ingest/rewrite';
import { yieldToMain } from '../core/yield';

/** Bytes read from a Blob at a time, and pushed into the scanner at a time. */
const READ_BYTES = 4 * 1024 * 1024;
const PUSH_BYTES = 1024 * 1024;
/** The scan gives the page a turn after this long (the main thread never blocks > 100 ms). */
const SLICE_MS = 25;
/** Bytes of a long line kept as its reject's raw content (DuckDB keeps as much of its own). */
export const LONG_LINE_HEAD = 10_000;

function checkAbort(signal?: AbortSignal): void {
	if (signal?.aborted) throw new DOMException('Loading was cancelled.', 'AbortError');
}

async function read(source: Blob | Uint8Array, start: number, end: number): Promise<Uint8Array> {
	if (source instanceof Uint8Array) return source.subarray(start, end);
	return new Uint8Array(await source.slice(start, end).arrayBuffer());
}

/**
 * Scan `source` (the UTF-8 bytes DuckDB reads) in pieces, giving the page a turn every SLICE_MS:
 * a Uint8Array's pieces come without any task in between, a Blob's are read 4 MiB at a time.
 * `watch`: byte offsets where the scan notes whether a line starts (LineScanner.watch).
 */
export async function scanRecords(
	source: Blob | Uint8Array,
	delimiter: string,
	signal?: AbortSignal,
	watch: readonly number[] = []
): Promise<LineScanner> {
	const scanner = new LineScanner(delimiter).watch(watch);
	const total = source instanceof Uint8Array ? source.byteLength : source.size;
	let turn = performance.now();
	for (let at = 0; at < total; at += READ_BYTES) {
		checkAbort(signal);
		const bytes = await read(source, at, Math.min(total, at + READ_BYTES));
		for (let i = 0; i < bytes.length; i += PUSH_BYTES) {
			scanner.push(bytes.subarray(i, i + PUSH_BYTES));
			if (performance.now() - turn > SLICE_MS) {
				await yieldToMain();
				checkAbort(signal);
				turn = performance.now();
			}
		}
	}
	return scanner.finish();
}

/**
 * Rewrite `source` (UTF-8) for DuckDB — line ends to LF, runs of spaces to one tab in whitespace
 * mode (core/ingest/rewrite) — and scan the rewritten bytes as they are written, in one pass
 * that gives the page a turn every SLICE_MS. Editor lines keep their numbers.
 * @param delimiter  the file's delimiter (ignored in whitespace mode)
 * @param whitespace fields are separated by runs of spaces or tabs; DuckDB then reads tabs
 */
export async function rewriteRecords(
	source: Blob | Uint8Array,
	delimiter: string,
	whitespace: boolean,
	signal?: AbortSignal,
	onFraction: (f: number) => void = () => {}
): Promise<{ bytes: Uint8Array; scan: LineScanner }> {
	const rewriter = new DialectRewriter(delimiter, whitespace);
	const scanner = new LineScanner(whitespace ? '\t' : delimiter);
	const total = source instanceof Uint8Array ? source.byteLength : source.size;
	// The rewrite never makes the text longer: one buffer of the input's size holds it.
	const out = new Uint8Array(total);
	let n = 0;
	let turn = performance.now();
	for (let at = 0; at < total; at += READ_BYTES) {
		checkAbort(signal);
		const bytes = await read(source, at, Math.min(total, at + READ_BYTES));
		for (let i = 0; i < bytes.length; i += PUSH_BYTES) {
			const end = rewriter.push(bytes.subarray(i, i + PUSH_BYTES), out, n);
			scanner.push(out.subarray(n, end));
			n = end;
			if (performance.now() - turn > SLICE_MS) {
				await yieldToMain();
				checkAbort(signal);
				turn = performance.now();
			}
		}
		onFraction(Math.min(total, at + READ_BYTES) / total);
	}
	// Exactly the bytes written (a browser engine transfers the whole buffer to its worker).
	return { bytes: n === total ? out : out.slice(0, n), scan: scanner.finish() };
}

/** `source` without the bytes of `lines` (their line ends stay); `source` itself if none. */
export function withoutLines(
	source: Blob | Uint8Array,
	lines: readonly LongLine[]
): Blob | Uint8Array {
	if (lines.length === 0) return source;
	const total = source instanceof Uint8Array ? source.byteLength : source.size;
	const kept: [number, number][] = [];
	let from = 0;
	for (const l of lines) {
		kept.push([from, l.start]);
		from = l.end;
	}
	kept.push([from, total]);
	// A Blob is cut lazily (no copy of the file); bytes are copied once.
	if (!(source instanceof Uint8Array)) return new Blob(kept.map(([a, b]) => source.slice(a, b)));
	const out = new Uint8Array(kept.reduce((n, [a, b]) => n + b - a, 0));
	let at = 0;
	for (const [a, b] of kept) {
		out.set(source.subarray(a, b), at);
		at += b - a;
	}
	return out;
}

/** The first LONG_LINE_HEAD bytes of each long line, as text (for the rejects' raw content). */
export async function longLineHeads(
	source: Blob | Uint8Array,
	lines: readonly LongLine[]
): Promise<string[]> {
	const decoder = new TextDecoder('utf-8');
	const heads: string[] = [];
	for (const l of lines) {
		const bytes = await read(source, l.start, Math.min(l.end, l.start + LONG_LINE_HEAD));
		heads.push(decoder.decode(trimIncompleteUtf8(bytes)));
	}
	return heads;
}
