// Issue 22, item 3: an analysis whose run stores an intermediate table once and reads it for every
// output must give exactly the rows of its self-contained statements (`queries`, what "Open in
// notebook" shows; the formulation before the change). Shared by the analyses' tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { AnalysisDef } from '../../src/core/analysis';
import { materializeScopeStatements, type Scope } from '../../src/core/scope';
import { loadBytes, loadText, type LoadedText } from './load-text';
import { ordersCsv, randomDataset, seededRandom } from './random-orders';

/** The run's result keys: each the rows of a named query, or (`first`) its first row. */
type Shape = Record<string, { query: string; kind: 'rows' | 'first' }>;

/** The default scope, a year's date range, and (when given) a dimension filter. */
export function scopesOf(l: LoadedText, filter: Scope['filter'] = null): [string, Scope][] {
	const year = String(Number(l.scope.asOf.slice(0, 4)) - 1);
	return [
		['all', l.scope],
		['date range', { ...l.scope, from: `${year}-01-01`, to: `${year}-12-31` }],
		...(filter ? [['filter', { ...l.scope, filter }] as [string, Scope]] : [])
	];
}

/**
 * Runs `def` (customer lists included) and its self-contained statements on every scope of
 * `scopes` (plain and materialised) with every `settings`; expects the same rows and no temp table
 * named `<tablePrefix>…` left. Returns how many rows of `count` were compared.
 */
export async function expectRunEqualsQueries<S, R extends object>(
	l: LoadedText,
	def: AnalysisDef<S, R>,
	scopes: [string, Scope][],
	settings: S[],
	shape: Shape,
	tablePrefix: string,
	count: string
): Promise<number> {
	let compared = 0;
	for (const [name, scope] of scopes)
		for (const materialized of [false, true])
			for (const [i, s] of settings.entries()) {
				const at = `${name}, ${materialized ? 'materialised' : 'plain'}, settings ${i}`;
				const sc: Scope = { ...scope, materialized };
				if (materialized) for (const st of materializeScopeStatements(sc)) await l.db.exec(st);
				const ran = (await def.run((q) => l.db.query(q), sc, s, { customerLists: true })) as Record<
					string,
					unknown
				>;
				const q = def.queries(sc, s);
				for (const [key, { query, kind }] of Object.entries(shape)) {
					const rows = await l.db.query(q[query]!);
					expect(ran[key], `${at}: ${key}`).toEqual(kind === 'first' ? rows[0] : rows);
					if (key === count) compared += rows.length;
				}
				const [left] = await l.db.query<{ n: number }>(
					`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE starts_with(table_name, '${tablePrefix}')`
				);
				expect(left!.n, `${at}: temp tables left`).toBe(0);
			}
	return compared;
}

/**
 * The three data sets of these proofs, each loaded as a user's file is: the sample (with a channel
 * filter), four random order logs, and a log of tied amounts and days with returns, where the
 * customer id decides every tie. `compare` runs expectRunEqualsQueries and returns its count.
 */
export function itComparesOnEveryDataSet(
	compare: (l: LoadedText, filter: Scope['filter']) => Promise<number>
) {
	const opened: LoadedText[] = [];
	afterAll(async () => {
		for (const l of opened) await l.db.close();
	});

	it('the sample, through the load path', { timeout: 120_000 }, async () => {
		const file = path.resolve(import.meta.dirname, '../../sample-data/orders.csv');
		const l = await loadBytes(new Uint8Array(readFileSync(file)), 'orders.csv');
		opened.push(l);
		const filter = { table: 'orders' as const, column: 'channel', values: ['marketplace'] };
		// Comparing empty results would prove nothing.
		expect(await compare(l, filter)).toBeGreaterThan(10_000);
	});

	it('random order logs', { timeout: 120_000 }, async () => {
		let compared = 0;
		for (let seed = 1; seed <= 4; seed++) {
			const l = await loadBytes(ordersCsv(randomDataset(seed).orders), 'orders.csv');
			opened.push(l);
			compared += await compare(l, null);
		}
		expect(compared).toBeGreaterThan(20);
	});

	it('a log of tied amounts and days, with returns', { timeout: 60_000 }, async () => {
		const rnd = seededRandom(7);
		const lines = ['order_id,order_date,customer_id,amount'];
		for (let i = 0; i < 600; i++) {
			const amount = [10, 20, 30, -10][Math.floor(rnd() * 4)];
			const day = String(1 + Math.floor(rnd() * 3) * 10).padStart(2, '0');
			lines.push(`${1000 + i},2024-0${1 + (i % 6)}-${day},K${Math.floor(rnd() * 150)},${amount}`);
		}
		const l = await loadText(lines.join('\n') + '\n');
		opened.push(l);
		expect(await compare(l, null)).toBeGreaterThan(500);
	});
}
