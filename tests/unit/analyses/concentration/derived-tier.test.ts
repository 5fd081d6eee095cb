// The concentration section's derived field abc_tier (issue 19: audience conditions on the ABC
// tier): its (customer_id, value) equals a plain-TS ranking of net revenue on a fixture, and its
// counts equal the section's tier table, with the default and with other tier shares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import { seededRandom } from '../../../helpers/random-orders';
import type { Engine } from '../../../../src/db/engine';
import { concentration } from '../../../../src/analyses/concentration';
import {
	buildConcentrationQueries,
	defaultConcentrationSettings,
	type ConcentrationSettings,
	type TierRow
} from '../../../../src/analyses/concentration/sql';

const scope = scopeAt('2024-07-01');
let db: Engine;
/** Net revenue per customer, the fixture's own sums. */
const net = new Map<string, number>();

beforeAll(async () => {
	db = await createNodeEngine();
	const r = seededRandom(1906);
	const rows: string[] = [];
	let id = 0;
	for (let c = 0; c < 70; c++) {
		const cid = `c${String(c).padStart(2, '0')}`;
		const n = 1 + Math.floor(r() * 3);
		for (let i = 0; i < n; i++) {
			// Whole amounts from a small set (ties across tier boundaries), some returns.
			const back = r() < 0.12;
			const amount = back ? -40 : 10 * (1 + Math.floor(r() * r() * 12));
			net.set(cid, (net.get(cid) ?? 0) + amount);
			const day = `2024-0${1 + Math.floor(r() * 6)}-1${Math.floor(r() * 9)}`;
			rows.push(`('${cid}', 'o${id++}', DATE '${day}', ${amount}.0, ${!back})`);
		}
	}
	await createOrders(db, rows.join(',\n'));
});
afterAll(async () => {
	await db?.close();
});

/** Tiers by the section's definition: rank by revenue desc, ties by id; share before the row. */
function plainTiers(s: ConcentrationSettings): Map<string, string> {
	const ranked = [...net]
		.filter(([, v]) => v > 0)
		.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
	const total = ranked.reduce((t, [, v]) => t + v, 0);
	const out = new Map<string, string>();
	let before = 0;
	for (const [id, v] of ranked) {
		const share = before / total;
		out.set(id, share < s.aShare ? 'A' : share < s.bShare ? 'B' : 'C');
		before += v;
	}
	return out;
}

describe('concentration derived field abc_tier', () => {
	const field = () => concentration.derives!.find((f) => f.key === 'abc_tier')!;

	it.each([
		['default shares 80 % / 95 %', defaultConcentrationSettings],
		['shares 50 % / 90 %', { ...defaultConcentrationSettings, aShare: 0.5, bShare: 0.9 }]
	])('gives the plain ranking’s tiers and the section’s tier counts, %s', async (_n, s) => {
		const rows = await db.query<{ customer_id: string; value: string | null }>(
			field().sql(scope, s)
		);
		const got = new Map(rows.map((x) => [x.customer_id, x.value]));
		const want = plainTiers(s);
		expect(got).toEqual(want);
		expect(new Set(want.values())).toEqual(new Set(['A', 'B', 'C']));
		// Customers whose returns cancel their purchases are not ranked: no tier.
		const excluded = [...net].filter(([, v]) => v <= 0).map(([id]) => id);
		expect(excluded.length).toBeGreaterThan(0);
		for (const id of excluded) expect(got.has(id)).toBe(false);
		const tiers = await db.query<TierRow>(buildConcentrationQueries(scope, s).tiers);
		for (const t of tiers) {
			expect([...got.values()].filter((v) => v === t.tier).length, t.tier).toBe(t.customers);
		}
	});

	it('every tier has a name in both languages', () => {
		for (const v of ['A', 'B', 'C']) {
			const key = field().valueLabel(v)!;
			expect(concentration.messages.en[key]).toBeTruthy();
			expect((concentration.messages.zh as Record<string, string>)[key]).toBeTruthy();
		}
		expect(field().valueLabel('D')).toBeNull();
	});
});
