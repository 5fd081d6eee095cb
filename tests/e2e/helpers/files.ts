// Byte-level checks of exported files, independent of the browser that made them.
import { inflateSync } from 'node:zlib';

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
	const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) {
		throw new Error('not a PNG (bad signature)');
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR');
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are), as
 * RGB triples row by row; anything else throws. Enough to check what a screenshot shows.
 */
export function pngPixels(bytes: Uint8Array): { width: number; height: number; rgb: Uint8Array } {
	const { width, height } = pngSize(bytes);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const depth = bytes[24];
	const colour = bytes[25];
	const interlace = bytes[28];
	if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
		throw new Error(`PNG not 8-bit RGB(A) non-interlaced (depth ${depth}, colour ${colour})`);
	const channels = colour === 6 ? 4 : 3;
	const idat: Uint8Array[] = [];
	for (let at = 8; at < bytes.length;) {
		const length = view.getUint32(at);
		const type = String.fromCharCode(...bytes.slice(at + 4, at + 8));
		if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	const raw = inflateSync(Buffer.concat(idat));
	const stride = width * channels;
	const pixels = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const row = pixels.subarray(y * stride, (y + 1) * stride);
		const up = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
		for (let i = 0; i < stride; i++) {
			const a = i >= channels ? row[i - channels]! : 0;
			const b = up[i]!;
			const c = i >= channels ? up[i - channels]! : 0;
			let predictor = 0;
			if (filter === 1) predictor = a;
			else if (filter === 2) predictor = b;
			else if (filter === 3) predictor = (a + b) >> 1;
			else if (filter === 4) {
				const p = a + b - c;
				const pa = Math.abs(p - a);
				const pb = Math.abs(p - b);
				const pc = Math.abs(p - c);
				predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			} else if (filter !== 0) throw new Error(`PNG row ${y}: unknown filter ${filter}`);
			row[i] = (line[i]! + predictor) & 0xff;
		}
	}
	const rgb = new Uint8Array(width * height * 3);
	for (let p = 0; p < width * height; p++)
		for (let c = 0; c < 3; c++) rgb[p * 3 + c] = pixels[p * channels + c]!;
	return { width, height, rgb };
}

/** True if the bytes start with the UTF-8 byte order mark. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
	return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
