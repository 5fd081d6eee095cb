// Regression (issue 22): at 1 M lines the basket analysis' lists statement took 1.7–2.6 s natively
// (the section's SQL 2.3 s in the page): `string_agg(item_id ORDER BY item_id)` is an ordered
// aggregate, which sorts each of ~390,000 baskets on its own, and the packed form sorted the
// baskets by their text ids twice (the numbering and every part's aggregate). Now each list is
// `list_sort(list(item_id))` joined, and the baskets are numbered once: 0.6–0.7 s. Proven here to
// give the same texts as the former statements, through the load path a person's file takes, on the
// generated log (clean and dirty), a hand-made file with the edge cases and the Online Retail log.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadBytes, loadText, type LoadedText } from '../helpers/load-text';
import { generatedLogs } from '../helpers/generated-logs';
import { datasetPath, datasetPresent } from '../helpers/datasets';
import {
	basketAnalysis,
	basketQueries,
	defaultBasketSettings,
	type BasketSettings
} from '../../src/analyses/basket/sql';
import { runBasketJob, unpackLists, type BasketJobInput } from '../../src/analyses/basket/job';
import { isPackedLineParts, splitLineParts, type PackedLineParts } from '../../src/analyses/packed';
import { Sql, sql } from '../../src/core/sql';
import type { Scope } from '../../src/core/scope';

const NEW_LIST = "array_to_string(list_sort(list(i.item_id)), ' ')";
const FORMER_LIST = "string_agg(CAST(i.item_id AS VARCHAR), ' ' ORDER BY i.item_id)";

/** The notebook's basket_lists as it was: the same statement with the ordered aggregate. */
function formerLists(lists: Sql): Sql {
	expect(lists.text).toContain(NEW_LIST);
	return new Sql(lists.text.replace(NEW_LIST, FORMER_LIST), lists.params);
}

/** The former job text: every list in basket order, one text (before the parts of 8c14571). */
function formerJobText(lists: Sql): Sql {
	const former = formerLists(lists);
	return sql`SELECT coalesce(string_agg(items, chr(10) ORDER BY basket), '') AS lists FROM (${former})`;
}

/** EXCEPT ALL both ways, and the rows in order. */
async function sameRows(db: LoadedText['db'], a: Sql, b: Sql): Promise<number> {
	const count = (x: Sql, y: Sql) =>
		db.query<{ n: number }>(
			sql`SELECT CAST(count(*) AS INTEGER) AS n FROM (SELECT * FROM (${x}) EXCEPT ALL SELECT * FROM (${y}))`
		);
	const [[ab], [ba]] = await Promise.all([count(a, b), count(b, a)]);
	expect(ab!.n + ba!.n).toBe(0);
	const [ra, rb] = [await db.query(a), await db.query(b)];
	expect(ra).toEqual(rb);
	return ra.length;
}

/** The lists the run hands the miner (its job input), and the former one text. */
async function check(
	loaded: LoadedText,
	s: Partial<BasketSettings> = {},
	scope: Scope = loaded.scope
): Promise<number> {
	const settings = { ...defaultBasketSettings, ...s };
	const lists = basketQueries(scope, settings).basket_lists!;
	const n = await sameRows(loaded.db, lists, formerLists(lists));
	let input: BasketJobInput | null = null;
	const run = await basketAnalysis.run((q) => loaded.db.query(q), scope, settings, {
		customerLists: true,
		compute: async (i) => {
			input = i as BasketJobInput;
			return runBasketJob(input);
		},
		// The page's way: the packed parts' bytes as they come (Engine.queryUtf8).
		queryUtf8: (q) => loaded.db.queryUtf8!(q)
	});
	const [former] = await loaded.db.query<{ lists: string }>(formerJobText(lists));
	expect(input).not.toBeNull();
	// The parts, a part of whole lines each, make the former one text.
	const parts = input!.baskets as PackedLineParts;
	expect(isPackedLineParts(parts)).toBe(true);
	expect(splitLineParts(parts).join('\n')).toBe(former!.lists);
	expect(splitLineParts(parts, n)).toHaveLength(n);
	// Since the run reads the basket lines from its own tables (issue 22, item 3): the items and
	// each customer's items as the notebook's statements, which compute them, give them.
	const queries = basketQueries(scope, settings);
	const items = await loaded.db.query<{ item: string }>(queries.basket_items!);
	expect(input!.itemCount).toBe(items.length);
	expect(run.items.map((r) => r.item).sort()).toEqual(items.map((r) => r.item).sort());
	const customers = await loaded.db.query<{ customer_id: string; items: string | null }>(
		queries.customer_items!
	);
	expect(input!.customers!.count).toBe(customers.length);
	// Each customer's ids in any order (an unordered string_agg): the job sorts them.
	expect(unpackLists(input!.customers!.items, customers.length)).toEqual(
		unpackLists(customers.map((r) => r.items ?? '').join('\n'), customers.length)
	);
	return n;
}

const logs = generatedLogs();

describe('the basket lists: one list per basket without sorting each basket apart', () => {
	it('the generated log, clean: the same lists and the same job text as the former statements', async () => {
		const loaded = await logs.load(false, 20_000);
		expect(await check(loaded)).toBeGreaterThan(4096);
		expect(await check(loaded, { itemLevel: 'category' })).toBeGreaterThan(4096);
	});

	it('the generated log with its dirty lines (returns, blanks, odd ids): the same', async () => {
		const loaded = await logs.load(true, 20_000);
		expect(await check(loaded)).toBeGreaterThan(4096);
		const excluding: Scope = { ...loaded.scope, returns: 'exclude' };
		expect(await check(loaded, {}, excluding)).toBeGreaterThan(4096);
	});

	it('a hand-made file: ids past 9 sort as numbers, an order id two customers share, a fully returned order', async () => {
		// Twelve products (ids 0–11: '10' < '2' as text, not as numbers); order 7 is c1's and c2's.
		const head = 'customer_id,order_id,order_date,product,quantity,unit_price';
		const rows = [
			...Array.from({ length: 12 }, (_, i) => `c1,1,2024-01-05,p${String(i).padStart(2, '0')},1,2`),
			'c1,7,2024-01-06,p11,1,2',
			'c1,7,2024-01-06,p02,1,2',
			'c2,7,2024-01-06,p02,1,2',
			'c2,7,2024-01-06,p10,2,2',
			'c3,8,2024-01-07,p03,1,2',
			'c3,8,2024-01-07,p03,-1,2',
			'c3,9,2024-01-08,p04,1,2',
			'c3,9,2024-01-08,,1,2'
		];
		const loaded = logs.keep(await loadText([head, ...rows].join('\n') + '\n'));
		const lists = await loaded.db.query<{ basket: string; items: string }>(
			basketQueries(loaded.scope, defaultBasketSettings).basket_lists!
		);
		// p02 twice in order 7 (two customers' lines), order 8 returned whole: no basket.
		expect(lists).toEqual([
			{ basket: '1', items: '0 1 2 3 4 5 6 7 8 9 10 11' },
			{ basket: '7', items: '2 2 10 11' },
			{ basket: '9', items: '4' }
		]);
		expect(await check(loaded)).toBe(3);
	});

	const RETAIL = datasetPath('online_retail/online_retail.csv.gz');
	it.skipIf(!datasetPresent(RETAIL))(
		'the Online Retail log: the same',
		async () => {
			const data = gunzipSync(readFileSync(RETAIL));
			const loaded = logs.keep(await loadBytes(new Uint8Array(data), 'online_retail.csv'));
			expect(await check(loaded)).toBeGreaterThan(18_000);
		},
		120_000
	);
});
