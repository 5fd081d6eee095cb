// Issue 18 on the page's dashboard (the Node engine for DuckDB): with basket files alone only the
// basket analysis runs, on the basket file; a second basket file is mined afresh (basket files
// build no orders, so the data version alone would answer it from the first one's cache); with
// both orders and a basket file the basket file is the default source and the orders a choice;
// the item level follows the mapped line roles; and the download's run carries recommendations.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Dashboard } from '../../../../src/state/dashboard.svelte';
import { ANALYSES } from '../../../../src/analyses';
import { basket } from '../../../../src/analyses/basket';
import type { LoadedData } from '../../../../src/analyses/types';
import type { Engine } from '../../../../src/db/engine';
import { sql } from '../../../../src/core/sql';
import { loadedData } from '../../../../src/state/scope';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders } from '../../../helpers/fixtures';

vi.mock('../../../../src/db/engine-instance', () => ({
	getEngine: () => Promise.reject(new Error('the page engine is not used in these tests'))
}));

const BASKETS_ONLY: LoadedData = { orders: false, baskets: true, lineRoles: [], feedback: false };
const BOTH: LoadedData = { orders: true, baskets: true, lineRoles: ['product'], feedback: false };

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
	// Orders without product lines: an order basket is empty, so any rule comes from the file.
	await createOrders(
		db,
		`('a', 'a1', DATE '2024-01-05', 100.0, true),
		('b', 'b1', DATE '2024-02-10', 25.0, true)`
	);
	await db.exec(sql`CREATE TABLE baskets (basket_id INTEGER, item VARCHAR)`);
	await db.exec(
		sql`INSERT INTO baskets VALUES (1, 'milk'), (1, 'bread'), (2, 'milk'), (2, 'bread'), (3, 'eggs')`
	);
});
afterAll(async () => {
	await db?.close();
});

const dashboard = () => new Dashboard(ANALYSES, () => Promise.resolve(db));
const settled = (d: Dashboard) => d.prepared(basket, d.scope(false, [])!);

describe('the basket analysis on the dashboard', () => {
	it('a basket settings change with basket files alone leaves the orders analyses idle (those reading its recommended product re-ran on no orders)', async () => {
		const d = dashboard();
		d.useData(0, BASKETS_ONLY, {});
		const scope = d.scope(false, [])!;
		await d.runAll(scope);
		await d.change(basket, { minSupport: 0.5 }, scope);
		for (const a of ANALYSES) {
			expect(d.results[a.id]!.status, a.id).toBe(a.id === 'basket' ? 'done' : 'idle');
		}
	});

	it('with basket files alone runs only itself, on the basket file, with no as-of date', async () => {
		const d = dashboard();
		d.useData(0, BASKETS_ONLY, {});
		const scope = d.scope(false, []);
		expect(scope).not.toBeNull();
		expect(await d.runAll(scope!)).toBe(true);
		for (const a of ANALYSES) {
			expect(d.results[a.id]!.status, a.id).toBe(a.id === 'basket' ? 'done' : 'idle');
		}
		expect(settled(d).source).toBe('baskets');
		const r = d.stateOf(basket).data!;
		expect(r.baskets).toBe(3);
		expect(r.rules.some((x) => x.lhs.join() === 'bread' && x.rhs === 'milk')).toBe(true);
	});

	it('mines a second basket file afresh, though no orders were built between', async () => {
		const d = dashboard();
		d.useData(0, BASKETS_ONLY, { file: 1 });
		await d.runAll(d.scope(false, [])!);
		expect(d.stateOf(basket).data!.baskets).toBe(3);
		await db.exec(sql`INSERT INTO baskets VALUES (4, 'eggs'), (4, 'milk')`);
		d.useData(0, BASKETS_ONLY, { file: 2 });
		await d.runAll(d.scope(false, [])!);
		expect(d.stateOf(basket).data!.baskets).toBe(4);
		await db.exec(sql`DELETE FROM baskets WHERE basket_id = 4`);
	});

	it('a change of minimum confidence mines again: its SQL is the same, its rules are not', async () => {
		const d = dashboard();
		d.useData(0, BASKETS_ONLY, {});
		const scope = d.scope(false, [])!;
		await d.change(basket, { minSupport: 0.3, minConfidence: 0.5 }, scope);
		const loose = d.stateOf(basket).data!.rules.length;
		await d.change(basket, { minConfidence: 1 }, scope);
		const strict = d.stateOf(basket).data!.rules.length;
		// {bread} ⇒ {milk} and {milk} ⇒ {bread} always hold; {} ⇒ {milk}, {} ⇒ {bread}: 2 of 3.
		expect([loose, strict]).toEqual([4, 2]);
		// Back to the first settings: from the cache, the same rules.
		await d.change(basket, { minConfidence: 0.5 }, scope);
		expect(d.stateOf(basket).data!.rules.length).toBe(loose);
	});

	it('two quick changes do not cache the second one’s rules under the first one’s settings', async () => {
		// The miner's module arrives late (as a fetched chunk may): the second change lands while
		// the first run waits for it, after the first run took its cache key.
		const slow = {
			...basket,
			compute: () =>
				new Promise<Awaited<ReturnType<NonNullable<typeof basket.compute>>>>((resolve) =>
					setTimeout(() => resolve(basket.compute!()), 30)
				)
		};
		const d = new Dashboard([slow], () => Promise.resolve(db));
		d.useData(0, BASKETS_ONLY, {});
		const scope = d.scope(false, [])!;
		const first = d.change(slow, { minSupport: 0.3, minConfidence: 0.5 }, scope);
		await new Promise((r) => setTimeout(r, 5));
		const second = d.change(slow, { minConfidence: 1 }, scope);
		await Promise.all([first, second]);
		await d.change(slow, { minConfidence: 0.5 }, scope);
		expect(d.stateOf(slow).data!.rules.length).toBe(4);
	});

	it('with orders and a basket file reads the file by default, the orders when chosen', async () => {
		const d = dashboard();
		d.reset('2024-07-01');
		d.useData(1, BOTH, {});
		expect(settled(d).source).toBe('baskets');
		d.update(basket, { source: 'orders' });
		expect(settled(d).source).toBe('orders');
		// Orders alone: the orders, whatever was chosen.
		d.useData(1, { orders: true, baskets: false, lineRoles: ['product'], feedback: false }, null);
		d.update(basket, { source: 'baskets' });
		expect(settled(d).source).toBe('orders');
	});

	it('reads order baskets by a mapped line role: category when only it is mapped', async () => {
		const d = dashboard();
		d.reset('2024-07-01');
		d.useData(1, { orders: true, baskets: false, lineRoles: ['category'], feedback: false }, null);
		expect(settled(d).itemLevel).toBe('category');
		d.useData(
			2,
			{ orders: true, baskets: false, lineRoles: ['product', 'category'], feedback: false },
			null
		);
		expect(settled(d).itemLevel).toBe('product');
		d.update(basket, { itemLevel: 'category' });
		expect(settled(d).itemLevel).toBe('category');
	});

	it('the session’s data: orders once built, a basket file once loaded, the mapped line roles', () => {
		const mapping = {
			table: 't',
			roles: { customer_id: 'c', category: 'Dept' },
			dateFormat: 'iso',
			numberFormat: 'point',
			dimensions: []
		} as unknown as Parameters<typeof loadedData>[0]['mapping'];
		expect(loadedData({ summary: null, basketsSummary: {}, mapping: null })).toEqual(BASKETS_ONLY);
		expect(loadedData({ summary: {}, basketsSummary: null, mapping })).toEqual({
			orders: true,
			baskets: false,
			lineRoles: ['category'],
			feedback: false
		});
	});
});

describe('the recommendations download', () => {
	it('runs the analysis again with the per-customer lists, which the dashboard’s run leaves out', async () => {
		const e = await createNodeEngine();
		await createOrders(
			e,
			`('a', 'a1', DATE '2024-01-05', 10.0, true),
			('b', 'b1', DATE '2024-01-06', 10.0, true),
			('c', 'c1', DATE '2024-01-07', 10.0, true)`
		);
		// a and b bought milk and bread together; c bought milk alone.
		await e.exec(sql`INSERT INTO tx (customer_id, order_id, order_date, amount, is_return, product)
			VALUES ('a', 'a1', DATE '2024-01-05', 5, false, 'milk'), ('a', 'a1', DATE '2024-01-05', 5, false, 'bread'),
			('b', 'b1', DATE '2024-01-06', 5, false, 'milk'), ('b', 'b1', DATE '2024-01-06', 5, false, 'bread'),
			('c', 'c1', DATE '2024-01-07', 10, false, 'milk')`);
		const d = new Dashboard(ANALYSES, () => Promise.resolve(e));
		d.reset('2024-07-01');
		d.useData(1, { orders: true, baskets: false, lineRoles: ['product'], feedback: false }, null);
		d.update(basket, { minSupport: 0.5, minConfidence: 0.6 });
		const scope = d.scope(false, [])!;
		await d.rerun(basket.id, scope);
		expect(d.stateOf(basket).data!.recommendations).toBeNull();
		const full = await d.resultWithLists(basket, scope);
		expect(full.recommendations!.map((r) => [r.customer_id, r.item])).toEqual([['c', 'bread']]);
		await e.close();
	});
});
