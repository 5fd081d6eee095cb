// Regression (issue 22, item 3): a run of the basket analysis computed the scope's basket lines —
// `tx` joined with the scope's orders, every line netted — once for each of its three statements
// (the items, the lists, the customers' items): 0.4–0.5 s each at 1 M lines in DuckDB-WASM. Now a
// run stores them once in tables of its own, read by the three and dropped before the mining.
// The rows are proven the notebook's (computed) ones in basket-lists-sorted-every-basket-apart.
import { describe, expect, it } from 'vitest';
import { loadText, type LoadedText } from '../helpers/load-text';
import { generatedLogs } from '../helpers/generated-logs';
import { basketAnalysis, defaultBasketSettings } from '../../src/analyses/basket/sql';
import { runBasketJob } from '../../src/analyses/basket/job';
import type { QueryFn } from '../../src/core/analysis';

const logs = generatedLogs();

/** The loaded data's query function, keeping the text of every statement it runs. */
function recording(loaded: LoadedText, texts: string[]): QueryFn {
	return (q) => {
		texts.push(q.text);
		return loaded.db.query(q);
	};
}

/** The basket lines' own CTE: tx joined with the scope's orders (sql.ts basketLinesCtes). */
const LINES = 'JOIN scoped_orders o ON o.customer_id = t.customer_id AND o.order_id = t.order_id';

describe('the basket lines, once per run', () => {
	it('one statement computes the lines; the run leaves no table behind', async () => {
		const loaded = logs.keep(
			await loadText(
				[
					'customer_id,order_id,order_date,product,quantity,unit_price',
					'c1,1,2024-01-05,bread,1,2',
					'c1,1,2024-01-05,milk,1,2',
					'c2,2,2024-01-06,bread,1,2',
					'c2,2,2024-01-06,milk,2,2',
					'c3,3,2024-01-07,eggs,1,2'
				].join('\n') + '\n'
			)
		);
		const texts: string[] = [];
		const r = await basketAnalysis.run(
			recording(loaded, texts),
			loaded.scope,
			{ ...defaultBasketSettings, minSupport: 0.5 },
			{ customerLists: true, compute: async (i) => runBasketJob(i as never) }
		);
		expect(texts.filter((t) => t.includes(LINES))).toHaveLength(1);
		expect(r.baskets).toBe(3);
		expect(r.items.map((i) => [i.item, i.baskets])).toEqual([
			['bread', 2],
			['milk', 2],
			['eggs', 1]
		]);
		expect(r.recommendations?.map((x) => [x.customer_id, x.item])).toEqual([]);
		const left = await loaded.db.query<{ n: number }>(
			"SELECT CAST(count(*) AS INTEGER) AS n FROM duckdb_tables() WHERE table_name LIKE '\\_\\_basket\\_%' ESCAPE '\\' AND table_name NOT LIKE '\\_\\_basket\\_rule%' ESCAPE '\\'"
		);
		expect(left[0]!.n).toBe(0);
	});

	it('the generated log: the lines computed once, with and without the customer lists', async () => {
		const loaded = await logs.load(true, 5_000);
		for (const customerLists of [true, false]) {
			const texts: string[] = [];
			await basketAnalysis.run(recording(loaded, texts), loaded.scope, defaultBasketSettings, {
				customerLists,
				compute: async (i) => runBasketJob(i as never)
			});
			expect(texts.filter((t) => t.includes(LINES))).toHaveLength(1);
		}
	});
});
