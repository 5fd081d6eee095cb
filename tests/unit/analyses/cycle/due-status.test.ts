// The purchase-cycle section's derived field due_status (issue 19: audience conditions on "due for
// repurchase"): its (customer_id, value) equals a plain-TS reading of the section's definition on
// a fixture, 'due' is exactly the section's due list, and — read through the registry as the
// audience and the breakdown read it — it leaves out churned customers as the due list does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import { seededRandom } from '../../../helpers/random-orders';
import type { Engine } from '../../../../src/db/engine';
import type { AnalysisModule } from '../../../../src/analyses/types';
import { ANALYSES } from '../../../../src/analyses';
import { cycle } from '../../../../src/analyses/cycle';
import { DUE_STATUSES } from '../../../../src/analyses/cycle/due-status';
import { cycleAnalysis, type CycleSettings } from '../../../../src/analyses/cycle/sql';
import { prepareContext, preparedSettings } from '../../../../src/analyses/registry-tools';
import { fieldInputs } from '../../../../src/analyses/customer/input';

const AS_OF = '2024-07-01';
const scope = scopeAt(AS_OF);
const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
let db: Engine;
/** Purchase days (day numbers) and whether any order, per customer. */
const days = new Map<string, Set<number>>();
const customers = new Set<string>();

/** Lifecycle thresholds fixed by the test, so who is churned does not depend on the data. */
const settingsOf = (m: AnalysisModule): object =>
	m.id === 'lifecycle' ? { ...m.defaults, churnAfter: 200, riskAfter: 100 } : { ...m.defaults };

beforeAll(async () => {
	db = await createNodeEngine();
	const r = seededRandom(1907);
	const rows: string[] = [];
	let id = 0;
	const add = (cid: string, iso: string, amount: number) => {
		const purchase = amount >= 0;
		customers.add(cid);
		if (purchase) days.set(cid, (days.get(cid) ?? new Set()).add(dayOf(iso)));
		rows.push(`('${cid}', 'o${id++}', DATE '${iso}', ${amount}.0, ${purchase})`);
	};
	for (let c = 0; c < 90; c++) {
		const cid = `c${String(c).padStart(2, '0')}`;
		const n = c % 11 === 3 ? 1 : 2 + Math.floor(r() * 4);
		let t = dayOf('2023-01-01') + Math.floor(r() * 300);
		const gap = 10 + Math.floor(r() * 120);
		for (let i = 0; i < n && t < dayOf(AS_OF); i++) {
			add(cid, new Date(t * DAY).toISOString().slice(0, 10), 10 + Math.floor(r() * 50));
			t += Math.max(1, gap + Math.floor((r() - 0.5) * 20));
		}
	}
	// Churned and in the due window: a yearly buyer whose next purchase falls on the as-of date.
	add('z_churned', '2022-07-02', 30);
	add('z_churned', '2023-07-02', 30);
	// Returns only: no purchase in scope.
	add('z_returns', '2024-02-01', -25);
	await createOrders(db, rows.join(',\n'));
});
afterAll(async () => {
	await db?.close();
});

/** The section's definition in plain TS; `churned` is the lifecycle stage the section reads. */
function plainStatus(s: CycleSettings, churned: Set<string>): Map<string, string> {
	const asOf = dayOf(AS_OF);
	const out = new Map<string, string>();
	for (const cid of customers) {
		const d = [...(days.get(cid) ?? [])].sort((a, b) => a - b);
		if (d.length === 0) out.set(cid, 'no_purchase');
		else if (d.length === 1) out.set(cid, 'one_time');
		else {
			const gaps = d
				.slice(1)
				.map((x, i) => x - d[i]!)
				.sort((a, b) => a - b);
			const mid = gaps.length / 2;
			const median = gaps.length % 2 ? gaps[Math.floor(mid)]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
			const rounded = Math.floor(median + 0.5);
			const next = d[d.length - 1]! + rounded;
			const grace = s.graceDays ?? rounded;
			const inWindow = next >= asOf - grace && next <= asOf + s.horizonDays;
			out.set(
				cid,
				inWindow ? (churned.has(cid) ? 'churned' : 'due') : next < asOf ? 'overdue' : 'not_due'
			);
		}
	}
	return out;
}

describe('cycle derived field due_status', () => {
	it.each([
		['default window', {}],
		['grace 0 days, horizon 60 days', { graceDays: 0, horizonDays: 60 }]
	])('matches the plain definition and the section’s due list, %s', async (_n, change) => {
		const base = { ...cycle.defaults, ...change } as CycleSettings;
		const s = preparedSettings(ANALYSES, cycle, scope, base, settingsOf) as CycleSettings;
		expect(s.stageSql).not.toBeNull();
		const section = await cycleAnalysis.run((q) => db.query(q), scope, s);
		const churned = new Set(section.customers!.filter((c) => c.churned).map((c) => c.customer_id));
		expect(churned.has('z_churned')).toBe(true);
		const field = cycle.derives!.find((f) => f.key === 'due_status')!;
		const rows = await db.query<{ customer_id: string; value: string }>(field.sql(scope, s));
		const got = new Map(rows.map((x) => [x.customer_id, x.value]));
		const want = plainStatus(s, churned);
		expect(got).toEqual(want);
		// Every customer in scope has a value, and each value occurs.
		expect(got.size).toBe(customers.size);
		expect(new Set(got.values())).toEqual(new Set(DUE_STATUSES));
		const ids = (v: string) => [...got].filter(([, x]) => x === v).map(([id]) => id);
		expect(ids('due').sort()).toEqual(section.due!.map((c) => c.customer_id).sort());
		expect(ids('churned')).toHaveLength(section.summary.churned_left_out);
		expect(ids('one_time')).toHaveLength(section.summary.one_time_customers);
	});

	it('read through the registry (as the audience reads it), churned customers are not due', async () => {
		const q = prepareContext(ANALYSES, scope, settingsOf).derivedSql('due_status')!;
		const rows = await db.query<{ customer_id: string; value: string }>(q);
		expect(rows.find((x) => x.customer_id === 'z_churned')?.value).toBe('churned');
		// With the plain settings (no lifecycle stages) the same customer would be on the due list.
		const plain = await db.query<{ customer_id: string; value: string }>(
			cycle.derives![0]!.sql(scope, cycle.defaults)
		);
		expect(plain.find((x) => x.customer_id === 'z_churned')?.value).toBe('due');
	});

	it('the customer profile reads it with the lifecycle stages too (churned is not due)', async () => {
		const input = fieldInputs(ANALYSES, scope, settingsOf, 0, null).find(
			(f) => f.key === 'due_status'
		)!;
		const rows = await db.query<{ customer_id: string; value: string }>(input.sql);
		expect(rows.find((x) => x.customer_id === 'z_churned')?.value).toBe('churned');
	});

	it('every value has a name in both languages', () => {
		const field = cycle.derives!.find((f) => f.key === 'due_status')!;
		for (const v of DUE_STATUSES) {
			const key = field.valueLabel(v)!;
			expect(cycle.messages.en[key], v).toBeTruthy();
			expect((cycle.messages.zh as Record<string, string>)[key], v).toBeTruthy();
		}
		expect(field.valueLabel('later')).toBeNull();
	});
});
