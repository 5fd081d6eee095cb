// Reading a notebook result in pages (issue 13, item 11): the SQL comes from core/notebook/pages,
// every statement runs through the notebook's cancellable user query, and the engine refuses a
// result whose Arrow data is over GUARD_BYTES before converting it — a second layer behind the
// size measured in SQL.
import { ResultTooLargeError, type QueryResult, type UserQueryOptions } from '../db/engine';
import type { Sql } from '../core/sql';
import {
	PAGE_LIMITS,
	buildDescribe,
	buildFullValue,
	buildPage,
	buildSourceCount,
	pageRowsFor,
	parsePage,
	type PageRequest,
	type PageSort,
	type ResultColumn,
	type ResultPage,
	type RowSource
} from '../core/notebook/pages';

/** Runs one user statement (cancellable, on the notebook's connection). */
export type UserQuery = (q: Sql | string, options?: UserQueryOptions) => Promise<QueryResult>;

/**
 * The engine's own limit on a page's Arrow data: the SQL measure counts text bytes and 16 per
 * cell; Arrow adds offsets and validity bitmaps, well under twice that.
 */
export const GUARD_BYTES = PAGE_LIMITS.pageBytes * 2;

/** A page came back empty although the result has rows there: one row is over the page limit. */
export class RowTooLargeError extends ResultTooLargeError {
	constructor(limit: number) {
		super(limit, limit);
		this.message = `One row of the result is larger than ${limit} bytes, even with long values shortened.`;
		this.name = 'RowTooLargeError';
	}
}

export async function describeSource(query: UserQuery, source: RowSource): Promise<ResultColumn[]> {
	const r = await query(buildDescribe(source));
	return r.rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

export async function countSource(query: UserQuery, source: RowSource): Promise<number> {
	const r = await query(buildSourceCount(source));
	return Number(r.rows[0]?.n ?? 0);
}

/**
 * Rows `request.offset …` of the source, texts cut in SQL, at most PAGE_LIMITS.pageBytes of them
 * (fewer rows than asked when they are long). `total` tells an empty page from a row too large.
 */
export async function readPage(
	query: UserQuery,
	source: RowSource,
	columns: readonly ResultColumn[],
	request: PageRequest,
	total: number,
	limits: { cellChars: number; pageBytes: number } = PAGE_LIMITS
): Promise<ResultPage> {
	const r = await query(buildPage(source, columns, request, limits), { maxBytes: GUARD_BYTES });
	const page = parsePage(request.offset, columns, r.rows);
	if (page.rows.length === 0 && request.limit > 0 && request.offset < total) {
		throw new RowTooLargeError(limits.pageBytes);
	}
	return page;
}

export interface FirstPage {
	columns: ResultColumn[];
	page: ResultPage;
	rowCount: number;
}

/** What a cell shows when it has run: its columns, row count and first page (charts read it). */
export async function readFirstPage(
	query: UserQuery,
	source: RowSource,
	rowLimit: number
): Promise<FirstPage> {
	const columns = await describeSource(query, source);
	const rowCount = await countSource(query, source);
	const limit = pageRowsFor(columns.length, Math.min(PAGE_LIMITS.firstPageRows, rowLimit));
	const page = await readPage(query, source, columns, { offset: 0, limit, sort: null }, rowCount);
	return { columns, page, rowCount };
}

export type FullValue =
	| { state: 'value'; text: string | null; bytes: number }
	| { state: 'tooLarge'; bytes: number | null; elements: number | null; limit: number };

/** One cell's whole value as text, or why not (over PAGE_LIMITS.fullValueBytes). */
export async function readFullValue(
	query: UserQuery,
	source: RowSource,
	columns: readonly ResultColumn[],
	column: number,
	index: number,
	sort: PageSort | null
): Promise<FullValue> {
	const sql = buildFullValue(source, columns, column, index, sort);
	const r = await query(sql, { maxBytes: PAGE_LIMITS.fullValueBytes * 2 });
	const row = r.rows[0];
	if (!row || row.is_null === true) return { state: 'value', text: null, bytes: 0 };
	if (typeof row.v === 'string') return { state: 'value', text: row.v, bytes: Number(row.bytes) };
	return {
		state: 'tooLarge',
		bytes: row.bytes === null ? null : Number(row.bytes),
		elements: row.elements === null ? null : Number(row.elements),
		limit: PAGE_LIMITS.fullValueBytes
	};
}

/** A value too long for a download or copy (longer than one page may hold). */
export class ValueTooLargeError extends ResultTooLargeError {
	constructor(
		readonly row: number,
		readonly column: string,
		limit: number
	) {
		super(limit, limit);
		this.message = `Row ${row + 1}, column ${column}: the value is longer than ${limit} characters.`;
		this.name = 'ValueTooLargeError';
	}
}

/**
 * Every row the grid reaches (at most `rowLimit`), values whole, read page by page (each under
 * the byte limit) for a download or a copy. A value longer than a page is refused, never cut.
 */
export async function readAllRows(
	query: UserQuery,
	source: RowSource,
	columns: readonly ResultColumn[],
	rowLimit: number,
	sort: PageSort | null
): Promise<Record<string, unknown>[]> {
	const total = Math.min(rowLimit, await countSource(query, source));
	// A value up to a quarter of a page (in characters: up to 4 bytes each) still fits a page;
	// a longer one comes back cut, and is refused rather than written cut into a file.
	const limits = { cellChars: PAGE_LIMITS.pageBytes / 4, pageBytes: PAGE_LIMITS.pageBytes };
	const rows: Record<string, unknown>[] = [];
	while (rows.length < total) {
		const limit = pageRowsFor(columns.length, Math.min(10_000, total - rows.length));
		const request = { offset: rows.length, limit, sort };
		const page = await readPage(query, source, columns, request, total, limits);
		const cut = page.cut.findIndex((c) => c !== null);
		if (cut !== -1) {
			const col = columns[page.cut[cut]![0]!]!.name;
			throw new ValueTooLargeError(page.offset + cut, col, limits.cellChars);
		}
		for (const row of page.rows) rows.push(row);
	}
	return rows;
}
