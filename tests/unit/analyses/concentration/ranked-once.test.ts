// Issue 22, item 3: the concentration run ranks the customers once, in a temp table its outputs
// read, instead of once per output. The self-contained statements (`queries`, what "Open in
// notebook" shows) are the formulation before the change, unchanged; the run must give exactly
// their rows — summary, per-customer ranks and tiers, curve, top shares, tiers — on the sample
// and on random and tie-heavy logs loaded as a user's file is, over the plain and the
// materialised scope, with a date range and a dimension filter, and leave no table behind.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBytes, loadText, type LoadedText } from '../../../helpers/load-text';
import { ordersCsv, randomDataset, seededRandom } from '../../../helpers/random-orders';
import { materializeScopeStatements, type Scope } from '../../../../src/core/scope';
import {
	concentrationAnalysis,
	defaultConcentrationSettings,
	type ConcentrationResult,
	type ConcentrationSettings
} from '../../../../src/analyses/concentration/sql';

const opened: LoadedText[] = [];
afterAll(async () => {
	for (const l of opened) await l.db.close();
});

/** Every output of the run and of the self-contained statements, for `scope`. */
async function both(l: LoadedText, scope: Scope, settings: ConcentrationSettings) {
	if (scope.materialized) for (const s of materializeScopeStatements(scope)) await l.db.exec(s);
	const ran = await concentrationAnalysis.run((q) => l.db.query(q), scope, settings, {
		customerLists: true
	});
	const q = concentrationAnalysis.queries(scope, settings);
	const [summary] = await l.db.query<ConcentrationResult['summary']>(q.summary!);
	const before: ConcentrationResult = {
		summary: summary!,
		customers: await l.db.query(q.customers!),
		lorenz: await l.db.query(q.lorenz!),
		top_shares: await l.db.query(q.top_shares!),
		tiers: await l.db.query(q.tiers!)
	};
	const left = await l.db.query<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '__concentration_%'`
	);
	return { ran, before, left: left[0]!.n };
}

/** Compares every scope and settings; returns the customer rows compared. */
async function expectSameEverywhere(
	l: LoadedText,
	label: string,
	filter: Scope['filter'] = null
): Promise<number> {
	const asOf = l.scope.asOf;
	const year = String(Number(asOf.slice(0, 4)) - 1);
	const scopes: [string, Scope][] = [
		['all', l.scope],
		['date range', { ...l.scope, from: `${year}-01-01`, to: `${year}-12-31` }],
		...(filter ? [['filter', { ...l.scope, filter }] as [string, Scope]] : [])
	];
	const settings: ConcentrationSettings[] = [
		defaultConcentrationSettings,
		{ topPercents: [3, 50, 100], aShare: 0.5, bShare: 0.5, maxPoints: 7 }
	];
	let compared = 0;
	for (const [name, scope] of scopes)
		for (const materialized of [false, true])
			for (const s of settings) {
				const { ran, before, left } = await both(l, { ...scope, materialized }, s);
				const at = `${label}, ${name}, ${materialized ? 'materialised' : 'plain'}, A<${s.aShare}`;
				expect(ran, at).toEqual(before);
				expect(left, `${at}: temp tables left`).toBe(0);
				compared += before.customers!.length;
			}
	return compared;
}

describe('concentration ranked once: the same rows as the self-contained statements (issue 22)', () => {
	it('the sample, through the load path', { timeout: 120_000 }, async () => {
		const file = path.resolve(import.meta.dirname, '../../../../sample-data/orders.csv');
		const l = await loadBytes(new Uint8Array(readFileSync(file)), 'orders.csv');
		opened.push(l);
		const compared = await expectSameEverywhere(l, 'sample', {
			table: 'orders',
			column: 'channel',
			values: ['marketplace']
		});
		// Comparing empty results would prove nothing.
		expect(compared).toBeGreaterThan(10_000);
	});

	it('random order logs', { timeout: 120_000 }, async () => {
		let compared = 0;
		for (let seed = 1; seed <= 4; seed++) {
			const l = await loadBytes(ordersCsv(randomDataset(seed).orders), 'orders.csv');
			opened.push(l);
			compared += await expectSameEverywhere(l, `seed ${seed}`);
		}
		expect(compared).toBeGreaterThan(20);
	});

	it('a log of tied revenues and returns, where the customer id decides every rank', async () => {
		const rnd = seededRandom(7);
		const lines = ['order_id,order_date,customer_id,amount'];
		for (let i = 0; i < 600; i++) {
			const amount = [10, 20, 30, -10][Math.floor(rnd() * 4)];
			const day = 1 + Math.floor(rnd() * 28);
			lines.push(
				`${1000 + i},2024-0${1 + (i % 6)}-${String(day).padStart(2, '0')},K${Math.floor(rnd() * 150)},${amount}`
			);
		}
		const l = await loadText(lines.join('\n') + '\n');
		opened.push(l);
		expect(await expectSameEverywhere(l, 'ties')).toBeGreaterThan(500);
	});
});
