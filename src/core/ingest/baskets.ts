/**
 * Basket files (pure; issue 15): one shopping basket per line, its items separated by a
 * delimiter, no header and no other columns — groceries.csv's
 * `citrus fruit,semi-finished bread,margarine,ready soups` — and the long form, a transaction
 * id column beside an item column with no dates or amounts.
 *
 * The wide form is decided from the decoded start of the file, before it is read as a table: a
 * table reader would take the first line's width for every line and reject the rest (groceries:
 * 8,830 of 9,835 lines). Evidence, all required, over the sampled lines:
 * - no cell looks like a date, and almost none like a number (item names are words);
 * - the lines are ragged — no width holds RAGGED_SHARE of them — or every line is one item;
 * - items repeat: a basket file draws from a vocabulary (at most 70 % of the cells distinct),
 *   where a table of names, notes or addresses does not;
 * - the first line is no header: it has no cell that looks like a column name of a table;
 * - no double quotes: a basket file is read a line a record and split at the delimiter, which a
 *   quoted cell could hold (such a file is read as a table).
 * A CSV table with a few lines that carry extra fields is not ragged in this sense (one width
 * holds most lines) and keeps being read as a table, its wider lines rejected with their numbers.
 */
import { looksLikeValue, modeOf } from './header';
import { normalizeHeader } from '../columns';
import type { ColumnProfile } from '../types';

/** Lines of the sample looked at. */
const SAMPLE_LINES = 500;
/** Fewest lines that are evidence enough. */
const MIN_LINES = 5;
/** A width held by this share of the lines makes the file a table, not baskets. */
const RAGGED_SHARE = 0.7;
/** Most share of cells that may look like numbers (an item named `100` now and then). */
const NUMBER_SHARE = 0.02;
/**
 * Most share of distinct cells among all cells: items repeat (groceries' first 24 lines: 0.63;
 * its first 200: 0.15).
 */
const DISTINCT_SHARE = 0.7;
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** A wide basket file: items separated by `delimiter`, one basket a line. */
export interface BasketLayout {
	delimiter: string;
}

/** Header words that say a line is a table's header, not a basket (normalised, see columns.ts). */
const HEADER_WORDS =
	/^(id|items?|products?|sku|date|time|amount|price|qty|quantity|customer\w*|order\w*|transaction\w*|basket\w*|invoice\w*|receipt\w*|total)$/;

const DATE_PART = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/** The cells of each line split at `delimiter`, trimmed (as core/canonical-baskets splits them). */
function split(lines: readonly string[], delimiter: string): string[][] {
	return lines.map((l) => l.split(delimiter).map((c) => c.trim()));
}

/**
 * Whether the decoded start of a file is a wide basket file (see module comment), and its
 * delimiter; null for anything else.
 * @param text     decoded text (BOM removed)
 * @param complete true when `text` is the whole file (else its last line may be cut)
 */
export function detectBasketLayout(text: string, complete: boolean): BasketLayout | null {
	let lines = text.split(/\r\n|\r|\n/);
	if (!complete) lines.pop();
	lines = lines.filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
	if (lines.length < MIN_LINES) return null;
	// Excel's `sep=` line belongs to tables; quoted cells too (a basket file is read a line a
	// record, split at the delimiter: a quote could hold one).
	if (lines.some((l) => l.includes('"'))) return null;
	// The delimiter found on most lines; none at all: one item a line.
	const counts = DELIMITERS.map((d) => lines.filter((l) => l.includes(d)).length);
	const most = Math.max(...counts);
	const delimiter = most === 0 ? ',' : DELIMITERS[counts.indexOf(most)]!;
	const rows = split(lines, delimiter);
	const cells = rows.flat().filter((c) => c !== '');
	if (cells.length === 0) return null;
	if (cells.some((c) => DATE_PART.test(c))) return null;
	const numbers = cells.filter((c) => looksLikeValue(c)).length;
	if (numbers > cells.length * NUMBER_SHARE) return null;
	const widths = rows.map((r) => r.filter((c) => c !== '').length);
	const mode = modeOf(widths);
	const oneItem = widths.every((w) => w === 1);
	if (!oneItem && mode.count >= rows.length * RAGGED_SHARE) return null;
	if (new Set(cells).size > cells.length * DISTINCT_SHARE) return null;
	const first = rows[0] ?? [];
	if (first.some((c) => HEADER_WORDS.test(normalizeHeader(c)))) return null;
	return { delimiter };
}

/** Long-form basket columns: the transaction (basket) id and the item. */
export interface LongBasketColumns {
	basket: string;
	item: string;
}

const BASKET_NAMES =
	/^(tx|txn|trans|transaction|basket|order|invoice|receipt|ticket|bill|交易|订单|小票|单据|流水)(id|no|nr|num|number|编号|号|单号|流水号)?$/;
const ITEM_NAMES =
	/^(item|items|itemname|itemdescription|product|products|productname|article|sku|description|goods|商品|商品名称|品名|货品|产品|产品名称)$/;

/**
 * Whether a loaded file's columns are the long form of a basket file: exactly two non-empty
 * columns, a transaction (basket) id and an item, told by their header names (`tx_id,item`,
 * `Transaction,Item`, `订单号,商品`). Header-less two-column files are not taken: two columns
 * of text could be anything. Files with dates or amounts are orders (the caller asks this only
 * of files that are not).
 */
export function detectLongBaskets(columns: readonly ColumnProfile[]): LongBasketColumns | null {
	const cols = columns.filter((c) => c.kind !== 'empty');
	if (cols.length !== 2) return null;
	const [a, b] = cols as [ColumnProfile, ColumnProfile];
	if ([a, b].some((c) => c.kind === 'date' || c.kind === 'timestamp' || c.kind === 'decimal')) {
		return null;
	}
	const na = normalizeHeader(a.name);
	const nb = normalizeHeader(b.name);
	if (BASKET_NAMES.test(na) && ITEM_NAMES.test(nb)) return { basket: a.name, item: b.name };
	if (BASKET_NAMES.test(nb) && ITEM_NAMES.test(na)) return { basket: b.name, item: a.name };
	return null;
}
