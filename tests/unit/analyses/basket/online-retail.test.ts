/**
 * Issue 18 on the UCI Online Retail log (../shared/datasets, skipped without it, failing under
 * CI), loaded as a person drops it (items = StockCode, the detected product column): the rules
 * are mined at support 0.01, and every customer who bought the whole left-hand side of some rule
 * without its right-hand side gets a recommendation — checked here against a plain scan of the
 * rules for each customer, apart from recommend()'s index.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { datasetPath, datasetPresent } from '../../../helpers/datasets';
import { loadBytes } from '../../../helpers/load-text';
import {
	basketAnalysis,
	basketQueries,
	defaultBasketSettings
} from '../../../../src/analyses/basket/sql';

const RETAIL = datasetPath('online_retail/online_retail.csv.gz');

describe.skipIf(!datasetPresent(RETAIL))('Online Retail baskets', () => {
	it('recommends to every customer with a rule-matching purchase, and only from such rules', async () => {
		const data = gunzipSync(readFileSync(RETAIL));
		const { db, scope } = await loadBytes(new Uint8Array(data), 'online_retail.csv');
		const settings = { ...defaultBasketSettings, minSupport: 0.01, minConfidence: 0.5 };
		const r = await basketAnalysis.run((q) => db.query(q), scope, settings);
		expect(r.status).toBe('ok');
		expect(r.baskets).toBeGreaterThan(18000);
		expect(r.rules.length).toBeGreaterThan(0);

		// What each customer bought, by name, straight from the notebook's query.
		const names = await db.query<{ item_id: number; item: string }>(
			basketQueries(scope, settings).basket_items!
		);
		const nameOf = new Map(names.map((n) => [n.item_id, n.item]));
		const rows = await db.query<{ customer_id: string; items: string }>(
			basketQueries(scope, settings).customer_items!
		);
		const bought = new Map(
			rows.map((row) => [
				row.customer_id,
				new Set(row.items.split(' ').map((i) => nameOf.get(Number(i))!))
			])
		);
		const matching = [...bought]
			.filter(([, have]) =>
				r.rules.some(
					(rule) => rule.lhs.length > 0 && rule.lhs.every((i) => have.has(i)) && !have.has(rule.rhs)
				)
			)
			.map(([id]) => id)
			.sort();
		const recommended = [...new Set(r.recommendations!.map((x) => x.customer_id))].sort();
		expect(recommended.length).toBeGreaterThan(1000);
		expect(recommended).toEqual(matching);
		for (const rec of r.recommendations!) {
			const have = bought.get(rec.customer_id)!;
			expect(have.has(rec.item)).toBe(false);
			expect(rec.lhs.every((i) => have.has(i))).toBe(true);
			expect(rec.rank).toBeLessThanOrEqual(settings.topN);
		}
	}, 300_000);
});
