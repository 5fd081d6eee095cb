// The loyalty simulation against an independent plain-TypeScript reading of its definition
// (src/analyses/loyalty/sql.ts), point by point: tiers from the spend of the 12 months before each
// purchase (calendar months, as DuckDB adds them), points, and a replay that keeps every single
// point (no lots, no queue pointer): expiring points are removed on the purchase days and at the
// as-of date, a redeemer's redemption removes the oldest points. On seeded random histories under
// random rules, and on the sample's orders loaded through the app's load path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import { seededRandom } from '../../../helpers/random-orders';
import { loadBytes } from '../../../helpers/load-text';
import type { Engine } from '../../../../src/db/engine';
import type { Scope } from '../../../../src/core/scope';
import { loyaltyAnalysis } from '../../../../src/analyses/loyalty/sql';
import { isRedeemer } from '../../../../src/analyses/loyalty/ledger';
import type { LoyaltyRules } from '../../../../src/analyses/loyalty/settings';
import type { LoyaltyResult } from '../../../../src/analyses/loyalty/result';

interface Purchase {
	customer: string;
	order: string;
	date: string;
	revenue: number;
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
/** `iso` + n calendar months, the day clamped to the month's last (DuckDB's date + INTERVAL). */
function addMonths(iso: string, n: number): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const total = y * 12 + (m - 1) + n;
	const year = Math.floor(total / 12);
	const month = total % 12;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Per customer: issued, redeemed, expired, outstanding — the plain reading. */
function plainLedger(
	purchases: Purchase[],
	r: LoyaltyRules,
	thresholds: number[],
	redeemAt: number,
	asOf: string
) {
	const byCustomer = new Map<string, Purchase[]>();
	for (const p of purchases) byCustomer.set(p.customer, [...(byCustomer.get(p.customer) ?? []), p]);
	const out = new Map<string, number[]>();
	for (const [id, list] of byCustomer) {
		list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order < b.order ? -1 : 1));
		const redeems = isRedeemer(id, r.redeemShare);
		/** Every point held: the day it expires (Infinity: never). */
		let held: number[] = [];
		let issued = 0;
		let redeemed = 0;
		let expired = 0;
		const expire = (day: number) => {
			const gone = held.filter((e) => e <= day).length;
			expired += gone;
			held = held.filter((e) => e > day);
		};
		list.forEach((p, i) => {
			const from = addMonths(p.date, -12);
			const spend = list
				.filter((q) => q.date >= from && q.date < p.date)
				.reduce((s, q) => s + q.revenue, 0);
			let tier = 0;
			thresholds.forEach((t, k) => {
				if (k > 0 && spend >= t) tier = k;
			});
			const raw = p.revenue * r.pointsPerUnit * r.tiers[tier]!.multiplier;
			const points =
				(p.revenue > 0 ? Math.floor(Math.round(raw * 1e6) / 1e6) : 0) +
				(i === 0 ? r.signupBonus : 0);
			const day = dayOf(p.date);
			expire(day);
			const exp = r.expiryMonths === null ? Infinity : dayOf(addMonths(p.date, r.expiryMonths));
			for (let k = 0; k < points; k++) held.push(exp);
			issued += points;
			if (redeems && held.length >= redeemAt) {
				const take = Math.floor(held.length / redeemAt) * redeemAt;
				held = held.slice(take);
				redeemed += take;
			}
		});
		expire(dayOf(asOf));
		out.set(id, [issued, redeemed, expired, held.length]);
	}
	return out;
}

function expectSame(result: LoyaltyResult, plain: Map<string, number[]>) {
	const got = new Map(
		result.customers!.map((c) => [
			c.customer_id,
			[c.points_issued, c.points_redeemed, c.points_expired, c.points_outstanding]
		])
	);
	expect(got.size).toBe(plain.size);
	for (const [id, figures] of plain) expect(got.get(id), id).toEqual(figures);
	const sum = (k: number) => [...plain.values()].reduce((s, f) => s + f[k]!, 0);
	const t = result.current.totals;
	expect([t.issued, t.redeemed, t.expired, t.outstanding]).toEqual([
		sum(0),
		sum(1),
		sum(2),
		sum(3)
	]);
	expect(t.issued).toBe(t.redeemed + t.expired + t.outstanding);
	expect(result.current.violations).toBe(0);
}

describe('loyalty simulation = a plain point-by-point replay, on random histories', () => {
	let db: Engine;
	const purchases: Purchase[] = [];
	const AS_OF = '2024-07-01';
	beforeAll(async () => {
		db = await createNodeEngine();
		const rnd = seededRandom(2121);
		const rows: string[] = [];
		for (let c = 0; c < 70; c++) {
			const id = `k${String(c).padStart(3, '0')}`;
			const n = 1 + Math.floor(rnd() * 10);
			for (let i = 0; i < n; i++) {
				// Month ends and leap days included: Jan 31 + 1 month and Feb 29 − 12 months clamp.
				const day = dayOf('2022-01-01') + Math.floor(rnd() * 912);
				const date = new Date(day * DAY).toISOString().slice(0, 10);
				const kind = rnd();
				const revenue = kind < 0.05 ? 0 : Math.round(rnd() * 30000) / 100;
				const order = `${id}-${i}`;
				if (kind > 0.95) {
					rows.push(`('${id}', '${order}', DATE '${date}', CAST(-${revenue} AS DOUBLE), false)`);
					continue;
				}
				purchases.push({ customer: id, order, date, revenue });
				rows.push(`('${id}', '${order}', DATE '${date}', CAST(${revenue} AS DOUBLE), true)`);
			}
		}
		rows.push(`('k_leap', 'l1', DATE '2023-02-28', CAST(120 AS DOUBLE), true)`);
		rows.push(`('k_leap', 'l2', DATE '2024-02-29', CAST(80 AS DOUBLE), true)`);
		rows.push(`('k_leap', 'l3', DATE '2024-01-31', CAST(10.29 AS DOUBLE), true)`);
		purchases.push(
			{ customer: 'k_leap', order: 'l1', date: '2023-02-28', revenue: 120 },
			{ customer: 'k_leap', order: 'l2', date: '2024-02-29', revenue: 80 },
			{ customer: 'k_leap', order: 'l3', date: '2024-01-31', revenue: 10.29 }
		);
		await createOrders(db, rows.join(',\n'));
	});
	afterAll(async () => {
		await db?.close();
	});

	const rnd = seededRandom(77);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
	const ruleSets: LoyaltyRules[] = Array.from({ length: 8 }, (_, i) => {
		const k = 1 + (i % 3);
		const thresholds = [0, 150 + Math.floor(rnd() * 300), 700 + Math.floor(rnd() * 600)];
		return {
			pointsPerUnit: pick([1, 0.5, 2, 100]),
			tiers: Array.from({ length: k }, (_, t) => ({
				name: ['member', 'silver', 'gold'][t]!,
				threshold: t === 0 ? null : thresholds[t]!,
				multiplier: t === 0 ? 1 : pick([1.25, 1.5, 2])
			})),
			expiryMonths: pick([null, 1, 3, 6, 12]),
			redeemThreshold: pick([20, 50, 100, 1000]),
			pointValue: 0.01,
			signupBonus: pick([0, 10]),
			redeemShare: pick([0, 0.3, 0.7, 1])
		};
	});
	it.each(ruleSets.map((r, i) => [i, r] as const))('rule set %i', async (_i, rules) => {
		const scope = scopeAt(AS_OF);
		const result = await loyaltyAnalysis.run(
			(q) => db.query(q),
			scope,
			{ rules, whatIf: null },
			{
				customerLists: true
			}
		);
		const thresholds = rules.tiers.map((t) => t.threshold ?? 0);
		expectSame(result, plainLedger(purchases, rules, thresholds, rules.redeemThreshold!, AS_OF));
		// The notebook's SQL statement of the points gives every member the points the job issued.
		const sqlPoints = await db.query<{ customer_id: string; points: number }>(
			loyaltyAnalysis.queries(scope, { rules, whatIf: null }).loyalty_points!
		);
		const bySql = new Map<string, number>();
		for (const p of sqlPoints) bySql.set(p.customer_id, (bySql.get(p.customer_id) ?? 0) + p.points);
		for (const c of result.customers!)
			expect(bySql.get(c.customer_id), c.customer_id).toBe(c.points_issued);
	});
});

describe('loyalty simulation on the sample, through the load path', () => {
	let loaded: { db: Engine; scope: Scope };
	beforeAll(async () => {
		const file = path.resolve(import.meta.dirname, '../../../../sample-data/orders.csv');
		loaded = await loadBytes(new Uint8Array(readFileSync(file)), 'orders.csv');
	});
	afterAll(async () => {
		await loaded?.db.close();
	});

	it('balances and equals the plain replay with the thresholds it took from the data', async () => {
		const { db, scope } = loaded;
		const rules: LoyaltyRules = {
			pointsPerUnit: 1,
			tiers: [
				{ name: 'member', threshold: null, multiplier: 1 },
				{ name: 'silver', threshold: null, multiplier: 1.25 },
				{ name: 'gold', threshold: null, multiplier: 1.5 }
			],
			expiryMonths: 12,
			redeemThreshold: null,
			pointValue: 0.01,
			signupBonus: 50,
			redeemShare: 0.5
		};
		const result = await loyaltyAnalysis.run(
			(q) => db.query(q),
			scope,
			{ rules, whatIf: null },
			{
				customerLists: true
			}
		);
		const th = result.current.thresholds as number[];
		// From the data: increasing, two significant digits.
		expect(th[1]).toBeGreaterThan(0);
		expect(th[2]).toBeGreaterThan(th[1]!);
		for (const v of th.slice(1)) expect(Number(v.toPrecision(2))).toBe(v);
		const orders = await db.query<{
			customer_id: string;
			order_id: string;
			order_date: string;
			revenue: number;
		}>(
			`SELECT customer_id, order_id, CAST(order_date AS VARCHAR) AS order_date, revenue FROM orders
			 WHERE is_purchase AND order_date < DATE '${scope.asOf}'` as never
		);
		const purchases = orders.map((o) => ({
			customer: o.customer_id,
			order: o.order_id,
			date: o.order_date,
			revenue: o.revenue
		}));
		expectSame(result, plainLedger(purchases, rules, th, result.current.redeemAt, scope.asOf));
		// Every tier has members, and the per-tier revenue adds up to the members' revenue.
		expect(result.current.tiers.every((t) => t.members > 0)).toBe(true);
		const revenue = result.current.tiers.reduce((s, t) => s + t.revenue, 0);
		expect(revenue).toBeCloseTo(result.current.revenue, 6);
	});
});
