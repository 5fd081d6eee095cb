/**
 * Is the first record a header? (pure; part of sniffing, see sniff.ts)
 *
 * A header holds names where the records below it hold values. So the first record is data,
 * not a header, when it has the same kinds as the rest: in the columns whose sampled values are
 * numbers or dates, it has numbers or dates too (at least one), never a name — e.g. CDNOW's
 * `00004 0001 19970101 2 29.33`, or `Alice,2024-01-05,10.5` above more such rows. With no such
 * column to compare (all text, or too few records), it is data when every non-empty cell looks
 * like a value (headers are names, e.g. `order_date`, never `2024-01-05`).
 */

/** Records below the first one compared with it. */
const HEADER_SAMPLE = 200;
/** Share of a column's sampled non-empty cells that must be values for it to count as typed. */
const TYPED_SHARE = 0.9;

const NUMBER_LIKE = /^[-+(]?[¥$€£￥]?\s?[-+]?\d[\d.,' ]*\)?\s?[¥$€£￥%]?$/;
const DATE_LIKE =
	/^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?)?$/;

/** True for cells that look like a value (number, date, timestamp), not like a column name. */
export function looksLikeValue(cell: string): boolean {
	const v = cell.trim();
	return NUMBER_LIKE.test(v) || DATE_LIKE.test(v);
}

/** The most common value and how often it occurs (ties: the larger value). */
export function modeOf(values: readonly number[]): { value: number; count: number } {
	const counts = new Map<number, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	let best = { value: 1, count: 0 };
	for (const [value, count] of counts) {
		if (count > best.count || (count === best.count && value > best.value)) best = { value, count };
	}
	return best;
}

/** Columns (indexes) whose non-empty cells in `body` are (nearly) all values. */
function typedColumns(body: readonly string[][], width: number): number[] {
	const typed: number[] = [];
	for (let j = 0; j < width; j++) {
		const cells = body.map((r) => r[j]?.trim() ?? '').filter((c) => c !== '');
		const values = cells.filter(looksLikeValue).length;
		if (cells.length > 0 && values >= cells.length * TYPED_SHARE) typed.push(j);
	}
	return typed;
}

/** Whether the first of the sampled records is a header, and how many columns to read. */
export function detectHeader(rows: readonly string[][]): {
	hasHeader: boolean;
	fieldCount: number;
} {
	const first = rows[0] ?? [];
	const cell = (j: number) => first[j]?.trim() ?? '';
	const below = rows.slice(1, 1 + HEADER_SAMPLE);
	const typed = typedColumns(below, first.length).filter((j) => cell(j) !== '');
	let hasHeader: boolean;
	if (typed.length > 0) hasHeader = typed.some((j) => !looksLikeValue(cell(j)));
	else {
		const nonEmpty = first.filter((c) => c.trim() !== '');
		hasHeader = !(nonEmpty.length > 0 && nonEmpty.every(looksLikeValue));
	}
	const body = hasHeader ? rows.slice(1) : rows;
	const dataWidth = body.length > 0 ? modeOf(body.map((r) => r.length)).value : 0;
	return { hasHeader, fieldCount: Math.max(hasHeader ? first.length : 0, dataWidth, 1) };
}
