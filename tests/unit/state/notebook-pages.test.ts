// Notebook results read in pages (issue 13, items 11 and 12) against the Node engine: the grid's
// pages, the byte limit per page measured in SQL, long texts and huge lists cut in SQL with the
// full value on demand, refusals, and repeated column names in a cell of several statements.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { Notebook } from '../../../src/state/notebook.svelte';
import { memoryStore } from '../../../src/state/notebook-store';
import { PAGE_LIMITS } from '../../../src/core/notebook/pages';
import { ResultWindow } from '../../../src/state/result-window.svelte';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});
afterAll(async () => {
	await db?.close();
});

async function run(source: string) {
	const nb = new Notebook(async () => db, memoryStore());
	const id = nb.add('sql', undefined, source);
	await nb.run(id);
	return { nb, id, result: nb.result(id) };
}

/** Bytes of a page's values as JavaScript holds them (texts as UTF-8, 8 per other value). */
function pageBytes(rows: Record<string, unknown>[]): number {
	let n = 0;
	for (const r of rows) {
		for (const v of Object.values(r)) n += typeof v === 'string' ? Buffer.byteLength(v) : 8;
	}
	return n;
}

describe('notebook results in pages', () => {
	it('reads the first 5,000 rows when a cell runs and any later page on demand, sorted in SQL', async () => {
		const { nb, id, result } = await run('SELECT range AS i, range % 7 AS k FROM range(20000)');
		expect(result.status).toBe('done');
		expect(result.rowCount).toBe(20000);
		expect(result.rows).toHaveLength(PAGE_LIMITS.firstPageRows);
		expect(result.rows[4999]).toEqual({ i: 4999, k: 4999 % 7 });
		const page = await nb.page(id, { offset: 12000, limit: 100, sort: null });
		expect(page.offset).toBe(12000);
		expect(page.rows.map((r) => r.i)).toEqual(Array.from({ length: 100 }, (_, n) => 12000 + n));
		const sorted = await nb.page(id, { offset: 0, limit: 3, sort: { column: 0, dir: -1 } });
		expect(sorted.rows.map((r) => r.i)).toEqual([19999, 19998, 19997]);
	});

	it('long texts are cut to 1,000 characters in SQL, and a page stays under 4 MB', async () => {
		const { nb, id, result } = await run(
			"SELECT range AS i, repeat('é', 3000) AS t FROM range(20000)"
		);
		expect(result.rowCount).toBe(20000);
		const first = result.rows;
		expect(String(first[0]!.t)).toHaveLength(PAGE_LIMITS.cellChars);
		expect(result.cut[0]).toEqual([1]);
		// 1,000 × 'é' = 2,000 bytes a row: the 4 MB page holds fewer rows than 5,000.
		expect(first.length).toBeLessThan(PAGE_LIMITS.firstPageRows);
		expect(first.length).toBeGreaterThan(1000);
		expect(pageBytes(first)).toBeLessThanOrEqual(PAGE_LIMITS.pageBytes);
		// The next page starts where the byte limit stopped the first one.
		const next = await nb.page(id, { offset: first.length, limit: 5000, sort: null });
		expect(next.rows[0]!.i).toBe(first.length);
		expect(pageBytes(next.rows)).toBeLessThanOrEqual(PAGE_LIMITS.pageBytes);
		// A short text is not marked as cut.
		const short = await run("SELECT 'abc' AS t");
		expect(short.result.rows).toEqual([{ t: 'abc' }]);
		expect(short.result.cut).toEqual([null]);
	});

	it("repeat('x', 5e7) shows 1,000 characters; its full value is refused over 10 MB, a shorter one is read", async () => {
		const { nb, id, result } = await run("SELECT repeat('x', 50000000) AS t, 'ok' AS u");
		expect(result.status).toBe('done');
		expect(result.rows).toEqual([{ t: 'x'.repeat(PAGE_LIMITS.cellChars), u: 'ok' }]);
		expect(result.cut).toEqual([[0]]);
		expect(await nb.fullValue(id, 0, 0, null)).toEqual({
			state: 'tooLarge',
			bytes: 50_000_000,
			elements: null,
			limit: PAGE_LIMITS.fullValueBytes
		});
		const mid = await run("SELECT repeat('y', 5000) AS t");
		const full = await mid.nb.fullValue(mid.id, 0, 0, null);
		expect(full).toEqual({ state: 'value', text: 'y'.repeat(5000), bytes: 5000 });
	});

	it('a list of 2 million numbers is sliced before it is cast to text, and its full value is refused', async () => {
		const { nb, id, result } = await run('SELECT list(range) AS l FROM range(2000000)');
		expect(result.status).toBe('done');
		const text = String(result.rows[0]!.l);
		expect(text.startsWith('[0, 1, 2, 3')).toBe(true);
		expect(text).toHaveLength(PAGE_LIMITS.cellChars);
		expect(result.cut).toEqual([[0]]);
		const full = await nb.fullValue(id, 0, 0, null);
		expect(full).toMatchObject({ state: 'tooLarge', elements: 2_000_000 });
		// A short list is shown whole, as DuckDB writes it.
		const small = await run('SELECT [1, 2, 3] AS l, map([1], [2]) AS m');
		expect(small.result.rows).toEqual([{ l: '[1, 2, 3]', m: '{1=2}' }]);
		expect(small.result.cut).toEqual([null]);
	});

	it('Download CSV and Copy read every row whole, page by page, and refuse a value longer than a page', async () => {
		const { nb, id } = await run("SELECT range AS i, repeat('z', 1500) AS t FROM range(12000)");
		const rows = await nb.allRows(id, { column: 0, dir: -1 });
		expect(rows).toHaveLength(12000);
		expect(rows[0]).toEqual({ i: 11999, t: 'z'.repeat(1500) });
		expect(rows[11999]!.i).toBe(0);
		const small = await run('SELECT 1 AS i UNION ALL SELECT 2 UNION ALL SELECT 3 ORDER BY i');
		expect(await small.nb.allRows(small.id, null)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
		const huge = await run("SELECT 'a' AS t UNION ALL SELECT repeat('x', 5000000)");
		await expect(huge.nb.allRows(huge.id, { column: 0, dir: 1 })).rejects.toMatchObject({
			name: 'ValueTooLargeError',
			row: 1,
			column: 't'
		});
	});

	it('the grid window reads missing rows, drops far ones and reads sorted pages afresh', async () => {
		const { nb, id, result } = await run('SELECT range AS i FROM range(30000)');
		const win = new ResultWindow(result, (r) => nb.page(id, r), nb.rowLimit);
		expect(win.total).toBe(30000);
		expect(win.row(4999)?.row).toEqual({ i: 4999 });
		expect(win.row(25000)).toBeUndefined();
		win.ensure(25000, 25020);
		await vi.waitFor(() => expect(win.row(25000)?.row).toEqual({ i: 25000 }));
		win.setSort({ column: 0, dir: -1 });
		expect(win.row(0)).toBeUndefined();
		win.ensure(0, 20);
		await vi.waitFor(() => expect(win.row(0)?.row).toEqual({ i: 29999 }));
	});

	it('a result of a statement that is not a query is refused, not converted, when it is over the limit', async () => {
		const { result } = await run("SUMMARIZE SELECT repeat('x', 6000000) AS t");
		expect(result.status).toBe('error');
		expect(result.reason).toBe('tooLarge');
		// The notebook keeps working.
		expect((await run('SELECT 42 AS n')).result.rows).toEqual([{ n: 42 }]);
	});

	it('repeated column names in a cell of several statements (SELECT 1 AS a, 2 AS a) keep both values', async () => {
		const { result } = await run('SELECT 1;\nSELECT 1 AS a, 2 AS a');
		expect(result.status).toBe('done');
		expect(result.columns.map((c) => c.name)).toEqual(['a', 'a_1']);
		expect(result.rows).toEqual([{ a: 1, a_1: 2 }]);
		const one = await run('SELECT 1 AS a, 2 AS a');
		expect(one.result.rows).toEqual([{ a: 1, a_1: 2 }]);
	});

	it("an error in a cell's last query names the cell's own line", async () => {
		const { result } = await run('SELECT 1;\n\nSELECT\n  no_such_column FROM range(3)');
		expect(result.status).toBe('error');
		expect(result.error).toMatch(/no_such_column/);
		expect(result.error).toMatch(/LINE 4:/);
	});

	it('statements before the last query run first, on the same connection', async () => {
		const { result } = await run(
			'CREATE OR REPLACE TEMP TABLE t_pages AS SELECT range AS x FROM range(3);\nSELECT sum(x)::INTEGER AS s FROM t_pages'
		);
		expect(result.rows).toEqual([{ s: 3 }]);
	});
});
