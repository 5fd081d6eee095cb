/**
 * Basket files into the canonical `baskets(basket_id INTEGER, item VARCHAR)` table
 * (core/canonical-baskets), and the summary the load summary shows and the market-basket
 * analysis starts from.
 */
import {
	buildBasketlessRowsQuery,
	buildBasketOffsetQuery,
	buildBasketSizesQuery,
	buildBasketsCountQuery,
	buildCreateBasketsStatement,
	buildLongBasketsInsert,
	buildTopItemsQuery,
	buildWideBasketsInsert
} from '../../core/canonical-baskets';
import type { LongBasketColumns } from '../../core/ingest/baskets';
import type { LoadReport } from '../../core/ingest/types';
import { ident, sql } from '../../core/sql';
import type { Engine } from '../engine';

/** Items listed by name in the summary. */
export const TOP_ITEMS = 10;

/** The baskets loaded so far (all basket files of the data set). */
export interface BasketsSummary {
	/** Baskets (transactions) with at least one item. */
	baskets: number;
	/** Distinct items. */
	items: number;
	/** Rows of the baskets table: (basket, item) pairs. */
	itemRows: number;
	/** The TOP_ITEMS items in most baskets, with their basket counts. */
	topItems: { item: string; baskets: number }[];
	/** Baskets by their number of items, smallest first. */
	sizes: { size: number; baskets: number }[];
}

/**
 * Add the baskets of a loaded basket file (its raw table `report.table`) to the baskets table,
 * after those already there. `long`: the long form's columns; otherwise the report must be a wide
 * basket file's (report.basketDelimiter). Returns the report — for the wide form, without the
 * blank lines the one-column read kept as empty rows (blank lines are not records) — and the
 * number of its rows that gave no item (said in the summary).
 */
export async function placeBaskets(
	engine: Engine,
	report: LoadReport,
	long: LongBasketColumns | null
): Promise<{ report: LoadReport; basketless: number }> {
	const line = report.columns[0]?.name ?? 'column_1';
	let placed = report;
	if (!long) {
		const [blank] = await engine.query<{ n: number }>(
			sql`SELECT CAST(count(*) AS INTEGER) AS n FROM ${ident(report.table)} WHERE ${ident(line)} IS NULL`
		);
		const n = Number(blank?.n ?? 0);
		if (n > 0) {
			await engine.exec(sql`DELETE FROM ${ident(report.table)} WHERE ${ident(line)} IS NULL`);
			placed = {
				...report,
				rowsLoaded: report.rowsLoaded - n,
				unaccounted: report.unaccounted + n
			};
		}
	}
	await engine.exec(buildCreateBasketsStatement());
	const [o] = await engine.query<{ offset: number }>(buildBasketOffsetQuery());
	const offset = Number(o?.offset ?? 0);
	const delimiter = report.basketDelimiter ?? ',';
	const form = long ?? { line, delimiter };
	await engine.exec(
		long
			? buildLongBasketsInsert(report.table, long, offset)
			: buildWideBasketsInsert(report.table, line, delimiter, offset)
	);
	const [e] = await engine.query<{ n: number }>(buildBasketlessRowsQuery(report.table, form));
	return { report: placed, basketless: Number(e?.n ?? 0) };
}

/** The summary of the baskets table; null when it has no basket (or is not there). */
export async function readBasketsSummary(engine: Engine): Promise<BasketsSummary | null> {
	const [count] = await engine
		.query<{ baskets: number; items: number; rows: number }>(buildBasketsCountQuery())
		.catch(() => []);
	if (!count || Number(count.baskets) === 0) return null;
	const topItems = await engine.query<{ item: string; baskets: number }>(
		buildTopItemsQuery(TOP_ITEMS)
	);
	const sizes = await engine.query<{ size: number; baskets: number }>(buildBasketSizesQuery());
	return {
		baskets: Number(count.baskets),
		items: Number(count.items),
		itemRows: Number(count.rows),
		topItems: topItems.map((r) => ({ item: r.item, baskets: Number(r.baskets) })),
		sizes: sizes.map((r) => ({ size: Number(r.size), baskets: Number(r.baskets) }))
	};
}
