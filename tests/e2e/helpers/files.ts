// Byte-level checks of exported files, independent of the browser that made them.

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

/** True if the bytes start with the UTF-8 byte order mark. */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
	return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
