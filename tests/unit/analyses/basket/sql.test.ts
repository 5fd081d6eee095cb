/**
 * Issue 18: the basket analysis' SQL (baskets from order lines by order id, net quantity > 0;
 * baskets from the `baskets` table) and its run, on a hand-worked fixture loaded through the
 * app's load path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadText, type LoadedText } from '../../../helpers/load-text';
import { createNodeEngine } from '../../../helpers/node-engine';
import { scopeAt } from '../../../helpers/fixtures';
import { BASKET_LINES_CSV } from '../../../helpers/known-orders';
import { sql } from '../../../../src/core/sql';
import { isPackedLineParts } from '../../../../src/analyses/packed';
import {
	basketAnalysis,
	basketQueries,
	defaultBasketSettings,
	type BasketSettings
} from '../../../../src/analyses/basket/sql';
import {
	packLists,
	runBasketJob,
	unpackLists,
	type BasketJobInput
} from '../../../../src/analyses/basket/job';

const items = (r: { items: { item: string; baskets: number }[] }) =>
	r.items.map((i) => `${i.item}:${i.baskets}`);
const rules = (r: { rules: { lhs: string[]; rhs: string; count: number }[] }) =>
	r.rules.map((x) => `{${x.lhs.join(',')}} => ${x.rhs} #${x.count}`).sort();

// The basket fixture (BASKET_LINES_CSV): its baskets and counts are worked out in helpers/known-orders.
describe('basket analysis SQL on order lines', () => {
	let loaded: LoadedText;
	const run = (s: Partial<BasketSettings>, lists = true, extra = {}) =>
		basketAnalysis.run(
			(q) => loaded.db.query(q),
			{ ...loaded.scope, ...extra },
			{ ...defaultBasketSettings, ...s },
			{ customerLists: lists }
		);

	beforeAll(async () => {
		loaded = await loadText(BASKET_LINES_CSV);
	});

	it('makes one basket per order, an item in it when its net quantity is > 0', async () => {
		const r = await run({ minSupport: 0.25, minConfidence: 0.5 });
		expect(r.baskets).toBe(7);
		expect(items(r)).toEqual(['A:4', 'B:4', 'C:2', 'D:1']);
		// count ≥ ceil(0.25 × 7) = 2: A, B, C, {A,B}.
		expect([r.status, r.minCount, r.itemsets]).toEqual(['ok', 2, 4]);
		// {} ⇒ A and {} ⇒ B (4/7 ≥ 0.5), A ⇒ B and B ⇒ A (2/4 = 0.5, on the threshold).
		expect(rules(r)).toEqual(['{A} => B #2', '{B} => A #2', '{} => A #4', '{} => B #4']);
		const ab = r.rules.find((x) => x.rhs === 'B' && x.lhs.length === 1)!;
		expect(ab.lift).toBeCloseTo(0.5 / (4 / 7), 12);
	});

	it('recommends A to c5, who bought only B, from {B} ⇒ {A}; nobody else gets one', async () => {
		const r = await run({ minSupport: 0.25, minConfidence: 0.5 });
		expect(r.recommendations).toHaveLength(1);
		expect(r.recommendations![0]).toMatchObject({
			customer_id: 'c5',
			rank: 1,
			item: 'A',
			lhs: ['B'],
			confidence: 0.5
		});
		expect(r.recommendations![0]!.score).toBeCloseTo(0.5 * 0.875, 12);
		expect((await run({ minSupport: 0.25 }, false)).recommendations).toBeNull();
	});

	it('counts categories at the category level (X: A, B; Y: C, D), netted per category', async () => {
		// Order 3 keeps X (A 1 + B 1 − B 1 = 1); 2 and 4 hold X and Y; 7 holds Y.
		const r = await run({ itemLevel: 'category', minSupport: 0.2, minConfidence: 0.5 });
		expect(items(r)).toEqual(['X:6', 'Y:3']);
		expect(r.baskets).toBe(7);
	});

	it("with returns 'exclude' leaves the return lines out before netting", async () => {
		// Order 3 becomes {A, B}; the cancellation has no line left.
		const r = await run({ minSupport: 0.25 }, true, { returns: 'exclude' });
		expect(items(r)).toEqual(['B:5', 'A:4', 'C:2', 'D:1']);
	});

	it('follows the scope: orders from 2024-01-08 on only', async () => {
		const r = await run({ minSupport: 0.25 }, true, { from: '2024-01-08' });
		// Orders 2 (01-10), 5, 7, 8: {A,C}, {A,B}, {D}, {B}.
		expect(r.baskets).toBe(4);
		expect(items(r)).toEqual(['A:2', 'B:2', 'C:1', 'D:1']);
	});

	it('says "too-many" with the guard tripped, and "empty" with no basket', async () => {
		const over = await run({ minSupport: 0.1, maxItemsets: 3 });
		expect(over).toMatchObject({ status: 'too-many', limit: 3, itemsets: null, rules: [] });
		const none = await run({ minSupport: 0.1 }, true, { to: '2023-12-31' });
		expect(none).toMatchObject({ status: 'empty', baskets: 0, rules: [], items: [] });
	});

	it('hands the job to options.compute when given (the page’s worker)', async () => {
		const seen: number[] = [];
		const r = await basketAnalysis.run(
			(q) => loaded.db.query(q),
			loaded.scope,
			{ ...defaultBasketSettings, minSupport: 0.25 },
			{
				compute: (input) => {
					seen.push(unpackLists((input as BasketJobInput).baskets).length);
					return runBasketJob(input as Parameters<typeof runBasketJob>[0]);
				}
			}
		);
		expect(seen).toEqual([7]);
		expect(r.baskets).toBe(7);
	});
	// At 1 M lines the page split 395 k id lists and cloned as many arrays on its own thread
	// (tasks of 0.4–0.8 s in `npm run bench`): the lists now cross packed, as one text.
	it('basket lists blocked the page: the job gets them packed, one line per basket, as the notebook query lists them', async () => {
		let input: BasketJobInput | null = null;
		const settings = { ...defaultBasketSettings, minSupport: 0.25 };
		await basketAnalysis.run((q) => loaded.db.query(q), loaded.scope, settings, {
			compute: (i) => {
				input = i as BasketJobInput;
				return runBasketJob(input);
			}
		});
		const got = input as BasketJobInput | null;
		expect(isPackedLineParts(got!.baskets)).toBe(true);
		expect(typeof got!.customers!.items).toBe('string');
		const queries = basketQueries(loaded.scope, settings);
		const lists = await loaded.db.query<{ items: string }>(queries.basket_lists!);
		const ids = (t: string) => t.split(' ').map(Number);
		expect(unpackLists(got!.baskets)).toEqual(lists.map((r) => ids(r.items)));
		const customers = await loaded.db.query<{ customer_id: string; items: string }>(
			queries.customer_items!
		);
		expect(got!.customers!.count).toBe(customers.length);
		expect(got!.customers).not.toHaveProperty('ids');
		expect(unpackLists(got!.customers!.items, customers.length)).toEqual(
			customers.map((r) => ids(r.items).sort((a, b) => a - b))
		);
	});

	it('packs and unpacks id lists, empty ones included, and refuses what is not an id list', () => {
		const lists = [[0, 3, 7], [2], [], [5, 1]];
		expect(unpackLists(packLists(lists), lists.length)).toEqual([[0, 3, 7], [2], [], [1, 5]]);
		expect(unpackLists('', 0)).toEqual([]);
		expect(unpackLists('', 1)).toEqual([[]]);
		expect(unpackLists(packLists([[], []]), 2)).toEqual([[], []]);
		expect(unpackLists([[1, 2]])).toEqual([[1, 2]]);
		expect(() => unpackLists('1 x')).toThrow(/not an item id list/);
		expect(() => unpackLists('1 -2')).toThrow(/not an item id list/);
	});

	it('runs in-thread through the manifest’s compute where there is no Worker (Node)', async () => {
		const { default: compute } = await import('../../../../src/analyses/basket/compute');
		const settings = { ...defaultBasketSettings, minSupport: 0.25, minConfidence: 0.5 };
		const viaCompute = await basketAnalysis.run((q) => loaded.db.query(q), loaded.scope, settings, {
			compute
		});
		const inThread = await basketAnalysis.run((q) => loaded.db.query(q), loaded.scope, settings);
		expect(viaCompute).toEqual(inThread);
	});
});

describe('basket analysis SQL on a basket file', () => {
	it('reads the baskets table as it is, with no customers and no recommendations', async () => {
		const db = await createNodeEngine();
		await db.exec(sql`CREATE TABLE baskets (basket_id INTEGER, item VARCHAR)`);
		await db.exec(
			sql`INSERT INTO baskets VALUES (1, 'milk'), (1, 'bread'), (2, 'milk'), (3, 'bread'), (3, 'milk'), (3, 'eggs')`
		);
		const r = await basketAnalysis.run((q) => db.query(q), scopeAt('2024-01-01'), {
			...defaultBasketSettings,
			source: 'baskets',
			minSupport: 0.5,
			minConfidence: 0.6
		});
		expect(r.baskets).toBe(3);
		expect(items(r)).toEqual(['milk:3', 'bread:2', 'eggs:1']);
		// ceil(1.5) = 2: milk, bread, {bread, milk}; {bread} ⇒ milk 2/2, {milk} ⇒ bread 2/3,
		// {} ⇒ milk 3/3, {} ⇒ bread 2/3 (all ≥ 0.6).
		expect(rules(r)).toEqual([
			'{bread} => milk #2',
			'{milk} => bread #2',
			'{} => bread #2',
			'{} => milk #3'
		]);
		expect(r.recommendations).toBeNull();
	});
});
