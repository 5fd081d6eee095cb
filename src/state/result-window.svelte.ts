// The rows a result grid holds (issue 13, item 11): pages read on demand as the grid scrolls,
// sorted in SQL, and at most MAX_HELD rows kept in the page — the grid is virtual, so the rows
// far from view are dropped and read again when they come back.
import type { CellResult } from './notebook.svelte';
import {
	pageRowsFor,
	type PageRequest,
	type PageSort,
	type ResultPage
} from '../core/notebook/pages';

export interface WindowRow {
	row: Record<string, unknown>;
	/** Columns whose text was cut short in SQL. */
	cut: number[] | null;
}

/** Rows read per page as the grid scrolls (fewer when they are long: see core/notebook/pages). */
const PAGE_ROWS = 500;
/** Rows kept in the page at most; beyond, those far from view are dropped. */
const MAX_HELD = 20_000;

export class ResultWindow {
	/** Bumped when rows arrive or go: what reads rows re-reads them. */
	version = $state(0);
	sort = $state<PageSort | null>(null);
	/** Why a page could not be read (the grid shows it; scrolling does not retry it). */
	error = $state<string | null>(null);
	private rows: (WindowRow | undefined)[] = [];
	private held = 0;
	private loading = false;
	/** Changes with the sort: pages asked for an older sort are dropped when they arrive. */
	private generation = 0;
	/** Rows known to exist: a page that comes back short of the count ends the result there. */
	private end = Infinity;

	constructor(
		private readonly result: CellResult,
		/** Reads a page; null when the result is whole in `result.rows` (nothing to read). */
		private readonly read: ((r: PageRequest) => Promise<ResultPage>) | null,
		private readonly rowLimit: number
	) {
		this.fill();
	}

	get paged(): boolean {
		return this.read !== null;
	}

	/** Rows the grid spans. */
	get total(): number {
		void this.version;
		const all = this.paged
			? Math.min(this.result.rowCount, this.rowLimit)
			: this.result.rows.length;
		return Math.min(all, this.end);
	}

	row(i: number): WindowRow | undefined {
		void this.version;
		return this.rows[i];
	}

	setSort(sort: PageSort | null) {
		this.sort = sort;
		this.generation++;
		this.error = null;
		this.fill();
		this.version++;
	}

	/** Read the first missing row of `first … last` (one page at a time). */
	ensure(first: number, last: number) {
		if (!this.read || this.loading || this.error) return;
		const to = Math.min(last, this.total);
		let from = first;
		while (from < to && this.rows[from]) from++;
		if (from >= to) return;
		void this.load(from, first, last);
	}

	private async load(from: number, first: number, last: number) {
		const generation = this.generation;
		this.loading = true;
		try {
			const limit = pageRowsFor(this.result.columns.length, PAGE_ROWS);
			const page = await this.read!({ offset: from, limit, sort: this.sort });
			if (generation !== this.generation) return;
			if (page.rows.length === 0) this.end = from;
			if (this.held + page.rows.length > MAX_HELD) this.dropAway(first, last);
			page.rows.forEach((row, k) => this.put(from + k, { row, cut: page.cut[k] ?? null }));
		} catch (e) {
			if (generation === this.generation) this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.loading = false;
			this.version++;
		}
	}

	private put(i: number, r: WindowRow) {
		if (!this.rows[i]) this.held++;
		this.rows[i] = r;
	}

	/** Keep only the rows near the view. */
	private dropAway(first: number, last: number) {
		const lo = Math.max(0, first - PAGE_ROWS * 4);
		const hi = last + PAGE_ROWS * 4;
		const next: (WindowRow | undefined)[] = [];
		let held = 0;
		// forEach skips the holes of the sparse array.
		this.rows.forEach((r, i) => {
			if (r && i >= lo && i < hi) {
				next[i] = r;
				held++;
			}
		});
		this.rows = next;
		this.held = held;
	}

	/** The rows the result already holds: the first page, or the whole (sorted here) result. */
	private fill() {
		this.rows = [];
		this.held = 0;
		this.end = Infinity;
		const { rows, cut } = this.result;
		// Sorted in SQL: every page is read again.
		if (this.paged && this.sort) return;
		const order = rows.map((_r, i) => i);
		if (this.sort) {
			const { column, dir } = this.sort;
			const key = this.result.columns[column]?.name ?? '';
			order.sort((a, b) => dir * compare(rows[a]![key], rows[b]![key]));
		}
		order.forEach((i, k) => this.put(k, { row: rows[i]!, cut: cut[i] ?? null }));
	}
}

function compare(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === null || a === undefined) return 1;
	if (b === null || b === undefined) return -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a).localeCompare(String(b));
}
