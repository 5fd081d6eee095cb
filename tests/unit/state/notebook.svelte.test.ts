import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
