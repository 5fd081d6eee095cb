/**
 * Byte streams for unpacking (gzip, zip entries, sheets): counting what is read for progress,
 * collecting what comes out into a Blob without holding it all in JS memory, and stopping at a
 * size cap — a "zip bomb" stops there, with a message, instead of filling the tab's memory.
 */

/**
 * A gzip file may inflate to at most MAX_RATIO times its size, or RATIO_MIN_BYTES if that is
 * more (and never past index.ts's MAX_UNPACKED_BYTES). Real tables compress 5–15× (the online-retail log:
 * 5.6×; even wide, mostly empty exports stay far below 100×), while a "zip bomb" inflates
 * 100–1000× — and would otherwise be read up to the 1 GiB cap, tens of seconds of work. (The
 * input read so far cannot measure it: DecompressionStream takes its input well ahead of its
 * output.) Someone with real data that compresses this well can decompress it and load the CSV
 * itself (plain files have no such check); the message says so.
 */
export const MAX_RATIO = 100;
export const RATIO_MIN_BYTES = 64 * 1024 ** 2;

/** Output passed max(RATIO_MIN_BYTES, MAX_RATIO × the compressed size). */
export class RatioError extends Error {
	constructor(readonly ratio: number) {
		super(`inflates more than ${ratio} times`);
		this.name = 'RatioError';
	}
}

/** Output passed the cap: `bytes` read so far (at least), `limit` the cap. */
export class TooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`larger than ${limit} bytes once unpacked`);
		this.name = 'TooLargeError';
	}
}

export interface StreamOptions {
	maxBytes: number;
	signal?: AbortSignal;
	/** Stop once this many bytes came out (a preview of the first lines). */
	head?: number;
}

/** What came out, and whether reading stopped at `head` before the end. */
export interface Unpacked {
	data: Blob;
	partial: boolean;
}

export function checkAbort(signal?: AbortSignal): void {
	if (signal?.aborted) throw new DOMException('Loading was cancelled.', 'AbortError');
}

export function asBlob(data: Blob | Uint8Array): Blob {
	return data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
}

/** `source` with `onBytes(total so far)` called as its chunks pass. */
export function counted(
	source: ReadableStream<Uint8Array<ArrayBuffer>>,
	onBytes: (total: number) => void
): ReadableStream<Uint8Array<ArrayBuffer>> {
	let total = 0;
	return source.pipeThrough(
		new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
			transform(chunk, controller) {
				total += chunk.byteLength;
				onBytes(total);
				controller.enqueue(chunk);
			}
		})
	);
}

/** Read `stream` to its end, chunk by chunk; yields to the page at least every 50 ms. */
export async function eachChunk(
	stream: ReadableStream<Uint8Array>,
	onChunk: (chunk: Uint8Array) => void | boolean,
	{ maxBytes, signal }: StreamOptions
): Promise<void> {
	const reader = stream.getReader();
	let total = 0;
	let yielded = performance.now();
	try {
		for (;;) {
			checkAbort(signal);
			const { done, value } = await reader.read();
			if (done) return;
			total += value.byteLength;
			if (total > maxBytes) throw new TooLargeError(maxBytes);
			if (onChunk(value) === false) return; // the reader has what it needs
			if (performance.now() - yielded > 50) {
				await new Promise((r) => setTimeout(r, 0));
				yielded = performance.now();
			}
		}
	} finally {
		reader.cancel().catch(() => {});
	}
}

/**
 * Bytes gathered into a Blob: pieces are made into a Blob of their own every 16 MiB, so the
 * browser can keep a large result out of JS memory (Chrome moves big blobs to disk) while the next
 * pieces arrive; the segments are joined once at the end (joining as they come copies the whole
 * result each time in Node).
 */
export class BlobSink {
	bytes = 0;
	private segments: Blob[] = [];
	private pending: Uint8Array<ArrayBuffer>[] = [];
	private pendingBytes = 0;

	constructor(private readonly maxBytes: number) {}

	add(chunk: Uint8Array): void {
		this.bytes += chunk.byteLength;
		if (this.bytes > this.maxBytes) throw new TooLargeError(this.maxBytes);
		this.pending.push(chunk as Uint8Array<ArrayBuffer>);
		this.pendingBytes += chunk.byteLength;
		if (this.pendingBytes >= 16 * 1024 * 1024) this.seal();
	}

	result(): Blob {
		this.seal();
		return this.segments.length === 1 ? this.segments[0]! : new Blob(this.segments);
	}

	private seal(): void {
		if (this.pending.length === 0) return;
		this.segments.push(new Blob(this.pending));
		this.pending = [];
		this.pendingBytes = 0;
	}
}
