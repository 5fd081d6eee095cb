/**
 * Text-encoding and file-type detection for uploaded files (pure; runs on a byte prefix).
 *
 * Order: file signatures (xlsx/xls/pdf/zip… are refused), BOM (UTF-8, UTF-16LE/BE), BOM-less
 * UTF-16 (NUL bytes in every other position), UTF-8 (strict, or with a few corrupt bytes among
 * many valid multi-byte characters: see mostlyUtf8), then GB18030 (covers GBK) or Big5
 * when the high bytes look like Chinese text, else windows-1252 (which decodes any byte).
 */

/** Encoding names reported to the user; also valid TextDecoder labels except 'utf-8-bom'. */
export type TextEncodingName =
	'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'windows-1252';

export interface EncodingGuess {
	encoding: TextEncodingName;
	/** TextDecoder label to decode the whole file with. */
	decoderLabel: string;
	/** Bytes of byte-order mark at the start of the file. */
	bomLength: number;
	/** False when DuckDB can read the bytes as they are (UTF-8, with or without BOM). */
	transcode: boolean;
}

/** A file type we refuse, with the reason shown to the user. */
export interface BinaryKind {
	code: 'excel' | 'binary';
	message: string;
}

const SIGNATURES: { bytes: number[]; code: BinaryKind['code']; message: string }[] = [
	{
		bytes: [0x50, 0x4b, 0x03, 0x04],
		code: 'excel',
		message:
			'This looks like an Excel workbook (.xlsx) or another zip archive, not a CSV file. ' +
			'Open it in Excel and use File › Save As › CSV UTF-8, then load the CSV.'
	},
	{
		bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
		code: 'excel',
		message:
			'This looks like an old Excel workbook (.xls), not a CSV file. ' +
			'Open it in Excel and use File › Save As › CSV UTF-8, then load the CSV.'
	},
	{
		bytes: [0x25, 0x50, 0x44, 0x46],
		code: 'binary',
		message: 'This is a PDF document, not a CSV file.'
	},
	{
		bytes: [0x1f, 0x8b],
		code: 'binary',
		message: 'This is a gzip-compressed file; decompress it and load the CSV inside.'
	},
	{
		bytes: [0x50, 0x41, 0x52, 0x31],
		code: 'binary',
		message: 'This is a Parquet file, not a CSV file.'
	}
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
	return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** Recognise non-text files by their signature or by NUL bytes in what should be 8-bit text. */
export function detectBinary(prefix: Uint8Array): BinaryKind | null {
	for (const s of SIGNATURES) if (startsWith(prefix, s.bytes)) return s;
	if (utf16Order(prefix) !== null) return null;
	if (prefix.includes(0)) {
		return {
			code: 'binary',
			message: 'This file contains binary data (NUL bytes); it is not a CSV or text file.'
		};
	}
	return null;
}

/** 'le'/'be' for UTF-16 (BOM, or NUL bytes in every other position of ASCII-heavy text). */
function utf16Order(p: Uint8Array): 'le' | 'be' | null {
	if (p[0] === 0xff && p[1] === 0xfe) return 'le';
	if (p[0] === 0xfe && p[1] === 0xff) return 'be';
	const n = Math.min(p.length - (p.length % 2), 4096);
	if (n < 4) return null;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < n; i += 2) {
		if (p[i] === 0) evenZero++;
		if (p[i + 1] === 0) oddZero++;
	}
	const pairs = n / 2;
	if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'le';
	if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'be';
	return null;
}

/** Cut an incomplete UTF-8 sequence off the end of a prefix (so a strict decode can succeed). */
export function trimIncompleteUtf8(bytes: Uint8Array): Uint8Array {
	const n = bytes.length;
	for (let back = 1; back <= Math.min(4, n); back++) {
		const b = bytes[n - back]!;
		if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
		const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return need > back ? bytes.subarray(0, n - back) : bytes;
	}
	return bytes;
}

function decodes(label: string, bytes: Uint8Array): string | null {
	try {
		return new TextDecoder(label, { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}

// Very frequent characters in simplified / traditional Chinese text and in shop-system headers.
const COMMON_SIMPLIFIED = new Set(
	'的一是不了人在有我他这中大来上国个到说们为子和你地出道也时年客户单订号金额日期间名称数量价商品区会员实付下支收货省市'
);
const COMMON_TRADITIONAL = new Set(
	'的一是不了人在有我他這中大來上國個到說們為子和你地出道也時年客戶單訂號金額日期間名稱數量價商品區會員實付下支收貨省市'
);

function commonCount(text: string, common: Set<string>): number {
	let n = 0;
	for (const ch of text) if (common.has(ch)) n++;
	return n;
}

/** Share of two-byte sequences whose both bytes are in 0xA1–0xFE (the GB2312 block). */
function gb2312Share(bytes: Uint8Array): number {
	let pairs = 0;
	let inBlock = 0;
	for (let i = 0; i < bytes.length - 1; i++) {
		const b = bytes[i]!;
		if (b < 0x81) continue;
		pairs++;
		if (b >= 0xa1 && b <= 0xfe && bytes[i + 1]! >= 0xa1) inBlock++;
		i++;
	}
	return pairs === 0 ? 0 : inBlock / pairs;
}

/**
 * UTF-8 text with a few corrupt bytes: at least MOSTLY_UTF8 valid multi-byte characters per
 * invalid sequence. Read as UTF-8, the records with the bad bytes are rejected by the CSV reader
 * (naming their lines) instead of the whole file being decoded as GBK or windows-1252 into
 * mojibake. Text in those encodings forms valid UTF-8 sequences only by accident (about one
 * Chinese GBK character in nine, almost never for Latin-1), far below this ratio.
 */
const MOSTLY_UTF8 = 10;

function mostlyUtf8(bytes: Uint8Array): boolean {
	const text = new TextDecoder('utf-8').decode(bytes);
	let valid = 0;
	let invalid = 0;
	for (const ch of text) {
		if (ch === '\uFFFD') invalid++;
		else if (ch.charCodeAt(0) >= 0x80) valid++;
	}
	return invalid > 0 && valid >= invalid * MOSTLY_UTF8;
}

/**
 * Guess the encoding from the first bytes of a file.
 * @param prefix the first bytes (e.g. 64 KiB)
 * @param whole  true when `prefix` is the whole file (no multi-byte sequence is cut at its end)
 */
export function detectEncoding(prefix: Uint8Array, whole: boolean): EncodingGuess {
	if (startsWith(prefix, [0xef, 0xbb, 0xbf])) {
		return { encoding: 'utf-8-bom', decoderLabel: 'utf-8', bomLength: 3, transcode: false };
	}
	const order = utf16Order(prefix);
	if (order) {
		const bom = prefix[0] === 0xff || prefix[0] === 0xfe ? 2 : 0;
		const enc = order === 'le' ? 'utf-16le' : 'utf-16be';
		return { encoding: enc, decoderLabel: enc, bomLength: bom, transcode: true };
	}
	const body = whole ? prefix : trimIncompleteUtf8(prefix);
	if (decodes('utf-8', body) !== null || mostlyUtf8(body)) {
		return { encoding: 'utf-8', decoderLabel: 'utf-8', bomLength: 0, transcode: false };
	}
	// A double-byte prefix may end inside a character: drop the last byte if it is a lead byte.
	const cjk = !whole && (prefix[prefix.length - 1] ?? 0) >= 0x81 ? prefix.subarray(0, -1) : prefix;
	const gb = decodes('gb18030', cjk);
	const big5 = decodes('big5', cjk);
	const gbScore = gb === null ? -1 : commonCount(gb, COMMON_SIMPLIFIED);
	const big5Score = big5 === null ? -1 : commonCount(big5, COMMON_TRADITIONAL);
	if (big5 !== null && big5Score > 0 && big5Score > gbScore) {
		return { encoding: 'big5', decoderLabel: 'big5', bomLength: 0, transcode: true };
	}
	if (gb !== null && (gbScore > 0 || gb2312Share(cjk) >= 0.8)) {
		return { encoding: 'gb18030', decoderLabel: 'gb18030', bomLength: 0, transcode: true };
	}
	return {
		encoding: 'windows-1252',
		decoderLabel: 'windows-1252',
		bomLength: 0,
		transcode: true
	};
}

/** Share of characters that are control characters (other than tab, CR, LF) or U+FFFD. */
export function garbageShare(text: string): number {
	if (text.length === 0) return 0;
	let bad = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) bad++;
		else if (c >= 0x80 && c < 0xa0) bad++;
	}
	return bad / text.length;
}
