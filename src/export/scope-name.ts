// The scope of a download in its file name (issue 16): a CSV keeps a plain header row, so the
// date range and the dimension filter the rows were computed under go into the name instead —
// `orders-rfm_2024-01-01_2024-06-30_region-Central.csv`. Filter values come from the user's files
// and can hold anything: path separators, control and bidirectional-override characters (which
// would make a name display as something else) are removed, and every piece is capped.

/** What the rows of a download were computed under, as the user sees it on the page. */
export interface ScopeLabel {
	/** 'YYYY-MM-DD' or null. */
	from: string | null;
	to: string | null;
	/** The filter's column as labelled on the page, and the values kept. */
	filter: { column: string; values: readonly string[] } | null;
}

/** Longest column or value piece, in characters. */
const PIECE_MAX = 24;
/** Longest list of values, in characters, before the rest are counted as "(+n)". */
const VALUES_MAX = 48;

// Control (Cc) and format (Cf: bidi overrides, zero-width joiners, BOM) characters.
const INVISIBLE = /[\p{Cc}\p{Cf}]+/gu;
// Separators of paths on any OS and the other characters Windows refuses in a name.
const RESERVED = /[\\/:*?"<>|]+/g;

/** One piece of a name: visible characters only, no separators, spaces as '-', capped. */
export function namePiece(text: string, max = PIECE_MAX): string {
	const clean = text
		.normalize('NFC')
		.replace(INVISIBLE, '')
		.replace(RESERVED, '-')
		.replace(/\s+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-.]+|[-.]+$/g, '');
	const chars = [...clean];
	return chars.length > max
		? chars
				.slice(0, max)
				.join('')
				.replace(/[-.]+$/, '')
		: clean;
}

/**
 * The scope as a file-name suffix: '' with no range and no filter, else '_' + pieces, e.g.
 * '_2024-01-01_2024-06-30_region-Central+East'. An open range reads '_from-…' or '_to-…'; values
 * beyond the length cap are counted ('+East(+3)'); an empty value reads 'blank'.
 */
export function scopeSuffix(scope: ScopeLabel | null): string {
	if (!scope) return '';
	const parts: string[] = [];
	const from = scope.from ? namePiece(scope.from) : '';
	const to = scope.to ? namePiece(scope.to) : '';
	if (from && to) parts.push(from, to);
	else if (from) parts.push(`from-${from}`);
	else if (to) parts.push(`to-${to}`);
	const filter = scope.filter;
	if (filter && filter.values.length > 0) {
		const column = namePiece(filter.column) || 'filter';
		parts.push(`${column}-${valuesPiece(filter.values)}`);
	}
	return parts.map((p) => `_${p}`).join('');
}

function valuesPiece(values: readonly string[]): string {
	const kept: string[] = [];
	let length = 0;
	for (const value of values) {
		const piece = namePiece(value) || 'blank';
		const added = (kept.length > 0 ? 1 : 0) + [...piece].length;
		if (kept.length > 0 && length + added > VALUES_MAX) break;
		kept.push(piece);
		length += added;
	}
	const rest = values.length - kept.length;
	return kept.join('+') + (rest > 0 ? `(+${rest})` : '');
}

/** `filename` with the scope suffix before its extension: 'orders-rfm.csv' → 'orders-rfm_….csv'. */
export function scopedFilename(filename: string, scope: ScopeLabel | null): string {
	const suffix = scopeSuffix(scope);
	if (!suffix) return filename;
	const dot = filename.lastIndexOf('.');
	const ext = dot > 0 && filename.length - dot <= 6 ? filename.slice(dot) : '';
	return filename.slice(0, filename.length - ext.length) + suffix + ext;
}
