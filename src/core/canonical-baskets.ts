/**
 * The canonical `baskets(basket_id INTEGER, item VARCHAR)` table of a basket file (issue 15),
 * which the market-basket analysis reads: one row per distinct item per basket.
 *
 * - Wide form (one basket a line, core/ingest/baskets.ts): the raw table has one column, the
 *   line; basket_id numbers the loaded lines in file order, 1..N (a line with no item keeps no
 *   number); items are the line's cells split at the delimiter.
 * - Long form (a transaction id and an item column): basket_id numbers the transaction ids in
 *   the order of their first row, 1..N (the ids themselves may be text, e.g. `T100`).
 * - Items are trimmed of spaces and tabs around them, and a quoted cell is unquoted: a space at
 *   the end of a label is not visible and would make `cream cheese ` of one file another item
 *   than `cream cheese` of the next. groceries.csv has two such labels; trimmed, they collide
 *   with no other label (169 items either way, as arules counts them).
 * - An item listed twice in one basket counts once (the table is a set per basket).
 * - Several basket files append: each file's ids continue after the last one (`offset`).
 */
import { ident, int, lit, sql, type Sql } from './sql';
import { textExpr } from './canonical';

export const BASKETS_TABLE = 'baskets';

/** Create the (empty) baskets table if there is none. */
export function buildCreateBasketsStatement(): Sql {
	return sql`CREATE TABLE IF NOT EXISTS ${ident(BASKETS_TABLE)} (basket_id INTEGER, item VARCHAR)`;
}

/** Highest basket_id so far (0 when empty): the next file's ids start after it. */
export function buildBasketOffsetQuery(): Sql {
	return sql`SELECT CAST(coalesce(max(basket_id), 0) AS INTEGER) AS offset FROM ${ident(BASKETS_TABLE)}`;
}

/** An item cell trimmed of spaces and tabs, unquoted when quoted, NULL when blank. */
function itemExpr(cell: Sql): Sql {
	const t = sql`trim(${cell}, ' ' || chr(9))`;
	return sql`nullif(CASE WHEN length(${t}) >= 2 AND starts_with(${t}, '"') AND ends_with(${t}, '"') THEN replace(${t}[2:-2], '""', '"') ELSE ${t} END, '')`;
}

/**
 * INSERT the baskets of a wide basket file's raw table (`__row` + one line column), ids after
 * `offset`.
 */
export function buildWideBasketsInsert(
	raw: string,
	line: string,
	delimiter: string,
	offset: number
): Sql {
	return sql`INSERT INTO ${ident(BASKETS_TABLE)}
WITH cells AS (
	SELECT __row, unnest(string_split(${ident(line)}, ${lit(delimiter)})) AS cell
	FROM ${ident(raw)}
),
items AS (
	SELECT DISTINCT __row, ${itemExpr(sql`cell`)} AS item FROM cells
),
ids AS (
	SELECT __row, CAST(row_number() OVER (ORDER BY __row) AS INTEGER) + ${int(offset)} AS basket_id
	FROM (SELECT DISTINCT __row FROM items WHERE item IS NOT NULL)
)
SELECT ids.basket_id, items.item
FROM items JOIN ids USING (__row)
WHERE items.item IS NOT NULL
ORDER BY ids.basket_id, items.item`;
}

/** INSERT the baskets of a long-form file's raw table, ids after `offset`. */
export function buildLongBasketsInsert(
	raw: string,
	cols: { basket: string; item: string },
	offset: number
): Sql {
	return sql`INSERT INTO ${ident(BASKETS_TABLE)}
WITH rows AS (
	SELECT __row, ${textExpr(cols.basket)} AS tx, ${itemExpr(sql`${ident(cols.item)}`)} AS item
	FROM ${ident(raw)}
),
ids AS (
	SELECT tx, CAST(row_number() OVER (ORDER BY min(__row)) AS INTEGER) + ${int(offset)} AS basket_id
	FROM rows
	WHERE tx IS NOT NULL AND item IS NOT NULL
	GROUP BY tx
)
SELECT DISTINCT ids.basket_id, rows.item
FROM rows JOIN ids USING (tx)
WHERE rows.item IS NOT NULL
ORDER BY ids.basket_id, rows.item`;
}

/**
 * Rows of a raw table that gave no basket item: wide form, lines with no item; long form, rows
 * with no transaction id or no item. One row: `n`.
 */
export function buildBasketlessRowsQuery(
	raw: string,
	form: { line: string; delimiter: string } | { basket: string; item: string }
): Sql {
	const empty =
		'line' in form
			? sql`list_bool_and(list_transform(string_split(${ident(form.line)}, ${lit(form.delimiter)}), c -> ${itemExpr(sql`c`)} IS NULL)) IS NOT false`
			: sql`${textExpr(form.basket)} IS NULL OR ${itemExpr(sql`${ident(form.item)}`)} IS NULL`;
	return sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(raw)} WHERE ${empty}`;
}

/** One row: baskets, distinct items and item rows of the baskets table. */
export function buildBasketsCountQuery(): Sql {
	return sql`SELECT
	CAST(count(DISTINCT basket_id) AS INTEGER) AS baskets,
	CAST(count(DISTINCT item) AS INTEGER) AS items,
	CAST(count(*) AS INTEGER) AS rows
FROM ${ident(BASKETS_TABLE)}`;
}

/** The `limit` items in most baskets (ties: by item), with their basket counts. */
export function buildTopItemsQuery(limit: number): Sql {
	return sql`SELECT item, CAST(count(*) AS INTEGER) AS baskets
FROM ${ident(BASKETS_TABLE)}
GROUP BY item
ORDER BY baskets DESC, item
LIMIT ${int(limit)}`;
}

/** Baskets by their number of distinct items, smallest first. */
export function buildBasketSizesQuery(): Sql {
	return sql`SELECT size, CAST(count(*) AS INTEGER) AS baskets
FROM (SELECT CAST(count(*) AS INTEGER) AS size FROM ${ident(BASKETS_TABLE)} GROUP BY basket_id)
GROUP BY size
ORDER BY size`;
}
