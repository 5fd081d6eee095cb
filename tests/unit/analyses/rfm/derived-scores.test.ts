// The RFM section's derived score fields (issue 19: audience conditions on the R, F and M
// scores): each statement's (customer_id, value) equals the section's customer list and a plain-TS
// scoring of that list's recency, frequency and monetary columns, with both scoring settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import { seededRandom } from '../../../helpers/random-orders';
import type { Engine } from '../../../../src/db/engine';
import { rfm } from '../../../../src/analyses/rfm';
import {
	buildRfmQueries,
	defaultRfmSettings,
	type RfmSettings
} from '../../../../src/analyses/rfm/sql';

interface ListRow {
	customer_id: string;
	recency_days: number;
	frequency: number;
	monetary: number;
	r: number;
	f: number;
	m: number;
}

const scope = scopeAt('2024-07-01');
let db: Engine;

beforeAll(async () => {
	db = await createNodeEngine();
	const r = seededRandom(1905);
	const rows: string[] = [];
	let id = 0;
	for (let c = 0; c < 60; c++) {
		// Few distinct amounts and days, so scores have ties; a few customers with returns only.
		const n = 1 + Math.floor(r() * 4);
		const returnsOnly = c % 17 === 5;
		for (let i = 0; i < n; i++) {
			const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 18) * 10 * 86_400_000);
			const amount = returnsOnly ? -20 : 10 * (1 + Math.floor(r() * 6));
			rows.push(
				`('c${c}', 'o${id++}', DATE '${day.toISOString().slice(0, 10)}', ${amount}.0, ${!returnsOnly})`
			);
		}
	}
	await createOrders(db, rows.join(',\n'));
});
afterAll(async () => {
	await db?.close();
});

/** Score 1–5 by quintile of rank, ties sharing the lowest rank (SQL RANK()). */
function quintile(xs: number[], x: number, descending: boolean): number {
	const before = xs.filter((y) => (descending ? y > x : y < x)).length;
	return 1 + Math.floor((5 * before) / xs.length);
}

/** Score 1–5 by four cut points (the section's fixed thresholds). */
function cuts(t: readonly number[], x: number): number {
	return 1 + t.filter((c) => x >= c).length;
}

async function derived(key: string, settings: RfmSettings): Promise<Map<string, string | null>> {
	const field = rfm.derives!.find((f) => f.key === key)!;
	const rows = await db.query<{ customer_id: string; value: string | null }>(
		field.sql(scope, settings)
	);
	return new Map(rows.map((x) => [x.customer_id, x.value]));
}

describe('RFM derived score fields', () => {
	it.each([
		['quintiles of rank (default)', defaultRfmSettings],
		['fixed thresholds', { ...defaultRfmSettings, scoring: 'thresholds' } as RfmSettings]
	])('rfm_r/f/m_score give the section list’s scores as text, %s', async (_name, settings) => {
		const list = await db.query<ListRow>(buildRfmQueries(scope, settings).customers);
		expect(list.length).toBeGreaterThan(40);
		const rec = list.map((x) => x.recency_days);
		const freq = list.map((x) => x.frequency);
		const mon = list.map((x) => x.monetary);
		const t = settings.thresholds;
		const plain = (x: ListRow) =>
			settings.scoring === 'quintile'
				? [
						quintile(rec, x.recency_days, true),
						quintile(freq, x.frequency, false),
						quintile(mon, x.monetary, false)
					]
				: [
						6 - cuts(t.recency, x.recency_days),
						cuts(t.frequency, x.frequency),
						cuts(t.monetary, x.monetary)
					];
		const [r, f, m] = await Promise.all(
			['rfm_r_score', 'rfm_f_score', 'rfm_m_score'].map((k) => derived(k, settings))
		);
		for (const field of [r!, f!, m!]) expect(field.size).toBe(list.length);
		for (const x of list) {
			const want = plain(x).map(String);
			expect(
				[r!.get(x.customer_id), f!.get(x.customer_id), m!.get(x.customer_id)],
				x.customer_id
			).toEqual(want);
			expect(want).toEqual([x.r, x.f, x.m].map(String));
		}
		// Several distinct values, so a constant score could not pass.
		expect(new Set(r!.values()).size).toBeGreaterThan(2);
		expect(new Set(m!.values()).size).toBeGreaterThan(2);
	});

	it('customers with returns only are not scored (no row: missing in the audience)', async () => {
		const r = await derived('rfm_r_score', defaultRfmSettings);
		expect(r.has('c5')).toBe(false);
		expect(r.has('c0')).toBe(true);
	});

	it('every score value has a name in both languages', () => {
		for (const field of rfm.derives!.filter((f) => f.key.endsWith('_score'))) {
			for (const v of ['1', '2', '3', '4', '5']) {
				const key = field.valueLabel(v)!;
				expect(rfm.messages.en[key], `${field.key} ${v}`).toBeTruthy();
				expect((rfm.messages.zh as Record<string, string>)[key]).toBeTruthy();
			}
			expect(field.valueLabel('6')).toBeNull();
		}
	});
});
