/**
 * The table of contents of a zip archive (pure): the end-of-central-directory record and the
 * central directory, which name every entry with its sizes, method and where its data starts.
 * Reading from the end means a huge archive is never read whole; only the directory and the one
 * entry wanted are. The entry's data itself is inflated by db/unzip (DecompressionStream).
 *
 * Zip64 (archives or entries past 4 GiB, or past 65,535 entries) is read from its extra fields.
 */

/** One file in the archive. Offsets and sizes in bytes. */
export interface ZipEntry {
	/** Path inside the archive, '/'-separated; directories end with '/'. */
	name: string;
	/** 0 = stored, 8 = deflate; anything else cannot be read. */
	method: number;
	encrypted: boolean;
	crc32: number;
	compressedSize: number;
	size: number;
	/** Where the entry's local header starts (its data follows that header). */
	localOffset: number;
}

/** Why a directory could not be read: not a zip at all, or a damaged one. */
export class ZipFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ZipFormatError';
	}
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
export const ZIP_TAIL_BYTES = 22 + 0xffff + 20;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) + u16(b, at + 2) * 0x10000) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x1_0000_0000;

/** Where the central directory is, from the archive's last bytes (`tail`, ending at `size`). */
export function findDirectory(
	tail: Uint8Array,
	size: number
): { offset: number; bytes: number; entries: number } {
	const tailStart = size - tail.length;
	for (let at = tail.length - 22; at >= 0; at--) {
		if (u32(tail, at) !== EOCD) continue;
		let entries = u16(tail, at + 10);
		let bytes = u32(tail, at + 12);
		let offset = u32(tail, at + 16);
		if (at + 22 + u16(tail, at + 20) > tail.length) continue; // a comment longer than the rest
		const loc = at - 20;
		if (loc >= 0 && u32(tail, loc) === EOCD64_LOCATOR) {
			const rec = u64(tail, loc + 8) - tailStart;
			if (rec < 0 || rec + 56 > tail.length || u32(tail, rec) !== EOCD64) {
				throw new ZipFormatError('the zip64 directory record is missing');
			}
			entries = u64(tail, rec + 32);
			bytes = u64(tail, rec + 40);
			offset = u64(tail, rec + 48);
		}
		if (offset + bytes > size) throw new ZipFormatError('the directory lies past the end');
		return { offset, bytes, entries };
	}
	throw new ZipFormatError('no zip directory at the end (cut off, or not a zip archive)');
}

/** The entries of a central directory (`dir`: its bytes, as findDirectory located them). */
export function parseDirectory(dir: Uint8Array, count: number, size: number): ZipEntry[] {
	const out: ZipEntry[] = [];
	let at = 0;
	for (let i = 0; i < count; i++) {
		if (at + 46 > dir.length || u32(dir, at) !== CENTRAL) {
			throw new ZipFormatError(`directory entry ${i + 1} is damaged`);
		}
		const flags = u16(dir, at + 8);
		const nameLength = u16(dir, at + 28);
		const extraLength = u16(dir, at + 30);
		const commentLength = u16(dir, at + 32);
		const nameBytes = dir.subarray(at + 46, at + 46 + nameLength);
		const entry: ZipEntry = {
			name: decodeName(nameBytes, (flags & 0x800) !== 0),
			method: u16(dir, at + 10),
			encrypted: (flags & 1) !== 0,
			crc32: u32(dir, at + 16),
			compressedSize: u32(dir, at + 20),
			size: u32(dir, at + 24),
			localOffset: u32(dir, at + 42)
		};
		readZip64(dir.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
		if (entry.localOffset + entry.compressedSize > size) {
			throw new ZipFormatError(`"${entry.name}" lies past the end of the archive`);
		}
		out.push(entry);
		at += 46 + nameLength + extraLength + commentLength;
	}
	return out;
}

/** Sizes and offset set to 0xFFFFFFFF are in the zip64 extra field (id 1), in this order. */
function readZip64(extra: Uint8Array, e: ZipEntry): void {
	const MAX = 0xffffffff;
	for (let at = 0; at + 4 <= extra.length;) {
		const id = u16(extra, at);
		const length = u16(extra, at + 2);
		if (id === 1) {
			let p = at + 4;
			const next = () => {
				const v = p + 8 <= at + 4 + length ? u64(extra, p) : NaN;
				p += 8;
				return v;
			};
			if (e.size === MAX) e.size = next();
			if (e.compressedSize === MAX) e.compressedSize = next();
			if (e.localOffset === MAX) e.localOffset = next();
			if ([e.size, e.compressedSize, e.localOffset].some(Number.isNaN)) {
				throw new ZipFormatError(`"${e.name}": its zip64 sizes are missing`);
			}
			return;
		}
		at += 4 + length;
	}
}

/** Bytes from the local header's start to the entry's data (`header`: at least its 30 bytes). */
export function dataOffset(header: Uint8Array): number {
	if (header.length < 30 || u32(header, 0) !== 0x04034b50) {
		throw new ZipFormatError('an entry has no local header where the directory says');
	}
	return 30 + u16(header, 26) + u16(header, 28);
}

/** Names are UTF-8 when flagged, else in the system's code page: UTF-8 if valid, else GBK. */
function decodeName(bytes: Uint8Array, utf8: boolean): string {
	if (!utf8) {
		try {
			return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			return new TextDecoder('gb18030').decode(bytes);
		}
	}
	return new TextDecoder('utf-8').decode(bytes);
}

/** CRC-32 (IEEE), continued from `crc` over `bytes`: zip's check of each entry's content. */
export function crc32(bytes: Uint8Array, crc = 0): number {
	let c = ~crc;
	for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
	return ~c >>> 0;
}

const TABLE = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();
