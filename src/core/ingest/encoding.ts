/**
 * Text-encoding and file-type detection for uploaded files (pure; runs on a byte prefix).
 *
 * Order: file signatures (xlsx/xls/pdf/zip… are refused), BOM (UTF-8, UTF-16LE/BE), BOM-less
 * UTF-16 (NUL bytes in every other position, or NUL bytes and text that reads as UTF-16), UTF-8
 * (strict, or with a few corrupt bytes among many valid multi-byte characters: see mostlyUtf8),
 * then the byte encodings ranked by evidence (encoding-score.ts): GB18030 (covers GBK), Big5,
 * Shift-JIS, EUC-KR and windows-1252.
 */
import type { ScoredEncoding } from './encoding-score';

/**
 * The scorer and its character tables (about 10 KB gzipped) are a chunk of their own: only a file
 * that is not UTF-8 needs them, and the empty page's first script must stay small.
 */
const scorer = () => import('./encoding-score');

/** Encoding names reported to the user; also valid TextDecoder labels except 'utf-8-bom'. */
export type TextEncodingName = ScoredEncoding | 'utf-8-bom';

/** The encodings a person can choose on the mapping screen, in the order offered. */
export const CHOOSABLE_ENCODINGS: readonly ScoredEncoding[] = [
	'utf-8',
	'gb18030',
	'big5',
	'shift_jis',
	'euc-kr',
	'windows-1252',
	'utf-16le',
	'utf-16be'
];

/** The choosable encoding a report's encoding name stands for ('utf-8-bom' is UTF-8). */
export function choosableEncoding(name: string): ScoredEncoding {
	return CHOOSABLE_ENCODINGS.find((e) => e === name) ?? 'utf-8';
}

export interface EncodingGuess {
	encoding: TextEncodingName;
	/** TextDecoder label to decode the whole file with. */
	decoderLabel: string;
	/** Bytes of byte-order mark at the start of the file. */
	bomLength: number;
	/** False when DuckDB can read the bytes as they are (UTF-8, with or without BOM). */
	transcode: boolean;
	/** The evidence for this encoding over the next best was thin: the person should check. */
	uncertain?: boolean;
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

/** Whether a UTF-8 byte-order mark (EF BB BF) starts at `at`. */
export function hasUtf8Bom(bytes: Uint8Array, at = 0): boolean {
	return bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}

/** Recognise non-text files by their signature or by NUL bytes in what should be 8-bit text. */
export async function detectBinary(prefix: Uint8Array): Promise<BinaryKind | null> {
	for (const s of SIGNATURES) if (startsWith(prefix, s.bytes)) return s;
	if (utf16Order(prefix) !== null || (await utf16ByEvidence(prefix)) !== null) return null;
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

const GUESSES: Record<TextEncodingName, Omit<EncodingGuess, 'bomLength'>> = {
	'utf-8': { encoding: 'utf-8', decoderLabel: 'utf-8', transcode: false },
	'utf-8-bom': { encoding: 'utf-8-bom', decoderLabel: 'utf-8', transcode: false },
	'utf-16le': { encoding: 'utf-16le', decoderLabel: 'utf-16le', transcode: true },
	'utf-16be': { encoding: 'utf-16be', decoderLabel: 'utf-16be', transcode: true },
	gb18030: { encoding: 'gb18030', decoderLabel: 'gb18030', transcode: true },
	big5: { encoding: 'big5', decoderLabel: 'big5', transcode: true },
	shift_jis: { encoding: 'shift_jis', decoderLabel: 'shift_jis', transcode: true },
	'euc-kr': { encoding: 'euc-kr', decoderLabel: 'euc-kr', transcode: true },
	'windows-1252': { encoding: 'windows-1252', decoderLabel: 'windows-1252', transcode: true }
};

/**
 * How to read a file in the encoding a person chose (not detected): UTF-8 with a BOM stays on
 * the fast path, a UTF-16 BOM matching the choice is skipped.
 */
export function guessFor(name: TextEncodingName, prefix: Uint8Array): EncodingGuess {
	const bom = hasUtf8Bom(prefix);
	if ((name === 'utf-8' || name === 'utf-8-bom') && bom)
		return { ...GUESSES['utf-8-bom'], bomLength: 3 };
	if (name === 'utf-8-bom') return { ...GUESSES['utf-8'], bomLength: 0 };
	const bomLength =
		(name === 'utf-16le' && startsWith(prefix, [0xff, 0xfe])) ||
		(name === 'utf-16be' && startsWith(prefix, [0xfe, 0xff]))
			? 2
			: 0;
	return { ...GUESSES[name], bomLength };
}

/** UTF-16 without BOM or NUL pattern (e.g. mostly Chinese): NUL bytes and text that reads well. */
async function utf16ByEvidence(prefix: Uint8Array): Promise<'utf-16le' | 'utf-16be' | null> {
	if (!prefix.includes(0)) return null;
	const sample = prefix.subarray(0, Math.min(prefix.length - (prefix.length % 2), 8192));
	const { rankEncodings } = await scorer();
	const [best] = rankEncodings(sample, ['utf-16le', 'utf-16be'], false);
	return best && best.score > 0 ? (best.encoding as 'utf-16le' | 'utf-16be') : null;
}

/**
 * Bytes scored: ample evidence (hundreds of lines), and a bounded time on the main thread (about
 * 20 ms for the five candidates on a busy two-core machine; 64 KB took 100 ms).
 */
const SAMPLE_BYTES = 16 * 1024;

/**
 * The part of `bytes` to score: SAMPLE_BYTES from the line where the text stops being UTF-8 (the
 * part before it tells nothing: every byte encoding reads ASCII alike), cut at a line end.
 */
function scoringSample(bytes: Uint8Array, whole: boolean): { bytes: Uint8Array; whole: boolean } {
	if (bytes.length <= SAMPLE_BYTES) return { bytes, whole };
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let bad = 0;
	for (let at = 0; at < bytes.length; at += 4096) {
		try {
			decoder.decode(bytes.subarray(at, at + 4096), { stream: true });
		} catch {
			bad = at;
			break;
		}
	}
	const start = bad > 0 ? bytes.lastIndexOf(0x0a, bad) + 1 : 0;
	let end = Math.min(bytes.length, start + SAMPLE_BYTES);
	const lineEnd = end < bytes.length ? bytes.lastIndexOf(0x0a, end - 1) : -1;
	if (lineEnd >= start) end = lineEnd + 1;
	return { bytes: bytes.subarray(start, end), whole: whole && end === bytes.length };
}

/**
 * Guess the encoding from the first bytes of a file.
 * @param prefix the first bytes (e.g. 64 KiB), or the whole file
 * @param whole  true when `prefix` is the whole file (no multi-byte sequence is cut at its end)
 */
export async function detectEncoding(prefix: Uint8Array, whole: boolean): Promise<EncodingGuess> {
	if (hasUtf8Bom(prefix)) return { ...GUESSES['utf-8-bom'], bomLength: 3 };
	const order = utf16Order(prefix);
	if (order) {
		const bom = prefix[0] === 0xff || prefix[0] === 0xfe ? 2 : 0;
		return { ...GUESSES[order === 'le' ? 'utf-16le' : 'utf-16be'], bomLength: bom };
	}
	const utf16 = await utf16ByEvidence(prefix);
	if (utf16) return { ...GUESSES[utf16], bomLength: 0 };
	const body = whole ? prefix : trimIncompleteUtf8(prefix);
	if (decodes('utf-8', body) !== null || mostlyUtf8(body)) {
		return { ...GUESSES['utf-8'], bomLength: 0 };
	}
	const sample = scoringSample(prefix, whole);
	const { BYTE_CANDIDATES, isUncertain, rankEncodings } = await scorer();
	const ranked = rankEncodings(sample.bytes, BYTE_CANDIDATES, sample.whole);
	const best = ranked[0]?.encoding ?? 'windows-1252';
	return { ...GUESSES[best], bomLength: 0, uncertain: isUncertain(ranked) };
}

/**
 * The first `maxLines` non-blank lines of `bytes` decoded in `name`, invalid bytes shown as
 * U+FFFD: the mapping screen's preview of a chosen encoding. `whole` = `bytes` is the whole file
 * (otherwise its last line may be cut and is left out).
 */
export function previewLines(
	bytes: Uint8Array,
	name: TextEncodingName,
	maxLines: number,
	whole: boolean
): string[] {
	const guess = guessFor(name, bytes);
	const text = new TextDecoder(guess.decoderLabel).decode(bytes.subarray(guess.bomLength));
	const lines = text.split(/\r\n|\n|\r/);
	if (!whole && lines.length > 1) lines.pop();
	return lines.filter((l) => l.trim() !== '').slice(0, maxLines);
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
