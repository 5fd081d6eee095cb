/**
 * Issue 18: the miner on arules' Groceries (../shared/datasets/groceries/groceries.csv, 9,835
 * baskets, 169 items; skipped without the folder, failing under CI). This is the miner on the
 * file parsed here with plain TypeScript (one basket per line, items comma-separated, no header):
 * the end-to-end test through the user's load path comes with the analysis folder. The expected
 * figures are arules' published ones: apriori(Groceries, parameter = list(supp = 0.001,
 * conf = 0.8)) gives 410 rules (lengths 3:29, 4:229, 5:140, 6:12), the top by lift
 * {liquor, red/blush wine} ⇒ {bottled beer} at 11.235; conf = 0.5 gives 5,668 rules. The last
 * block loads the file as a person drops it (loadDataSet: detected as a basket file, the
 * `baskets` table) and runs the analysis on it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { datasetPath, datasetPresent } from '../../../helpers/datasets';
import { createNodeEngine } from '../../../helpers/node-engine';
import { scopeAt } from '../../../helpers/fixtures';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { basketAnalysis, defaultBasketSettings } from '../../../../src/analyses/basket/sql';
import { mineItemsets } from '../../../../src/analyses/basket/mine/eclat';
import { generateRules, rulesByLength } from '../../../../src/analyses/basket/mine/rules';
import { companions, indexRules, recommend } from '../../../../src/analyses/basket/mine/recommend';
import type { MineProgress, MinedItemsets } from '../../../../src/analyses/basket/mine/types';

const GROCERIES = datasetPath('groceries/groceries.csv');

/** The file as integer transactions, ids in order of first appearance, and the id → name list. */
function parseGroceries() {
	const ids = new Map<string, number>();
	const idOf = (name: string) => {
		if (!ids.has(name)) ids.set(name, ids.size);
		return ids.get(name)!;
	};
	const lines = readFileSync(GROCERIES, 'utf8').split(/\r?\n/);
	const baskets = lines.filter((line) => line !== '').map((line) => line.split(',').map(idOf));
	return { baskets, itemCount: ids.size, names: [...ids.keys()] };
}

describe.skipIf(!datasetPresent(GROCERIES))('Groceries, mined as arules does', () => {
	let names: string[];
	let mined: MinedItemsets;
	const progress: MineProgress[] = [];

	beforeAll(async () => {
		const tx = parseGroceries();
		names = tx.names;
		expect([tx.baskets.length, tx.itemCount]).toEqual([9835, 169]);
		const result = await mineItemsets(tx, {
			minSupport: 0.001,
			onProgress: (p) => progress.push(p)
		});
		if (result.status !== 'ok') throw new Error(`mining stopped: ${result.status}`);
		mined = result;
	});

	const label = (items: readonly number[]) => items.map((i) => names[i]).sort();

	it('needs a count of 10 at support 0.001 (ceil of 9.835) and finds 13,492 itemsets', () => {
		expect(mined.minCount).toBe(10);
		expect(mined.itemsets).toHaveLength(13492);
		const byLength: Record<number, number> = {};
		for (const s of mined.itemsets) byLength[s.items.length] = (byLength[s.items.length] ?? 0) + 1;
		// 157 / 2,981 / 6,831 are the 1/2/3-itemset counts from DuckDB self-joins; the
		// longer ones complete arules' 13,492.
		expect(byLength).toEqual({ 1: 157, 2: 2981, 3: 6831, 4: 3137, 5: 376, 6: 10 });
	});

	it('reports progress, ending with all the work done and every itemset counted', () => {
		const last = progress.at(-1)!;
		expect(last.itemsets).toBe(13492);
		expect(last.done).toBe(last.total);
		expect(last.total).toBe((157 * 156) / 2);
	});

	it('gives exactly 410 rules at confidence 0.8, by length 3:29, 4:229, 5:140, 6:12', () => {
		const rules = generateRules(mined, { minConfidence: 0.8 });
		expect(rules).toHaveLength(410);
		expect(rulesByLength(rules)).toEqual({ 3: 29, 4: 229, 5: 140, 6: 12 });
	});

	it('ranks {liquor, red/blush wine} ⇒ {bottled beer} first by lift, at 11.235', () => {
		const rules = generateRules(mined, { minConfidence: 0.8 });
		const top = rules.slice().sort((a, b) => b.lift - a.lift)[0]!;
		expect(label(top.lhs)).toEqual(['liquor', 'red/blush wine']);
		expect(names[top.rhs]).toBe('bottled beer');
		expect(top.lift.toFixed(3)).toBe('11.235');
		// arules: support 0.001931876, confidence 0.9047619, coverage 0.002135231, count 19.
		expect(top.count).toBe(19);
		expect(top.support.toFixed(9)).toBe('0.001931876');
		expect(top.confidence.toFixed(7)).toBe('0.9047619');
		expect(top.coverage.toFixed(9)).toBe('0.002135231');
	});

	it('gives exactly 5,668 rules at confidence 0.5', () => {
		expect(generateRules(mined, { minConfidence: 0.5 })).toHaveLength(5668);
	});

	it('with minLen 1 and confidence 0.25, adds {} ⇒ {whole milk} (support 0.2555) and nothing else empty', () => {
		const rules = generateRules(mined, { minConfidence: 0.25 });
		const empty = rules.filter((r) => r.lhs.length === 0);
		expect(empty.map((r) => names[r.rhs])).toEqual(['whole milk']);
		expect(empty[0]!.support.toFixed(4)).toBe('0.2555');
		expect(generateRules(mined, { minConfidence: 0.25, minLen: 2 })).toHaveLength(rules.length - 1);
	});

	it('finds companions and recommendations on the real rules', () => {
		const rules = generateRules(mined, { minConfidence: 0.1 });
		// awk over the file: of the 109 baskets with liquor, bottled beer is in 46 (lift 5.24),
		// shopping bags 25 (2.33), red/blush wine 21 (10.03), soda 21 (1.10), other vegetables 13
		// (0.62), root vegetables 11 (0.93), rolls/buns 11 (0.55); the rest are under 10% of them.
		const liquor = names.indexOf('liquor');
		const rhs = (by: 'lift' | 'confidence') =>
			companions(rules, liquor, { by }).map((r) => names[r.rhs]);
		expect(rhs('lift')).toEqual([
			'red/blush wine',
			'bottled beer',
			'shopping bags',
			'soda',
			'root vegetables',
			'other vegetables',
			'rolls/buns'
		]);
		// Ties in confidence (21/109, 11/109) are broken by lift.
		expect(rhs('confidence')).toEqual([
			'bottled beer',
			'shopping bags',
			'red/blush wine',
			'soda',
			'other vegetables',
			'root vegetables',
			'rolls/buns'
		]);
		expect(companions(rules, liquor)[1]!.lift.toFixed(4)).toBe('5.2406');
		const bought = ['liquor', 'red/blush wine'].map((n) => names.indexOf(n));
		const [first] = recommend(indexRules(rules), bought, { limit: 3 });
		expect(names[first!.item]).toBe('bottled beer');
		expect(label(first!.rule.lhs)).toEqual(['liquor', 'red/blush wine']);
	});
});

describe.skipIf(!datasetPresent(GROCERIES))('Groceries through the load path', () => {
	it('loads as baskets and gives arules’ 410 and 5,668 rules', async () => {
		const db = await createNodeEngine();
		const data = new Uint8Array(readFileSync(GROCERIES));
		const set = await loadDataSet(db, [{ name: 'groceries.csv', data }], { build: 'complete' });
		expect(set.baskets).not.toBeNull();
		const run = (minConfidence: number) =>
			basketAnalysis.run((q) => db.query(q), scopeAt('2024-01-01'), {
				...defaultBasketSettings,
				source: 'baskets',
				minSupport: 0.001,
				minConfidence
			});
		const strict = await run(0.8);
		expect([strict.baskets, strict.items.length, strict.minCount]).toEqual([9835, 169, 10]);
		expect(strict.itemsets).toBe(13492);
		expect(strict.rules).toHaveLength(410);
		const top = strict.rules.slice().sort((a, b) => b.lift - a.lift)[0]!;
		expect([top.lhs, top.rhs, top.lift.toFixed(3)]).toEqual([
			['liquor', 'red/blush wine'],
			'bottled beer',
			'11.235'
		]);
		expect(strict.items[0]).toMatchObject({ item: 'whole milk', baskets: 2513 });
		expect((await run(0.5)).rules).toHaveLength(5668);
	}, 60_000);
});
