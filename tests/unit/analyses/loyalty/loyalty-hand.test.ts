// The loyalty simulation on a hand-worked fixture (issue 21): a member crossing a tier mid-year,
// points expiring, redemptions first in first out. Every figure below is derived by hand in the
// comments, from the definitions in src/analyses/loyalty/sql.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import { createOrders, scopeAt } from '../../../helpers/fixtures';
import type { Engine } from '../../../../src/db/engine';
import { loyaltyAnalysis } from '../../../../src/analyses/loyalty/sql';
import type { LoyaltyRules, LoyaltySettings } from '../../../../src/analyses/loyalty/settings';
import { members, runLoyaltyJob, type LoyaltyJobInput } from '../../../../src/analyses/loyalty/job';
import { isPackedJson, packedBuffers } from '../../../../src/analyses/packed';
import { packValues } from '../../../helpers/packed';

const scope = scopeAt('2024-07-01');
let db: Engine;

/** Member ×1 from 0, silver ×2 from 100 of trailing spend; points expire after 6 months. */
const RULES: LoyaltyRules = {
	pointsPerUnit: 1,
	tiers: [
		{ name: 'member', threshold: null, multiplier: 1 },
		{ name: 'silver', threshold: 100, multiplier: 2 }
	],
	expiryMonths: 6,
	redeemThreshold: 60,
	pointValue: 0.01,
	signupBonus: 10,
	redeemShare: 1
};
const run = (rules: Partial<LoyaltyRules>, whatIf: LoyaltyRules | null = null) => {
	const s: LoyaltySettings = { rules: { ...RULES, ...rules }, whatIf };
	return loyaltyAnalysis.run((q) => db.query(q), scope, s, { customerLists: true });
};

beforeAll(async () => {
	db = await createNodeEngine();
	await createOrders(
		db,
		[
			// a: 01-10 spend before 0 → member, 60 + 10 bonus = 70 (expires 07-10);
			//    02-10 spend before 60 → member, 50 (expires 08-10);
			//    03-10 spend before 110 ≥ 100 → silver, 40 × 2 = 80 (expires 09-10).
			`('a', 'a1', DATE '2024-01-10', 60.0, true)`,
			`('a', 'a2', DATE '2024-02-10', 50.0, true)`,
			`('a', 'a3', DATE '2024-03-10', 40.0, true)`,
			// b: 2023-01-15 30 + 10 = 40 (expires 2023-07-15); 2023-09-01 spend before 30 → 20
			//    (expires 2024-03-01).
			`('b', 'b1', DATE '2023-01-15', 30.0, true)`,
			`('b', 'b2', DATE '2023-09-01', 20.0, true)`,
			// c: returns only — not a member, no points taken back from anyone.
			`('c', 'c1', DATE '2024-04-01', -15.0, false)`,
			// d: 19.99 → floor(19.99) = 19 + 10 bonus = 29 (expires 2024-11-05).
			`('d', 'd1', DATE '2024-05-05', 19.99, true)`
		].join(',\n')
	);
});
afterAll(async () => {
	await db?.close();
});

describe('loyalty simulation, hand-worked', () => {
	it('gives each purchase the tier of the 12 months before its day, and its points', async () => {
		const q = loyaltyAnalysis.queries(scope, { rules: RULES, whatIf: null });
		const rows = await db.query<{
			order_id: string;
			tier: string;
			points: number;
			expires: string;
		}>(q.loyalty_points!);
		expect(rows.map((r) => [r.order_id, r.tier, r.points, r.expires])).toEqual([
			['a1', 'member', 70, '2024-07-10'],
			['a2', 'member', 50, '2024-08-10'],
			['a3', 'silver', 80, '2024-09-10'],
			['b1', 'member', 40, '2023-07-15'],
			['b2', 'member', 20, '2024-03-01'],
			['d1', 'member', 29, '2024-11-05']
		]);
	});

	it('redeems oldest points first and expires what is left, balancing issued and used', async () => {
		const r = await run({});
		// a (threshold 60): +70 → redeem 60 (lot 1 keeps 10); +50 → 60, redeem 60 (10 of lot 1, all
		//   of lot 2); +80 → redeem 60 (lot 3 keeps 20, expires 09-10, after the as-of date).
		// b: 40 < 60; lot 1 expires 2023-07-15 (40); +20; lot 2 expires 2024-03-01 (20).
		// d: 29 < 60, outstanding.
		const byId = new Map(r.customers!.map((c) => [c.customer_id, c]));
		const figures = (id: string) => {
			const c = byId.get(id)!;
			return [c.points_issued, c.points_redeemed, c.points_expired, c.points_outstanding];
		};
		expect(figures('a')).toEqual([200, 180, 0, 20]);
		expect(figures('b')).toEqual([60, 0, 60, 0]);
		expect(figures('d')).toEqual([29, 0, 0, 29]);
		expect(byId.has('c')).toBe(false);
		const t = r.current.totals;
		expect([t.issued, t.redeemed, t.expired, t.outstanding]).toEqual([289, 180, 60, 49]);
		expect(r.current.violations).toBe(0);
		expect(r.current.liability).toBeCloseTo(0.49, 10);
		expect(r.current.breakage).toBeCloseTo(60 / 289, 12);
		// Members' revenue 150 + 50 + 19.99; cost (180 + 49) × 0.01.
		expect(r.current.costShare).toBeCloseTo(2.29 / 219.99, 12);
		// The ledger by month: b's expiries in 2023-07 and 2024-03; a's redemptions in 2024-01..03.
		const m = new Map(r.months.map((x) => [x.month, x]));
		expect(m.get('2023-07')).toMatchObject({ issued: 0, redeemed: 0, expired: 40, outstanding: 0 });
		expect(m.get('2024-03')).toMatchObject({
			issued: 80,
			redeemed: 60,
			expired: 20,
			outstanding: 20
		});
		expect(r.months.at(-1)).toMatchObject({ month: '2024-05', outstanding: 49 });
	});

	it('expires points after N months when no one redeems', async () => {
		const r = await run({ redeemShare: 0 });
		const t = r.current.totals;
		// a keeps all 200 (expiries 07-10 and later are after the as-of date); b's 60 expire.
		expect([t.issued, t.redeemed, t.expired, t.outstanding, t.redeemers]).toEqual([
			289, 0, 60, 229, 0
		]);
	});

	it('places members in tiers now and 12 months ago', async () => {
		const r = await run({});
		// Now (spend in [2023-07-01, 2024-07-01)): a 150 → silver; b 20, d 19.99 → member.
		expect(r.current.tiers.map((x) => [x.tier, x.members])).toEqual([
			[1, 2],
			[2, 1]
		]);
		// 12 months ago (spend in [2022-07-01, 2023-07-01)): only b had joined, with 30 → member.
		expect(r.migration).toEqual([
			{ tier_from: 0, tier_to: 1, members: 1 },
			{ tier_from: 0, tier_to: 2, members: 1 },
			{ tier_from: 1, tier_to: 1, members: 1 }
		]);
		const tiers = new Map(r.customers!.map((c) => [c.customer_id, [c.tier_before, c.tier_now]]));
		expect(tiers.get('a')).toEqual([null, 'silver']);
		expect(tiers.get('b')).toEqual(['member', 'member']);
	});

	it('shows the what-if beside the rules: a lower silver threshold moves b up', async () => {
		const whatIf: LoyaltyRules = {
			...RULES,
			tiers: [RULES.tiers[0]!, { name: 'silver', threshold: 20, multiplier: 2 }]
		};
		const r = await run({}, whatIf);
		// With silver from 20: a's 02-10 purchase (spend before 60) is silver: 100 points, and 03-10
		// 80 → 250 issued; b's 2023-09-01 purchase (spend before 30) → 40; b now (20) → silver.
		expect(r.whatIf!.tiers.map((x) => x.members)).toEqual([1, 2]);
		expect(r.whatIf!.totals.issued).toBe(250 + 80 + 29);
		expect(r.whatIf!.violations).toBe(0);
	});

	it('thresholds from the data on a DECIMAL revenue column (ROUND with a non-constant precision failed)', async () => {
		// The fixture's revenue literals are DECIMAL. Members' spend in the 12 months before the
		// as-of date: a 150, b 20, d 19.99 → median 20, 2 significant digits → 20; the redemption
		// block: the median purchase of 60, 50, 40, 30, 20, 19.99 is 35, × 5 × 1 point = 175 → 180.
		const r = await run({
			tiers: [RULES.tiers[0]!, { name: 'silver', threshold: null, multiplier: 2 }],
			redeemThreshold: null
		});
		expect(r.current.thresholds).toEqual([0, 20]);
		expect(r.current.redeemAt).toBe(180);
	});
});

// `npm run bench` at 1 M lines: the job's input crossed to the worker as 86 k strings, one task
// of 0.14–0.2 s on the page; then as one text a line per member plus the 86 k ids, still a task
// of 0.09–0.1 s (the join and the structured clone). The ids and purchases now cross as packed
// JSON buffers, handed over by transfer (compute.ts).
describe('the loyalty job input blocked the page: ids and purchases cross packed', () => {
	it('hands the job packed buffers that give the same ledgers as the lists', async () => {
		let input: LoyaltyJobInput | null = null;
		const s: LoyaltySettings = { rules: RULES, whatIf: null };
		const viaCompute = await loyaltyAnalysis.run((q) => db.query(q), scope, s, {
			customerLists: true,
			compute: (i) => {
				input = i as LoyaltyJobInput;
				return Promise.resolve(runLoyaltyJob(input));
			}
		});
		const got = input as LoyaltyJobInput | null;
		expect(isPackedJson(got!.ids)).toBe(true);
		expect(isPackedJson(got!.purchases)).toBe(true);
		expect(packedBuffers(got!.ids, got!.purchases).length).toBeGreaterThanOrEqual(2);
		const { ids, texts } = members(got!);
		expect(texts).toHaveLength(ids.length);
		expect(ids.length).toBeGreaterThan(1);
		expect(ids).toEqual([...ids].sort());
		expect(runLoyaltyJob({ ...got!, ids, purchases: texts })).toEqual(runLoyaltyJob(got!));
		expect(viaCompute).toEqual(await run({}));
		// The page kept its own ids for the customer lists.
		expect(viaCompute.customers?.length).toBe(ids.length);
	});

	it('refuses members and purchases that differ in number; no member, no purchase', async () => {
		const ids = await packValues(['a']);
		const two = await packValues(['1:1:1:0', '2:2:1:0']);
		expect(() => members({ ids, purchases: two })).toThrow(/differ in number/);
		expect(() => members({ ids: ['a', 'b'], purchases: ['1:1:1:0'] })).toThrow(/differ in number/);
		const none = await packValues([] as string[]);
		expect(members({ ids: none, purchases: none })).toEqual({ ids: [], texts: [] });
	});
});
