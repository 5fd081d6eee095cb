/**
 * A zip archive read from a Blob: its directory from the end (core/ingest/zip-directory), and any
 * entry inflated as a stream by the browser's own DecompressionStream('deflate-raw'), checked
 * against the size and CRC-32 the directory gives. Only the directory and the entries read are
 * ever loaded, however large the archive.
 */
import {
	crc32,
	dataOffset,
	findDirectory,
	parseDirectory,
	ZIP_TAIL_BYTES,
	ZipFormatError,
	type ZipEntry
} from '../../core/ingest/zip-directory';
import { counted, eachChunk, type StreamOptions } from './stream';

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
	return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

export class ZipArchive {
	private readonly byName = new Map<string, ZipEntry>();

	private constructor(
		private readonly blob: Blob,
		readonly entries: readonly ZipEntry[]
	) {
		for (const e of entries)
			if (!this.byName.has(e.name.toLowerCase())) this.byName.set(e.name.toLowerCase(), e);
	}

	/** Read the directory; throws ZipFormatError when there is none or it is damaged. */
	static async open(blob: Blob): Promise<ZipArchive> {
		const size = blob.size;
		const tail = await bytesOf(blob, Math.max(0, size - ZIP_TAIL_BYTES), size);
		const dir = findDirectory(tail, size);
		const bytes = await bytesOf(blob, dir.offset, dir.offset + dir.bytes);
		return new ZipArchive(blob, parseDirectory(bytes, dir.entries, size));
	}

	/** The entry at `path` (letter case ignored: writers differ), if any. */
	find(path: string): ZipEntry | undefined {
		return this.byName.get(path.toLowerCase());
	}

	/**
	 * The entry's content as a stream; `onRead` is told the compressed bytes read so far. The
	 * stream errors (ZipFormatError) if the content is longer than the directory says, or its
	 * size or CRC-32 differ at the end.
	 */
	async stream(
		entry: ZipEntry,
		onRead?: (bytes: number) => void
	): Promise<ReadableStream<Uint8Array>> {
		if (entry.encrypted) throw new ZipFormatError(`"${entry.name}" is encrypted`);
		if (entry.method !== 0 && entry.method !== 8) {
			throw new ZipFormatError(`"${entry.name}" uses compression method ${entry.method}`);
		}
		const header = await bytesOf(this.blob, entry.localOffset, entry.localOffset + 30);
		const start = entry.localOffset + dataOffset(header);
		let raw = this.blob.slice(start, start + entry.compressedSize).stream();
		if (onRead) raw = counted(raw, onRead);
		const inflated =
			entry.method === 8 ? raw.pipeThrough(new DecompressionStream('deflate-raw')) : raw;
		let size = 0;
		let crc = 0;
		return inflated.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					size += chunk.byteLength;
					if (size > entry.size) {
						controller.error(
							new ZipFormatError(`"${entry.name}" is longer than its directory says`)
						);
						return;
					}
					crc = crc32(chunk, crc);
					controller.enqueue(chunk);
				},
				flush(controller) {
					if (size !== entry.size || crc !== entry.crc32) {
						controller.error(new ZipFormatError(`"${entry.name}" is damaged (size or CRC differ)`));
					}
				}
			})
		);
	}

	/** A small entry's content as UTF-8 text (styles, workbook, relationships). */
	async text(entry: ZipEntry, opts: StreamOptions): Promise<string> {
		const decoder = new TextDecoder('utf-8');
		let text = '';
		await eachChunk(
			await this.stream(entry),
			(chunk) => void (text += decoder.decode(chunk, { stream: true })),
			opts
		);
		return text + decoder.decode();
	}
}
