/**
 * A notebook result is read in pages, never whole (issue 13, item 11): the grid asks for the rows
 * it shows, and each page is shaped in SQL before any byte reaches the page's JavaScript.
 * - Texts (and lists, maps, structs… cast to text) are cut to `cellChars` characters in SQL, with
 *   a flag per cell saying it was cut; a list or map with more than `cellChars` elements is sliced
 *   before the cast, so DuckDB never builds the text of a 20-million-element list to show 1,000
 *   characters of it.
 * - Each row's size is measured in SQL (bytes of its texts + 16 per cell) and a running sum keeps
 *   the page under `pageBytes`: a page of long texts simply holds fewer rows.
 * - A single value is read in full on demand, refused beyond `fullValueBytes`.
 * The rows come from a cell's view or, for a cell of several statements, its last query.
 */
import { Sql, ident, int, raw, sql } from '../sql';
import { scanSql, statementKind } from './scan';

export interface PageLimits {
	cellChars: number;
	pageBytes: number;
	pageCells: number;
	firstPageRows: number;
	fullValueBytes: number;
	fullValueElements: number;
}

export const PAGE_LIMITS: Readonly<PageLimits> = {
	/** Characters of a text shown in a grid cell; longer texts are cut in SQL. */
	cellChars: 1000,
	/** Bytes of one page of rows converted to JavaScript at once (measured in SQL). */
	pageBytes: 4 * 1024 * 1024,
	/** Cells (rows × columns) of one page, so converting a page stays a short task. */
	pageCells: 100_000,
	/** Rows read when a cell runs: what the grid shows first and what charts draw. */
	firstPageRows: 5000,
	/** Bytes of one value shown in full on demand ("Show full value"). */
	fullValueBytes: 10 * 1024 * 1024,
	/** Elements of a list or map cast to text for its full value (beyond: refused). */
	fullValueElements: 1_000_000
};

/** Where a result's rows come from: a cell's view, or a query (a cell's last statement). */
export type RowSource = { view: string } | { query: string };

export interface ResultColumn {
	name: string;
	type: string;
}

/** A grid sort: column index and direction. */
export interface PageSort {
	column: number;
	dir: 1 | -1;
}

export interface PageRequest {
	offset: number;
	limit: number;
	sort: PageSort | null;
}

/** A page of rows keyed by column name; `cut[i]` lists the columns cut short in row i. */
export interface ResultPage {
	offset: number;
	rows: Record<string, unknown>[];
	cut: (number[] | null)[];
}

/** How a column is shown: as it is (numbers, dates…), or as text cut in SQL. */
export type ColumnShape = 'plain' | 'text' | 'list' | 'map' | 'cast';

const PLAIN =
	/^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL\(\d+,\s*\d+\)|DATE|TIME|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE|TIME WITH TIME ZONE|INTERVAL|UUID|"NULL"|NULL)$/i;

/** The shape of a DuckDB type name as DESCRIBE writes it (`INTEGER[]`, `MAP(…)`, `STRUCT(…)`). */
export function columnShape(type: string): ColumnShape {
	const t = type.trim();
	if (PLAIN.test(t)) return 'plain';
	if (/^VARCHAR$/i.test(t)) return 'text';
	if (t.endsWith(']')) return 'list';
	if (/^MAP\(/i.test(t)) return 'map';
	return 'cast';
}

export { uniqueColumnNames } from '../unique-names';

/**
 * The rows' source as SQL. A query starts on the line after the one where the wrapper starts, so
 * an error's `LINE n` is n − 1 lines into the query (see sourceLineShift).
 */
function sourceSql(source: RowSource): Sql {
	return 'view' in source ? sql`${ident(source.view)}` : new Sql(`(\n${source.query}\n)`, []);
}

/** Columns and DuckDB types of the source (names as `SELECT *` gives them: repeats renamed). */
export function buildDescribe(source: RowSource): Sql {
	return sql`DESCRIBE SELECT * FROM ${sourceSql(source)}`;
}

export function buildSourceCount(source: RowSource): Sql {
	return sql`SELECT count(*)::BIGINT AS n FROM ${sourceSql(source)}`;
}

function orderedRows(source: RowSource, sort: PageSort | null, limit: number, offset: number) {
	const order = sort
		? raw(` ORDER BY #${sort.column + 1} ${sort.dir === 1 ? 'ASC' : 'DESC'} NULLS LAST`)
		: raw('');
	return sql`SELECT * FROM ${sourceSql(source)}${order} LIMIT ${whole(limit)} OFFSET ${whole(offset)}`;
}

function whole(n: number) {
	if (!Number.isInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
	return int(n);
}

/** Number of elements of a list or map column, or null for other shapes. */
function elementCount(shape: ColumnShape, col: Sql): Sql | null {
	if (shape === 'list') return sql`len(${col})`;
	if (shape === 'map') return sql`cardinality(${col})`;
	return null;
}

/** The text shown for a column, long enough to tell whether it was cut at `chars`. */
function shownText(shape: ColumnShape, col: Sql, chars: number): Sql {
	const n = whole(chars);
	if (shape === 'text') return col;
	// A sliced list or map prints more than `chars` characters, so its cell is flagged as cut.
	if (shape === 'list') {
		// Slicing first: casting a 20-million-element list builds a string of ~180 MB.
		return sql`CASE WHEN len(${col}) > ${n} THEN list_slice(${col}, 1, ${n})::VARCHAR || ', …' ELSE ${col}::VARCHAR END`;
	}
	if (shape === 'map') {
		return sql`CASE WHEN cardinality(${col}) > ${n} THEN list_slice(map_entries(${col}), 1, ${n})::VARCHAR ELSE ${col}::VARCHAR END`;
	}
	return sql`${col}::VARCHAR`;
}

/**
 * One page: rows `offset … offset+limit` of the source (sorted when asked), with every text cut to
 * `cellChars` characters and a flag `c<k>` per cut cell, stopping before the running size passes
 * `pageBytes`. Columns come out as `v0, v1, …` (see parsePage).
 */
export function buildPage(
	source: RowSource,
	columns: readonly ResultColumn[],
	request: PageRequest,
	limits: Pick<PageLimits, 'cellChars' | 'pageBytes'> = PAGE_LIMITS
): Sql {
	const shapes = columns.map((c) => columnShape(c.type));
	const n = whole(limits.cellChars);
	const texts = columns.map((c, k) => {
		const col = sql`${ident(c.name)}`;
		const shape = shapes[k]!;
		return shape === 'plain'
			? sql`${col} AS ${raw(`v${k}`)}`
			: sql`${shownText(shape, col, limits.cellChars)} AS ${raw(`s${k}`)}`;
	});
	const cutOnes = columns.map((_c, k) => {
		if (shapes[k] === 'plain') return raw(`v${k}`);
		const s = raw(`s${k}`);
		return sql`left(${s}, ${n}) AS ${raw(`v${k}`)}, coalesce(length(${s}) > ${n}, false) AS ${raw(`c${k}`)}`;
	});
	const textBytes = columns
		.map((_c, k) => (shapes[k] === 'plain' ? null : `coalesce(strlen(v${k}), 0)`))
		.filter((x) => x !== null);
	const rowBytes = raw([String(16 * Math.max(1, columns.length)), ...textBytes].join(' + '));
	const page = orderedRows(source, request.sort, request.limit, request.offset);
	return sql`SELECT * EXCLUDE (__cum) FROM (SELECT *, sum(${rowBytes}) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS __cum FROM (SELECT ${cutOnes} FROM (SELECT ${texts} FROM (${page}) AS __page) AS __texts) AS __cut) AS __sized
WHERE __cum <= ${whole(limits.pageBytes)}`;
}

/** Rows of buildPage keyed by column name, with the cut cells of each row. */
export function parsePage(
	offset: number,
	columns: readonly ResultColumn[],
	rows: readonly Record<string, unknown>[]
): ResultPage {
	const shapes = columns.map((c) => columnShape(c.type));
	const out: Record<string, unknown>[] = [];
	const cut: (number[] | null)[] = [];
	for (const r of rows) {
		const row: Record<string, unknown> = {};
		let cells: number[] | null = null;
		columns.forEach((c, k) => {
			row[c.name] = r[`v${k}`] ?? null;
			if (shapes[k] !== 'plain' && r[`c${k}`] === true) (cells ??= []).push(k);
		});
		out.push(row);
		cut.push(cells);
	}
	return { offset, rows: out, cut };
}

/** Rows a page may hold for this many columns (pageCells), at most `rows`. */
export function pageRowsFor(columnCount: number, rows: number): number {
	return Math.max(1, Math.min(rows, Math.floor(PAGE_LIMITS.pageCells / Math.max(1, columnCount))));
}

/**
 * One value in full (row `index` in the given sort): `v` is its text when it is at most
 * `fullValueBytes` bytes, `bytes` its size and `elements` its element count (lists, maps). A list
 * or map over `fullValueElements` elements is not cast at all.
 */
export function buildFullValue(
	source: RowSource,
	columns: readonly ResultColumn[],
	column: number,
	index: number,
	sort: PageSort | null,
	limits: Pick<PageLimits, 'fullValueBytes' | 'fullValueElements'> = PAGE_LIMITS
): Sql {
	const c = columns[column];
	if (!c) throw new Error(`no column ${column}`);
	const col = sql`${ident(c.name)}`;
	const shape = columnShape(c.type);
	const count = elementCount(shape, col);
	const text =
		shape === 'text'
			? col
			: count
				? sql`CASE WHEN ${count} <= ${whole(limits.fullValueElements)} THEN ${col}::VARCHAR END`
				: sql`${col}::VARCHAR`;
	const page = orderedRows(source, sort, 1, index);
	return sql`SELECT CASE WHEN strlen(s) <= ${whole(limits.fullValueBytes)} THEN s END AS v, strlen(s)::BIGINT AS bytes, e AS elements, is_null
FROM (SELECT ${text} AS s, ${count ?? raw('NULL')}::BIGINT AS e, ${col} IS NULL AS is_null FROM (${page}) AS __page) AS __value`;
}

/**
 * Lines to subtract from an error's `LINE n` about a query source whose text starts `startLine`
 * lines (0-based) into the cell: the wrappers put the query on the second line.
 */
export function sourceLineShift(startLine: number): number {
	return 1 - startLine;
}

/**
 * A cell of several statements split before its last one, when that one is a query: the
 * statements before it run as written, and the query's rows are read in pages like a view's.
 * Null when the last statement is not a query (PRAGMA, EXPLAIN, CREATE…).
 */
export function splitLastQuery(
	text: string
): { before: string; query: string; startLine: number } | null {
	const tokens = scanSql(text).filter((t) => t.type !== 'comment');
	let end = tokens.length;
	while (end > 0 && tokens[end - 1]!.type === 'semi') end--;
	if (end === 0) return null;
	let start = end;
	while (start > 0 && tokens[start - 1]!.type !== 'semi') start--;
	const from = tokens[start]!.start;
	const query = text.slice(from, tokens[end - 1]!.end);
	if (statementKind(query) !== 'query') return null;
	const before = text.slice(0, from);
	return { before, query, startLine: before.split('\n').length - 1 };
}
