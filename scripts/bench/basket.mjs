// Bought together's mining (issue 18: Groceries at support 0.001 / confidence 0.5 ≤ 2 s in the
// browser), timed on the code its Web Worker runs (src/analyses/basket/job.ts, bundled for Node
// by native-bundle.mjs): Eclat, the rules and their measures. Groceries is a basket file, which
// the browser columns (orders files) do not load; its baskets are read here as the app reads them
// (one basket a line, items separated by commas, an item once per basket, ids in item order).
// Online Retail at 0.01 is the `retail` size of the main bench, basket section included (browser
// and native: SQL in DuckDB, the job in Node). Repetitions: median with the range.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Groceries' baskets as item-id lists (ids in item-name order, as basket_items numbers them). */
function groceriesInput(file) {
	const baskets = readFileSync(file, 'utf8')
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '')
		.map((line) => [
			...new Set(
				line
					.split(',')
					.map((i) => i.trim())
					.filter(Boolean)
			)
		]);
	const names = [...new Set(baskets.flat())].sort();
	const id = new Map(names.map((n, i) => [n, i]));
	return {
		itemCount: names.length,
		baskets: baskets.map((b) => b.map((n) => id.get(n)).sort((a, b) => a - b))
	};
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Time the mining job `reps` times on Groceries; one row per setting, or [] without the file. */
export async function benchBasket(root, app, { reps = 5 } = {}) {
	const file = join(root, '../shared/datasets/groceries/groceries.csv');
	if (!existsSync(file)) {
		console.log(`  basket: ${file} absent, Groceries skipped`);
		return [];
	}
	const data = groceriesInput(file);
	const settings = [
		{ minSupport: 0.001, minConfidence: 0.5 },
		{ minSupport: 0.001, minConfidence: 0.8 }
	];
	return Promise.all(
		settings.map(async (s) => {
			const times = [];
			let out = null;
			for (let rep = 0; rep < reps; rep++) {
				const t0 = performance.now();
				out = await app.runBasketJob({
					...data,
					...s,
					minLen: 1,
					maxLen: 10,
					maxItemsets: 1_000_000,
					customers: null,
					topN: 3
				});
				times.push(performance.now() - t0);
			}
			return {
				name: `Groceries ${s.minSupport} / ${s.minConfidence}`,
				baskets: data.baskets.length,
				items: data.itemCount,
				itemsets: out.itemsets ?? null,
				rules: out.rules?.length ?? null,
				medianMs: median(times),
				minMs: Math.min(...times),
				maxMs: Math.max(...times),
				reps
			};
		})
	);
}
