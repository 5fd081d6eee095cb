import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { Notebook } from '../../../src/state/notebook.svelte';
import { memoryStore } from '../../../src/state/notebook-store';
import { sql } from '../../../src/core/sql';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	await db.exec('CREATE TABLE orders AS SELECT range AS id, range % 3 AS k FROM range(10)');
});
afterAll(async () => {
	await db?.close();
});

function notebook(store = memoryStore()) {
	return new Notebook(async () => db, store);
}

describe('Notebook state', () => {
	it('runs a query cell as a view and reports columns, types, row count and time', async () => {
		const nb = notebook();
		nb.rowLimit = 2;
		const a = nb.add('sql', undefined, 'SELECT id, k FROM orders ORDER BY id;');
		await nb.run(a);
		const r = nb.result(a);
		expect(r.status).toBe('done');
		expect(r.rowCount).toBe(10);
		expect(r.rows).toEqual([
			{ id: 0, k: 0 },
			{ id: 1, k: 1 }
		]);
		expect(r.columns.map((c) => c.name)).toEqual(['id', 'k']);
		expect(r.ms).toBeGreaterThanOrEqual(0);
		expect(Object.keys(nb.schema)).toContain('cell_1');
	});

	it('re-runs dependants in order and runs stale dependencies first', async () => {
		const nb = notebook();
		const a = nb.add('sql', undefined, 'SELECT * FROM orders WHERE k = 0');
		const b = nb.add('sql', undefined, 'SELECT count(*)::INTEGER AS n FROM cell_1');
		await nb.run(b); // cell_1 has not run yet: it runs first
		expect(nb.result(a).rowCount).toBe(4);
		expect(nb.result(b).rows).toEqual([{ n: 4 }]);
		nb.setSource(a, 'SELECT * FROM orders WHERE k = 1');
		await nb.run(a);
		expect(nb.result(b).rows).toEqual([{ n: 3 }]);
	});

	it('shows an error with the cell’s own line and leaves dependants idle', async () => {
		const nb = notebook();
		const a = nb.add('sql', undefined, 'SELECT 1\nFROM no_such_table');
		const b = nb.add('sql', undefined, 'SELECT * FROM cell_1');
		await nb.run(a);
		expect(nb.result(a).status).toBe('error');
		expect(nb.result(a).error).toMatch(/no_such_table/);
		expect(nb.result(b).status).toBe('idle');
	});

	it('runs other statements as they are', async () => {
		const nb = notebook();
		const a = nb.add(
			'sql',
			undefined,
			'CREATE OR REPLACE TABLE t2 AS SELECT 1 AS x; SELECT 2 AS y'
		);
		await nb.run(a);
		expect(nb.result(a).status).toBe('done');
		expect(await db.query('SELECT x FROM t2')).toEqual([{ x: 1 }]);
	});

	it('marks circular references', async () => {
		const nb = notebook();
		const a = nb.add('sql', undefined, 'SELECT * FROM cell_2');
		nb.add('sql', undefined, 'SELECT * FROM cell_1');
		await nb.run(a);
		expect(nb.result(a)).toMatchObject({ status: 'error', reason: 'circular' });
	});

	it('opens dashboard queries as named cells with inlined parameters', () => {
		const nb = notebook();
		const ids = nb.addQueries('rfm', {
			segments: sql`SELECT ${'x'} AS s`,
			grid: sql`SELECT ${2} AS n`
		});
		expect(nb.cells.map((c) => (c.kind === 'sql' ? [c.name, c.source] : null))).toEqual([
			['rfm_segments', "SELECT 'x' AS s"],
			['rfm_grid', 'SELECT 2 AS n']
		]);
		expect(ids).toHaveLength(2);
	});

	it('moves, deletes with undo, renames with checks', () => {
		const nb = notebook();
		const a = nb.add('sql');
		const t = nb.add('text', undefined, 'note');
		nb.move(t, -1);
		expect(nb.cells.map((c) => c.id)).toEqual([t, a]);
		nb.remove(a);
		expect(nb.cells).toHaveLength(1);
		expect(nb.undoRemove()).toBe(a);
		expect(nb.cells.map((c) => c.id)).toEqual([t, a]);
		expect(nb.rename(a, 'orders')).toBe('reserved');
		expect(nb.rename(a, 'top')).toBeNull();
	});

	it('autosaves the cells (never results) and restores them', async () => {
		const store = memoryStore();
		const nb = notebook(store);
		const a = nb.add('sql', undefined, 'SELECT 42 AS answer');
		await nb.run(a);
		await nb.flush();
		const saved = (await store.load())!;
		expect(saved).not.toContain('"answer": 42');
		const again = notebook(store);
		await again.restore();
		expect(again.cells).toEqual(nb.cells);
		expect(again.result(a).status).toBe('idle');
	});

	it('ignores a damaged autosave and refuses a bad file', async () => {
		const nb = notebook(memoryStore('{"format":'));
		await nb.restore();
		expect(nb.cells).toEqual([]);
		expect(() => nb.open('{"format": "clientele-notebook", "version": 9, "cells": []}')).toThrow(
			/version 9/
		);
	});

	it('saves chart cells and the data mapping, and restores both', async () => {
		const store = memoryStore();
		const nb = notebook(store);
		const mapping = {
			orders: {
				file: 'orders.csv',
				signature: 'h3-0011223344556677',
				roles: { customer_id: 'cid', order_date: 'd', amount: 'amt' },
				dateFormat: '%Y-%m-%d',
				decimal: '.' as const
			},
			customers: null,
			returns: 'net' as const
		};
		nb.currentMapping = () => mapping;
		const a = nb.add('sql', undefined, 'SELECT k, count(*) AS n FROM orders GROUP BY k');
		const c = nb.add('chart', a);
		nb.setChart(c, { mark: 'dot', x: 'k', y: 'n', title: 'Per k' });
		await nb.flush();
		const again = notebook(store);
		await again.restore();
		expect(again.cells).toEqual(nb.cells);
		expect(again.mapping).toEqual(mapping);
		// Deleting the SQL cell a chart reads makes the chart read the nearest cell above instead.
		nb.setChart(c, { from: a });
		nb.remove(a);
		expect(nb.cells[0]).toMatchObject({ kind: 'chart', chart: { from: null, title: 'Per k' } });
		expect(() => nb.open(nb.toJson())).not.toThrow();
	});

	it('cancel interrupts the running query, reports it and does not run what depends on it', async () => {
		// An engine whose query on the view "slow" runs until interrupted, as in the browser.
		let stop: ((e: Error) => void) | null = null;
		const engine: Engine = {
			...db,
			queryCancellable: (text: string) =>
				text.includes('"slow"')
					? new Promise((_, reject) => (stop = reject))
					: db.queryCancellable(text),
			interrupt: async () => {
				stop?.(new Error('INTERRUPT Error: Interrupted!'));
				return stop !== null;
			}
		};
		const nb = new Notebook(async () => engine, memoryStore());
		await nb.cancel(); // nothing runs: nothing to do
		const a = nb.add('sql', undefined, 'SELECT 1 AS one');
		expect(nb.rename(a, 'slow')).toBeNull();
		const b = nb.add('sql', undefined, 'SELECT one FROM slow');
		const run = nb.run(b);
		await vi.waitFor(() => expect(stop).not.toBeNull());
		expect(nb.busy).toBe(true);
		expect(nb.result(a).status).toBe('running');
		await nb.cancel();
		await run;
		expect(nb.busy).toBe(false);
		expect(nb.result(a)).toMatchObject({ status: 'error', reason: 'cancelled' });
		expect(nb.result(b).status).toBe('idle');
		// Still usable: another cell runs.
		const c = nb.add('sql', undefined, 'SELECT count(*)::INTEGER AS n FROM orders');
		await nb.run(c);
		expect(nb.result(c).rows).toEqual([{ n: 10 }]);
	});
});
