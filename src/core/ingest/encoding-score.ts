/**
 * Encoding detection by evidence: decode a byte sample in every candidate encoding and score how
 * plausible each text is (pure; TextDecoder only).
 *
 * Byte ranges alone cannot tell these encodings apart: windows-1252 decodes any byte, and most
 * byte pairs of GBK, Big5, Shift-JIS and EUC-KR text are valid in the others too ("Promoção" in
 * windows-1252 is the valid GB18030 text "Promo玢o"). What differs is what the text is made of.
 * Each decoded character adds to its candidate's score:
 * - a replacement character (invalid bytes) or a control character: −10;
 * - a Chinese character among the frequent ones of the candidate's script (common-chars.ts): +3,
 *   another one: −0.5 (real text has rare characters too, but wrong decodings have mostly those);
 * - kana: +3 for Shift-JIS (−1 elsewhere); frequent Hangul: +3 for EUC-KR; other Hangul of the
 *   KS X 1001 set 0, the rest −1;
 * - an accented Latin letter next to an ASCII letter ("ç" in "Promoção"): +1.5; a run of three or
 *   more non-ASCII characters in Latin text ("ÂÌ²è", GBK read as windows-1252): −1 each;
 * - ASCII: 0 in byte encodings (they all read it alike), +1 in UTF-16 (where it is evidence).
 * One stray byte thus costs its candidate 10 points, and is outweighed by a few hundred good
 * characters: the file stays readable, with the replaced character counted.
 */
import { HANGUL, JAPANESE_KANJI, SIMPLIFIED, TRADITIONAL } from './common-chars';

/** Encodings the scorer compares (TextDecoder labels). */
export type ScoredEncoding =
	'utf-8' | 'gb18030' | 'big5' | 'shift_jis' | 'euc-kr' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface EncodingScore {
	encoding: ScoredEncoding;
	/** Sum of the characters' evidence (see the module comment); higher is more plausible. */
	score: number;
	/** Replacement characters (U+FFFD) the sample decodes to: bytes invalid in this encoding. */
	replaced: number;
}

type Script = 'zh-hans' | 'zh-hant' | 'ja' | 'ko' | 'latin' | 'any';

interface Profile {
	script: Script;
	/** Evidence of an ASCII character: 0 in byte encodings (all alike), 1 in UTF-16. */
	ascii: number;
}

const PROFILES: Record<ScoredEncoding, Profile> = {
	'utf-8': { script: 'any', ascii: 0 },
	gb18030: { script: 'zh-hans', ascii: 0 },
	big5: { script: 'zh-hant', ascii: 0 },
	shift_jis: { script: 'ja', ascii: 0 },
	'euc-kr': { script: 'ko', ascii: 0 },
	'windows-1252': { script: 'latin', ascii: 0 },
	'utf-16le': { script: 'any', ascii: 1 },
	'utf-16be': { script: 'any', ascii: 1 }
};

const BAD = -10;
const COMMON = 3;
const RARE_HAN = -0.5;
const FOREIGN = -1;
const LATIN_IN_WORD = 1.5;
const LATIN_RUN = -1;
const PUNCT = 0.3;

const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fff;
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Bit per script for each ideograph U+4E00–U+9FFF: frequent in that script's text. */
const SCRIPT_BIT: Partial<Record<Script, number>> = { 'zh-hans': 1, 'zh-hant': 2, ja: 4, any: 7 };

let hanBits: Uint8Array | null = null;
/** Frequent-character flags by code point (built once: a lookup per character must be cheap). */
function frequentHan(): Uint8Array {
	if (hanBits) return hanBits;
	hanBits = new Uint8Array(HAN_LAST - HAN_FIRST + 1);
	const mark = (chars: string, bit: number) => {
		for (const ch of chars) hanBits![ch.codePointAt(0)! - HAN_FIRST]! |= bit;
	};
	mark(SIMPLIFIED, 1);
	mark(TRADITIONAL, 2);
	mark(JAPANESE_KANJI, 4);
	return hanBits;
}

let hangulKinds: Uint8Array | null = null;
/**
 * Per Hangul syllable: 2 = frequent, 1 = in KS X 1001 (the 2,350 of EUC-KR B0A1–C8FE; the other
 * 8,822 syllables are rare in text), 0 = neither.
 */
function hangulKind(): Uint8Array {
	if (hangulKinds) return hangulKinds;
	hangulKinds = new Uint8Array(HANGUL_LAST - HANGUL_FIRST + 1);
	const bytes: number[] = [];
	for (let a = 0xb0; a <= 0xc8; a++) for (let b = 0xa1; b <= 0xfe; b++) bytes.push(a, b);
	for (const ch of new TextDecoder('euc-kr').decode(new Uint8Array(bytes))) {
		const c = ch.codePointAt(0)!;
		if (c >= HANGUL_FIRST && c <= HANGUL_LAST) hangulKinds[c - HANGUL_FIRST] = 1;
	}
	for (const ch of HANGUL) hangulKinds[ch.codePointAt(0)! - HANGUL_FIRST] = 2;
	return hangulKinds;
}

const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** Letters of Latin-1 and the letters windows-1252 adds (Š Œ Ž š œ ž Ÿ ƒ). */
const isLatinLetter = (c: number) =>
	(c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7) ||
	c === 0xaa ||
	c === 0xba ||
	c === 0x160 ||
	c === 0x161 ||
	c === 0x152 ||
	c === 0x153 ||
	c === 0x17d ||
	c === 0x17e ||
	c === 0x178 ||
	c === 0x192;
const isLatinUpper = (c: number) =>
	(c >= 0xc0 && c <= 0xde && c !== 0xd7) || c === 0x160 || c === 0x152 || c === 0x17d;
/** Punctuation and signs of Western text in windows-1252: € £ ¥ ° « » ‘ ’ “ ” – — … © ® ™ ¿ ¡. */
const LATIN_PUNCT = new Set([
	0x20ac, 0xa3, 0xa5, 0xb0, 0xab, 0xbb, 0x2018, 0x2019, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026,
	0xa9, 0xae, 0x2122, 0xbf, 0xa1, 0xa0, 0xb7, 0xa7
]);

function isControl(c: number): boolean {
	return (
		(c < 0x20 && c !== 9 && c !== 10 && c !== 13) ||
		(c >= 0x7f && c < 0xa0) ||
		c === 0xfffe ||
		c === 0xffff
	);
}

/**
 * Evidence of a Latin character (letter or Western punctuation) inside a run of `runLength`
 * non-ASCII characters between `before` and `after`: runs of 3+ are not Western text; an accented
 * letter beside an ASCII letter is a word.
 */
function latinScore(c: number, first: boolean, runLength: number, before: number, after: number) {
	if (runLength >= 3) return LATIN_RUN;
	if (!isLatinLetter(c)) return PUNCT;
	// An upper-case accented letter right after a lower-case one ("aÃ") is not how words go.
	if (first && isLatinUpper(c) && before >= 0x61 && before <= 0x7a) return 0;
	return isAsciiLetter(before) || isAsciiLetter(after) ? LATIN_IN_WORD : 0;
}

/** Evidence of one non-ASCII character `c` of a run (see latinScore for the run's fields). */
function charScore(
	c: number,
	p: Profile,
	first: boolean,
	runLength: number,
	before: number,
	after: number
): number {
	if (c === 0xfffd || isControl(c)) return BAD;
	if (c >= HAN_FIRST && c <= HAN_LAST) {
		const bit = SCRIPT_BIT[p.script];
		if (bit === undefined) return FOREIGN;
		return (frequentHan()[c - HAN_FIRST]! & bit) !== 0 ? COMMON : RARE_HAN;
	}
	if (c >= 0x3040 && c <= 0x30ff) return p.script === 'ja' || p.script === 'any' ? COMMON : FOREIGN;
	if (c >= HANGUL_FIRST && c <= HANGUL_LAST) {
		if (p.script !== 'ko' && p.script !== 'any') return FOREIGN;
		const kind = hangulKind()[c - HANGUL_FIRST];
		return kind === 2 ? COMMON : kind === 1 ? 0 : FOREIGN;
	}
	if (c >= 0xff61 && c <= 0xff9f) return p.script === 'ja' ? PUNCT : FOREIGN; // half-width kana
	// CJK punctuation, full-width forms (，（）￥): usual in East Asian text.
	if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff5e) || (c >= 0xffe0 && c <= 0xffe6))
		return p.script === 'latin' ? FOREIGN : 1;
	if (isLatinLetter(c) || LATIN_PUNCT.has(c)) return latinScore(c, first, runLength, before, after);
	if (c >= 0xe000 && c <= 0xf8ff) return -5; // private use: no real text
	return FOREIGN;
}

/** Score one decoded text under the profile of `encoding`. */
export function scoreText(text: string, encoding: ScoredEncoding): EncodingScore {
	const profile = PROFILES[encoding];
	let score = 0;
	let replaced = 0;
	const n = text.length;
	let i = 0;
	while (i < n) {
		const c = text.charCodeAt(i);
		if (c < 0x80) {
			score += isControl(c) ? BAD : profile.ascii;
			i++;
			continue;
		}
		// A run of non-ASCII code units, scored character by character with its neighbours.
		let end = i;
		while (end < n && text.charCodeAt(end) >= 0x80) end++;
		const before = i > 0 ? text.charCodeAt(i - 1) : 0;
		const after = end < n ? text.charCodeAt(end) : 0;
		const runLength = end - i;
		for (let k = i; k < end; k++) {
			const u = text.charCodeAt(k);
			if (u >= 0xd800 && u <= 0xdbff && k + 1 < end) {
				score += FOREIGN; // a supplementary character (emoji, rare ideographs): no evidence
				k++;
				continue;
			}
			if (u === 0xfffd) replaced++;
			score += charScore(u, profile, k === i, runLength, before, after);
		}
		i = end;
	}
	return { encoding, score, replaced };
}

/** Byte encodings compared for text that is neither UTF-8 nor has a BOM. */
export const BYTE_CANDIDATES: readonly ScoredEncoding[] = [
	'gb18030',
	'big5',
	'shift_jis',
	'euc-kr',
	'windows-1252'
];

/**
 * Decode `bytes` in each candidate and rank them, most plausible first (ties keep the order of
 * `candidates`). `whole` = `bytes` is the whole file; otherwise a multi-byte character cut at the
 * end is not held against a candidate.
 */
export function rankEncodings(
	bytes: Uint8Array,
	candidates: readonly ScoredEncoding[],
	whole: boolean
): EncodingScore[] {
	const scored = candidates.map((encoding, order) => {
		let text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
		if (!whole && text.endsWith('\uFFFD')) text = text.slice(0, -1);
		return { ...scoreText(text, encoding), order };
	});
	scored.sort((a, b) => b.score - a.score || a.order - b.order);
	return scored.map(({ encoding, score, replaced }) => ({ encoding, score, replaced }));
}

/**
 * The evidence is thin when the best candidate has no positive evidence or beats the next by less
 * than UNCERTAIN_MARGIN (about two accented letters): the person should look at a preview.
 */
export const UNCERTAIN_MARGIN = 3;

export function isUncertain(ranked: readonly EncodingScore[]): boolean {
	const [best, next] = ranked;
	if (!best) return true;
	return best.score <= 0 || (next !== undefined && best.score - next.score < UNCERTAIN_MARGIN);
}
