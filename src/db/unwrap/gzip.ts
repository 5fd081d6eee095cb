/**
 * A gzip file decompressed by the browser's own DecompressionStream, as a stream: the text is
 * gathered into a Blob (never one string), with progress by compressed bytes read.
 */
import {
	asBlob,
	BlobSink,
	counted,
	eachChunk,
	MAX_RATIO,
	RATIO_MIN_BYTES,
	RatioError,
	type StreamOptions,
	type Unpacked
} from './stream';

/**
 * The decompressed content of `data` (a gzip file). Throws TooLargeError past `maxBytes`,
 * RatioError for a "bomb" (stream.ts, MAX_RATIO), and
 * the stream's TypeError when the data is damaged or cut off. (The size recorded in the last 4
 * bytes is not trusted: in a file cut off while downloading they are any bytes, and a bomb can
 * lie there; the cap is checked on what actually comes out.)
 */
export async function gunzip(
	data: Blob | Uint8Array,
	opts: StreamOptions & { onFraction?: (f: number) => void }
): Promise<Unpacked> {
	const blob = asBlob(data);
	const total = blob.size;
	const sink = new BlobSink(opts.maxBytes);
	let partial = false;
	const ratioCap = Math.max(RATIO_MIN_BYTES, MAX_RATIO * total);
	const stream = counted(blob.stream(), (n) => opts.onFraction?.(n / total)).pipeThrough(
		new DecompressionStream('gzip')
	);
	await eachChunk(
		stream,
		(chunk) => {
			sink.add(chunk);
			if (sink.bytes > ratioCap) throw new RatioError(MAX_RATIO);
			partial = opts.head !== undefined && sink.bytes >= opts.head;
			return !partial;
		},
		opts
	);
	return { data: sink.result(), partial };
}
