// NPS by RFM segment, lifecycle stage and ABC tier, churn by group and the nps_group field
// (src/analyses/feedback/sql.ts) against a plain-TS computation on seeded random orders and
// responses: the fields' values come from their owners' statements, everything else is counted
// here — the scope's dates, matching, the groups, the NPS and its standard error, the latest
// response per customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../../src/db/engine';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createEmptyTx } from '../../../helpers/fixtures';
import { randomDataset, seededRandom, dateOf, dayNumber } from '../../../helpers/random-orders';
import { feedbackAnalysis, buildNpsGroupSql } from '../../../../src/analyses/feedback/sql';
import { scopeCtes, type Scope } from '../../../../src/core/scope';
import { sql, type Sql } from '../../../../src/core/sql';
import { createFeedback, loadedSettings, type Response } from './helpers';

const DIMENSIONS = ['rfm_segment', 'lifecycle_stage', 'abc_tier'] as const;

function group(score: number | null): 'promoter' | 'passive' | 'detractor' | null {
	if (score === null || score < 0 || score > 10) return null;
	return score >= 9 ? 'promoter' : score <= 6 ? 'detractor' : 'passive';
}

/** Random responses: 0–3 per customer, some anonymous, unknown, undated, unscored or out of range. */
function randomResponses(
	seed: number,
	customers: string[],
	first: number,
	last: number
): Response[] {
	const rnd = seededRandom(seed * 7919 + 1);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const rows: Response[] = [];
	const one = (id: string | null): Response => {
		const u = rnd();
		const score = u < 0.05 ? null : u < 0.08 ? 11 : int(0, 10);
		const date = rnd() < 0.08 ? null : dateOf(int(first - 30, last + 60));
		return [id, date, score, null];
	};
	for (const id of customers) for (let k = int(0, 3); k > 0; k--) rows.push(one(id));
	for (let k = int(0, 8); k > 0; k--) rows.push(one(rnd() < 0.5 ? null : `unknown_${k}`));
	return rows;
}

function inScope(date: string | null, scope: Scope): boolean {
	if (date === null) return true;
	return (
		date < scope.asOf && (!scope.from || date >= scope.from) && (!scope.to || date <= scope.to)
	);
}

describe.each([3, 11, 29])('seed %i: NPS by customer group equals a plain-TS count', (seed) => {
	let db: Engine;
	const { orders, scope } = randomDataset(seed);
	const ids = [...new Set(orders.map((o) => o.customer_id))];
	const days = orders.map((o) => dayNumber(o.order_date));
	const responses = randomResponses(seed, ids, Math.min(...days), Math.max(...days));
	const settings = loadedSettings(scope);
	const read = async (q: Sql) =>
		new Map(
			(await db.query<{ customer_id: string; value: string }>(q)).map((r) => [
				r.customer_id,
				r.value
			])
		);

	beforeAll(async () => {
		db = await createNodeEngine();
		const values = orders.map(
			(o) =>
				sql`(${o.customer_id}, ${o.order_id}, CAST(${o.order_date} AS DATE), CAST(${o.revenue} AS DOUBLE), 1.0, 1, ${o.purchase_rows}, ${o.is_purchase})`
		);
		await db.exec(sql`CREATE TABLE orders AS SELECT * FROM (VALUES ${values})
			t(customer_id, order_id, order_date, revenue, items, lines, purchase_rows, is_purchase)`);
		await createEmptyTx(db);
		await createFeedback(db, responses);
	});
	afterAll(async () => db?.close());

	it('by segment, stage and tier; churn by group; each customer’s latest group', async () => {
		const result = await feedbackAnalysis.run((q) => db.query(q), scope, settings);
		const scoped = new Set(
			(
				await db.query<{ customer_id: string }>(
					sql`WITH ${scopeCtes(scope)} SELECT customer_id FROM scoped_customers`
				)
			).map((r) => r.customer_id)
		);
		const fields = {
			rfm_segment: await read(settings.segmentSql!),
			lifecycle_stage: await read(settings.stageSql!),
			abc_tier: await read(settings.tierSql!)
		};
		const kept = responses
			.map((r, i) => ({ id: r[0], date: r[1], score: r[2], row: i + 1, grp: group(r[2]) }))
			.filter((r) => inScope(r.date, scope));
		expect(result.summary.responses).toBe(kept.length);
		for (const dim of DIMENSIONS) {
			const groups = new Map<
				string,
				{ n: number; p: number; pa: number; d: number; responses: number }
			>();
			for (const r of kept) {
				const value =
					r.id === null || !scoped.has(r.id) ? '__unmatched' : (fields[dim].get(r.id) ?? '__none');
				const g = groups.get(value) ?? { n: 0, p: 0, pa: 0, d: 0, responses: 0 };
				g.responses++;
				if (r.grp) g.n++;
				if (r.grp === 'promoter') g.p++;
				if (r.grp === 'passive') g.pa++;
				if (r.grp === 'detractor') g.d++;
				groups.set(value, g);
			}
			const rows = result.by_dimension.filter((r) => r.dimension === dim);
			expect(rows.map((r) => r.value).sort(), dim).toEqual([...groups.keys()].sort());
			for (const row of rows) {
				const g = groups.get(row.value)!;
				expect([row.responses, row.n, row.promoters, row.passives, row.detractors]).toEqual([
					g.responses,
					g.n,
					g.p,
					g.pa,
					g.d
				]);
				if (g.n === 0) {
					expect(row.score).toBeNull();
					continue;
				}
				const p = g.p / g.n;
				const d = g.d / g.n;
				expect(row.score).toBeCloseTo((p - d) * 100, 9);
				expect(row.se).toBeCloseTo(100 * Math.sqrt((p + d - (p - d) ** 2) / g.n), 9);
				expect(row.small).toBe(g.n < 30);
			}
		}
		// Each matched customer's latest scored response: latest date, undated before dated, then row.
		const latest = new Map<string, (typeof kept)[number]>();
		const later = (a: (typeof kept)[number], b: (typeof kept)[number]) =>
			(a.date ?? '') !== (b.date ?? '') ? (a.date ?? '') > (b.date ?? '') : a.row > b.row;
		for (const r of kept) {
			if (r.id === null || !scoped.has(r.id) || r.grp === null) continue;
			const cur = latest.get(r.id);
			if (!cur || later(r, cur)) latest.set(r.id, r);
		}
		const npsGroup = await read(buildNpsGroupSql(scope, settings));
		expect([...npsGroup.keys()].sort()).toEqual([...scoped].sort());
		for (const id of scoped) expect(npsGroup.get(id), id).toBe(latest.get(id)?.grp ?? 'none');
		for (const row of result.churn) {
			const members = [...latest.values()].filter((r) => r.grp === row.grp);
			const churned = members.filter((r) => fields.lifecycle_stage.get(r.id!) === 'churned').length;
			expect([row.customers, row.churned], row.grp).toEqual([members.length, churned]);
		}
	});
});
