/**
 * Files inside other files: a gzip-compressed file, a zip archive holding one table, an Excel
 * workbook (.xlsx). `unwrapInput` is the one place the loader looks for them (db/load-csv calls it
 * first): it recognises them by their first bytes, not their name, and hands back the table
 * inside as bytes the CSV loader reads — the file keeps the person's name (`orders.csv.gz`).
 * The readers are chunks of their own, loaded only when such a file is dropped.
 *
 * Every refusal is a LoadError naming the file, what was expected and what to do next; a result
 * larger than `maxBytes` (MAX_UNPACKED_BYTES) stops there with code `tooLarge`.
 */
import type { ContainerInfo, LoadInput, LoadProgress } from '../../core/ingest/types';

/**
 * Unpacked text larger than this is refused (1 GiB). The engine's memory limit is 1–3 GiB
 * (db/memory.ts) and its tables take 0.7–5× the text's size: past 1 GiB a load would end out of
 * memory anyway, after a long wait. docs/bad-data.md says so.
 */
export const MAX_UNPACKED_BYTES = 1024 ** 3;

export interface UnwrapOptions {
	onProgress?: (p: LoadProgress) => void;
	signal?: AbortSignal;
	/** Refuse a result larger than this (bytes). */
	maxBytes?: number;
	/** The workbook sheet to read (by name); default: the first with data. */
	sheet?: string;
	/**
	 * Only the first `head` bytes are wanted (the encoding preview): a .gz or zip entry is read no
	 * further than that (a workbook's sheet is converted whole). `partial` says whether it stopped.
	 */
	head?: number;
}

export interface Unwrapped {
	input: LoadInput;
	/** What it was read from; null for a plain file (returned as it was). */
	container: ContainerInfo | null;
	/** Reading stopped at `head` bytes before the end (only with `head`). */
	partial: boolean;
}

type Kind = 'gzip' | 'zip';

/** Containers inside containers (a .csv.gz in a zip) are opened up to this depth. */
const MAX_DEPTH = 3;

async function head(data: Blob | Uint8Array, n: number): Promise<Uint8Array> {
	if (data instanceof Uint8Array) return data.subarray(0, n);
	return new Uint8Array(await data.slice(0, n).arrayBuffer());
}

/** gzip (1f 8b), zip (PK 03 04, or PK 05 06: an empty archive), or a plain file. */
function kindOf(b: Uint8Array): Kind | null {
	if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
	if (
		b[0] === 0x50 &&
		b[1] === 0x4b &&
		((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6))
	) {
		return 'zip';
	}
	return null;
}

/** The table inside `input`, or `input` itself when it is no container. */
export async function unwrapInput(input: LoadInput, opts: UnwrapOptions = {}): Promise<Unwrapped> {
	const maxBytes = opts.maxBytes ?? MAX_UNPACKED_BYTES;
	let data = input.data;
	let container: ContainerInfo | null = null;
	for (let depth = 0; depth < MAX_DEPTH; depth++) {
		const first = await head(data, 64);
		const kind = kindOf(first);
		if (!kind) break;
		container ??= {
			kinds: [],
			compressedBytes: input.data instanceof Uint8Array ? input.data.byteLength : input.data.size,
			entry: null,
			sheet: null,
			otherSheets: []
		};
		const { open } = await import('./open');
		const inner = await open(kind, data, first, input.name, { ...opts, maxBytes });
		container.kinds.push(...inner.kinds);
		if (inner.entry !== undefined) container.entry = inner.entry;
		if (inner.sheet !== undefined) {
			container.sheet = inner.sheet;
			container.otherSheets = inner.otherSheets ?? [];
		}
		data = inner.data;
		// A cut-off archive or gzip stream cannot be opened further: the preview shows it as is.
		if (inner.partial) return { input: { name: input.name, data }, container, partial: true };
	}
	if (!container) return { input, container: null, partial: false };
	if (opts.signal?.aborted) throw new DOMException('Loading was cancelled.', 'AbortError');
	return { input: { name: input.name, data }, container, partial: false };
}
