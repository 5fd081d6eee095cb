/**
 * Loyalty programme simulation (issue 21): the programme's rules applied to the real purchase
 * history, and other rules beside them (the what-if).
 *
 * Members and spend:
 * - A member is a customer with a purchase in scope (DESIGN.md §3: an order with a non-return line
 *   and net amount ≥ 0); they join at their first purchase. Only purchases earn points and count
 *   as spend, with their net revenue (returns inside the order netted; with returns 'exclude' the
 *   load left return lines out). Return-only orders take no points back.
 * - The spend of the 12 months before a day D is the net revenue of the member's purchases on days
 *   in [D − 12 months, D − 1 day] (calendar months; DuckDB's RANGE window with INTERVAL 12 MONTHS).
 * Tiers: the tier at a purchase is the highest tier whose threshold the spend of the 12 months
 * before the purchase's day reaches (the first tier has none), so a purchase never lifts its own
 * tier. The tier at the as-of date is that of the spend before it ([asOf − 12 months, asOf)); the
 * tier "12 months ago" that at asOf − 12 months, for members who had joined by then. A threshold
 * left empty comes from the data: tier i (2nd, 3rd, …) at the quantile 1 − ½ × 0.2^(i−2) (50 %,
 * 90 %, 98 %) of the members' spend in the 12 months before the as-of date (those with spend > 0),
 * rounded to two significant digits, so the defaults fit any currency.
 * Points: floor(revenue × points per unit × the tier's multiplier) per purchase (0 for revenue
 * ≤ 0; the product rounded to 6 decimals first), the sign-up bonus on the first purchase. Points
 * expire N months after the purchase's day (on that day), first in first out.
 * Redemptions (an assumption, editable): a share of members redeem — a fixed draw on a hash of
 * the customer id (ledger.ts), the same members under every rule set — and they redeem at a
 * purchase, once its points are in, whole multiples of the redemption threshold, oldest points
 * first. An empty redemption threshold is five typical purchases' points (the median purchase's
 * revenue × 5 × points per unit, two significant digits, at least 1).
 * The ledger (ledger.ts, in a worker) replays each member's purchases: issued = redeemed + expired
 * + outstanding per member and in total, checked on every run (`violations`). Liability =
 * outstanding × point value; breakage = expired ÷ issued; programme cost = (redeemed +
 * outstanding) × point value ÷ the members' revenue (the cost once every live point is used).
 * Members per tier over time: at the first day of each of the last 24 months and at the as-of
 * date. Migration: tier 12 months ago × tier now. Per-tier KPIs: members, purchases, revenue, AOV,
 * revenue share, over the whole scope, by tier now.
 */
import { ident, int, sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import type { AnalysisDef, QueryFn, RunOptions } from '../../core/analysis';
import {
	dropBaseStatements,
	loyaltyBaseCtes,
	loyaltyPointsCtes,
	memberTiersCtes,
	storeBaseStatements,
	tierName,
	tierOf,
	type Stored
} from './ctes';
import { nextRun, withRunTables } from '../work-tables';
import { packedJsonStatement, queryUtf8Parts, unpackJson, type PackedJson } from '../packed';
import type { LedgerOutput } from './ledger';
import { runLoyaltyJob, type LoyaltyJobInput, type RulesJob } from './job';
import { defaultLoyaltySettings, type LoyaltyRules, type LoyaltySettings } from './settings';
import { shapeLoyalty, type LoyaltyResult, type RulesRows } from './result';

export { defaultLoyaltySettings, type LoyaltySettings, type LoyaltyResult };

/** Months of members per tier shown over time (plus the as-of date). */
export const TIER_HISTORY_MONTHS = 24;

/** A customers-file column holding the members' real tier (compared with the simulated one). */
export function realTierColumn(scope: Scope): string | null {
	if (!scope.hasCustomers) return null;
	const re = /tier|level|member|grade|等级|会员|级别/i;
	return (
		scope.customerColumns.find((c) => re.test(c) && !/date|since|points|积分/i.test(c)) ?? null
	);
}

/** memberPurchases' columns, as the job's input packs them. */
const MEMBER_COLUMNS = ['customer_id', 'purchases'] as const;

/** A date as days since 1970-01-01. */
const days = (d: Sql) => sql`CAST(${d} - DATE '1970-01-01' AS BIGINT)`;

/**
 * The job's input (job.ts), the same for every rule set: per member, their purchases as
 * 'seq:day:revenue:spend_before' texts. Unordered: an ordered string_agg costs more than the rest
 * of the run; the job puts each member's purchases in seq order.
 */
function memberPurchases(scope: Scope, r: LoyaltyRules, stored: Stored | null): Sql {
	return sql`WITH ${loyaltyBaseCtes(scope, r, stored)}
SELECT
	customer_id,
	string_agg(concat(seq, ':', ${days(sql`order_date`)}, ':', revenue, ':', spend_before), ';')
		AS purchases
FROM lp
GROUP BY customer_id`;
}

/** The statements of one rule set (the what-if's are prefixed `whatif_`). */
function ruleQueries(
	scope: Scope,
	r: LoyaltyRules,
	full: boolean,
	stored: Stored | null
): Record<string, Sql> {
	const asOf = sql`CAST(${scope.asOf} AS DATE)`;
	const pts = loyaltyPointsCtes(scope, r, stored);
	const tiers = memberTiersCtes(scope, r, stored);
	const q: Record<string, Sql> = {
		thresholds: sql`WITH ${loyaltyBaseCtes(scope, r, stored)}
SELECT lt.*, CAST(ceil(lt.redeem_at) AS BIGINT) AS redeem_points, (SELECT sum(revenue) FROM lm) AS revenue
FROM lt`,
		points: sql`WITH ${pts}
SELECT customer_id, order_id, order_date, revenue, spend_before, ${tierName(sql`tier`, r)} AS tier, points, expires
FROM lpp
ORDER BY customer_id, seq`,

		tiers: sql`WITH ${tiers}
SELECT
	tier_now AS tier,
	count(*) AS members,
	sum(purchases) AS purchases,
	sum(revenue) AS revenue,
	sum(revenue) / sum(purchases) AS aov,
	sum(revenue) / nullif((SELECT sum(revenue) FROM lm), 0) AS revenue_share,
	sum(spend_12m) AS spend_12m
FROM lmt
GROUP BY tier_now
ORDER BY tier_now`
	};
	if (!full) return q;
	q.purchases = sql`${memberPurchases(scope, r, stored)}
ORDER BY customer_id`;
	q.migration = sql`WITH ${tiers}
SELECT tier_before AS tier_from, tier_now AS tier_to, count(*) AS members
FROM lmt
GROUP BY ALL
ORDER BY tier_from, tier_to`;
	q.tiers_monthly = sql`WITH ${loyaltyBaseCtes(scope, r, stored)},
at_days AS (
	SELECT DISTINCT on_date FROM (
		SELECT CAST(d AS DATE) AS on_date
		FROM generate_series(
			date_trunc('month', ${asOf} - INTERVAL ${int(TIER_HISTORY_MONTHS - 1)} MONTHS),
			date_trunc('month', ${asOf}),
			INTERVAL 1 MONTH
		) g(d)
		UNION ALL SELECT ${asOf}
	)
	WHERE on_date <= ${asOf} AND on_date > (SELECT min(first_purchase) FROM lm)
),
spend AS (
	SELECT a.on_date, lp.customer_id, sum(lp.revenue) AS spend
	FROM at_days a
	JOIN lp ON lp.order_date >= a.on_date - INTERVAL 12 MONTHS AND lp.order_date < a.on_date
	GROUP BY ALL
),
upper AS (
	SELECT s.on_date, ${tierOf(sql`s.spend`, r)} AS tier, count(*) AS members
	FROM spend s, lt
	GROUP BY ALL
),
joined AS (
	SELECT a.on_date, count(lm.customer_id) AS members
	FROM at_days a
	LEFT JOIN lm ON lm.first_purchase < a.on_date
	GROUP BY a.on_date
)
SELECT j.on_date AS date, 1 AS tier, j.members - coalesce((SELECT sum(u.members) FROM upper u WHERE u.on_date = j.on_date AND u.tier > 1), 0) AS members
FROM joined j
UNION ALL
SELECT on_date AS date, tier, members FROM upper WHERE tier > 1
ORDER BY date, tier`;
	q.customers = sql`WITH ${tiers}
SELECT customer_id, ${tierName(sql`tier_now`, r)} AS tier_now,
	CASE WHEN tier_before = 0 THEN NULL ELSE ${tierName(sql`tier_before`, r)} END AS tier_before,
	spend_12m
FROM lmt
ORDER BY customer_id`;
	const real = realTierColumn(scope);
	if (real) {
		q.real_tiers = sql`WITH ${tiers}
SELECT coalesce(CAST(c.${ident(real)} AS VARCHAR), '') AS real_tier, lmt.tier_now AS tier, count(*) AS members
FROM lmt
LEFT JOIN customers c USING (customer_id)
GROUP BY ALL
ORDER BY real_tier, tier`;
	}
	return q;
}

/** The named statements the notebook opens (self-contained: no stored tables). */
export function loyaltyQueries(scope: Scope, s: LoyaltySettings): Record<string, Sql> {
	const own = ruleQueries(scope, s.rules, true, null);
	const out: Record<string, Sql> = {};
	for (const [k, v] of Object.entries(own)) out[`loyalty_${k}`] = v;
	if (s.whatIf) {
		for (const [k, v] of Object.entries(ruleQueries(scope, s.whatIf, false, null))) {
			out[`whatif_${k}`] = v;
		}
	}
	return out;
}

/** The loyalty tier at the as-of date of every member (the derived field loyalty_tier). */
export function buildLoyaltyTierSql(scope: Scope, s: LoyaltySettings): Sql {
	return sql`WITH ${memberTiersCtes(scope, s.rules)}
SELECT customer_id, ${tierName(sql`tier_now`, s.rules)} AS value
FROM lmt`;
}

interface Thresholds {
	redeem_points: number;
	revenue: number | null;
	[t: string]: number | null;
}

/** One rule set's thresholds as its run resolved them (from the data where left empty). */
interface Resolved {
	thresholds: (number | null)[];
	redeemAt: number;
	revenue: number;
}

async function resolve(query: QueryFn, scope: Scope, r: LoyaltyRules, table: string) {
	const first = ruleQueries(scope, r, false, { table, resolved: null });
	const [th] = await query<Thresholds>(first.thresholds!);
	const thresholds = r.tiers.map((_, i) => (i === 0 ? 0 : (th?.[`t${i + 1}`] ?? null)));
	return { thresholds, redeemAt: th?.redeem_points ?? 1, revenue: th?.revenue ?? 0 };
}

function rulesJob(r: LoyaltyRules, at: Resolved, perCustomer: boolean): RulesJob {
	return {
		pointsPerUnit: r.pointsPerUnit,
		thresholds: at.thresholds.slice(1),
		multipliers: r.tiers.map((t) => t.multiplier),
		signupBonus: r.signupBonus,
		expiryMonths: r.expiryMonths,
		redeemAt: at.redeemAt,
		redeemShare: r.redeemShare,
		perCustomer
	};
}

/** The statements of `r` with its resolved thresholds as constants. */
const resolvedQueries = (
	scope: Scope,
	r: LoyaltyRules,
	full: boolean,
	table: string,
	at: Resolved
) => ruleQueries(scope, r, full, storedAt(table, at));

/** The run's tables with one rule set's resolved thresholds as constants. */
const storedAt = (table: string, at: Resolved): Stored => ({
	table,
	resolved: { thresholds: at.thresholds.slice(1), redeemAt: at.redeemAt }
});

async function runLoyalty(
	query: QueryFn,
	scope: Scope,
	s: LoyaltySettings,
	options: RunOptions = {}
): Promise<LoyaltyResult> {
	// The purchases and members once per run, in temp tables both rule sets read (ctes.ts).
	const table = `__loyalty_${nextRun()}`;
	return withRunTables(query, storeBaseStatements(scope, table), dropBaseStatements(table), () =>
		simulate(query, scope, s, options, table)
	);
}

/** The run over the purchases and members stored in `table` (storeBaseStatements). */
async function simulate(
	query: QueryFn,
	scope: Scope,
	s: LoyaltySettings,
	options: RunOptions,
	table: string
): Promise<LoyaltyResult> {
	const lists = options.customerLists !== false;
	const sets = s.whatIf ? [s.rules, s.whatIf] : [s.rules];
	const resolved: Resolved[] = [];
	for (const r of sets) resolved.push(await resolve(query, scope, r, table));
	const q = resolvedQueries(scope, s.rules, true, table, resolved[0]!);
	// The members and their purchases packed by DuckDB for the job's worker, in the order of their
	// ids (../packed.ts); the page reads the ids only for the customer lists.
	const parts = await queryUtf8Parts(
		query,
		options.queryUtf8,
		packedJsonStatement(
			memberPurchases(scope, s.rules, storedAt(table, resolved[0]!)),
			sql`customer_id`,
			MEMBER_COLUMNS
		),
		MEMBER_COLUMNS
	);
	const packedIds: PackedJson = { json: parts.customer_id };
	const ids = lists ? unpackJson<string>(packedIds) : [];
	const input: LoyaltyJobInput = {
		ids: packedIds,
		purchases: { json: parts.purchases },
		asOfDay: Date.parse(`${scope.asOf}T00:00:00Z`) / 86_400_000,
		rules: sets.map((r, i) => rulesJob(r, resolved[i]!, lists && i === 0))
	};
	const ledgers = options.compute
		? ((await options.compute(input)) as LedgerOutput[])
		: runLoyaltyJob(input);
	const summary = async (i: number): Promise<RulesRows> => {
		const r = sets[i]!;
		const at = resolved[i]!;
		const tq = i === 0 ? q : resolvedQueries(scope, r, false, table, at);
		return {
			rules: r,
			thresholds: at.thresholds,
			redeemAt: at.redeemAt,
			revenue: at.revenue,
			tiers: await query<RulesRows['tiers'][number]>(tq.tiers!),
			ledger: ledgers[i]!,
			ids: i === 0 && lists ? ids : null
		};
	};
	const current = await summary(0);
	const whatIf = s.whatIf ? await summary(1) : null;
	return shapeLoyalty({
		current,
		whatIf,
		migration: await query<LoyaltyResult['migration'][number]>(q.migration!),
		monthly: await query<LoyaltyResult['monthly'][number]>(q.tiers_monthly!),
		real: q.real_tiers
			? await query<{ real_tier: string; tier: number; members: number }>(q.real_tiers)
			: null,
		realColumn: realTierColumn(scope),
		customers: lists
			? await query<{
					customer_id: string;
					tier_now: string;
					tier_before: string | null;
					spend_12m: number;
				}>(q.customers!)
			: null
	});
}

export const loyaltyAnalysis: AnalysisDef<LoyaltySettings, LoyaltyResult> = {
	id: 'loyalty',
	queries: loyaltyQueries,
	run: runLoyalty
};
