/**
 * Issue 19: the recommended product as a per-customer field. The run stores its rules, and the
 * field's SQL must give every customer the first item of the worker's recommendations
 * (mine/recommend.ts, what the campaign file lists) — on a hand-worked fixture and on seeded
 * random order lines under several settings, loaded through the app's load path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadText, type LoadedText } from '../../../helpers/load-text';
import { seededRandom } from '../../../helpers/random-orders';
import { BASKET_LINES_CSV } from '../../../helpers/known-orders';
import {
	basketAnalysis,
	buildRecommendedProductSql,
	defaultBasketSettings,
	type BasketSettings
} from '../../../../src/analyses/basket/sql';
import { ANALYSES } from '../../../../src/analyses';
import { prepareContext } from '../../../../src/analyses/registry-tools';
import { audienceFields } from '../../../../src/analyses/audience/fields';

// The basket fixture (helpers/known-orders): c5 bought only B and gets A from {B} ⇒ {A} at
// support 0.25 and confidence 0.5; c1, c2, c3 bought A and B already; c4 bought D (no rule).

/** ~70 customers, 1–6 orders of 1–4 lines over 9 products (some popular), seeded. */
function randomOrders(seed: number): string {
	const r = seededRandom(seed);
	const products = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9'];
	const pick = () => products[Math.min(8, Math.floor(r() * r() * 10))]!;
	const lines = ['customer_id,order_id,order_date,product,quantity,unit_price'];
	let order = 1;
	for (let c = 1; c <= 70; c++) {
		const orders = 1 + Math.floor(r() * 6);
		for (let o = 0; o < orders; o++, order++) {
			const day = 1 + Math.floor(r() * 28);
			const n = 1 + Math.floor(r() * 4);
			for (let k = 0; k < n; k++) {
				const q = r() < 0.05 ? -1 : 1 + Math.floor(r() * 2);
				lines.push(
					`k${c},${order},2024-03-${String(day).padStart(2, '0')},${pick()},${q},${(1 + Math.floor(r() * 20)).toFixed(2)}`
				);
			}
		}
	}
	return lines.join('\n') + '\n';
}

async function fieldOf(loaded: LoadedText, s: BasketSettings): Promise<Map<string, string | null>> {
	const rows = await loaded.db.query<{ customer_id: string; value: string | null }>(
		buildRecommendedProductSql(loaded.scope, s)
	);
	return new Map(rows.map((x) => [String(x.customer_id), x.value]));
}

describe('the recommended product field', () => {
	let fixture: LoadedText;
	beforeAll(async () => {
		fixture = await loadText(BASKET_LINES_CSV);
	});
	afterAll(async () => {
		await fixture?.db.close();
	});

	it('fails with a message before the analysis ran for its settings, never "no product" for all', async () => {
		const s = { ...defaultBasketSettings, source: 'orders' as const, minSupport: 0.3 };
		// No run yet: no rules table.
		await expect(fieldOf(fixture, s)).rejects.toThrow(/__basket_rule_sets/);
		// A run for other settings: its rules are not these.
		await basketAnalysis.run((q) => fixture.db.query(q), fixture.scope, s, {
			customerLists: false
		});
		await expect(fieldOf(fixture, { ...s, minSupport: 0.4 })).rejects.toThrow(/not mined yet/);
	});

	it('gives c5 A from {B} ⇒ {A}, and every other customer in scope no product', async () => {
		const s = {
			...defaultBasketSettings,
			source: 'orders' as const,
			minSupport: 0.25,
			minConfidence: 0.5
		};
		await basketAnalysis.run((q) => fixture.db.query(q), fixture.scope, s, {
			customerLists: false
		});
		const field = await fieldOf(fixture, s);
		expect(Object.fromEntries(field)).toEqual({ c1: null, c2: null, c3: null, c4: null, c5: 'A' });
	});

	it('is an audience condition, a breakdown dimension and a profile row (a registry derived field)', () => {
		const ctx = prepareContext(ANALYSES, fixture.scope, (m) => ({ ...m.defaults }));
		expect(ctx.derivedKeys).toContain('recommended_product');
		expect(ctx.derivedSql('recommended_product')).not.toBeNull();
		const keys = audienceFields(fixture.scope, ctx.derivedKeys).map((f) => f.key);
		expect(keys).toContain('derived:recommended_product');
	});

	it("equals the worker's first recommendation for every customer on seeded data, under several settings", async () => {
		for (const seed of [3, 17, 29]) {
			const loaded = await loadText(randomOrders(seed));
			try {
				for (const [minSupport, minConfidence, minLen] of [
					[0.02, 0.1, 1],
					[0.05, 0.3, 2],
					[0.01, 0.05, 2]
				] as const) {
					const s: BasketSettings = {
						...defaultBasketSettings,
						source: 'orders',
						minSupport,
						minConfidence,
						minLen
					};
					const r = await basketAnalysis.run((q) => loaded.db.query(q), loaded.scope, s, {
						customerLists: true
					});
					expect(r.status).toBe('ok');
					const expected = new Map(
						(r.recommendations ?? [])
							.filter((x) => x.rank === 1)
							.map((x) => [String(x.customer_id), x.item])
					);
					const field = await fieldOf(loaded, s);
					const got = new Map([...field].filter(([, v]) => v !== null));
					const label = `seed ${seed}, ${minSupport}/${minConfidence}/${minLen}`;
					expect(got.size, label).toBeGreaterThan(5);
					expect(Object.fromEntries(got), label).toEqual(Object.fromEntries(expected));
				}
			} finally {
				await loaded.db.close();
			}
		}
	});
});
