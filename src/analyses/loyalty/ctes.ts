/**
 * The loyalty simulation's common CTEs (definitions in ./sql.ts): the purchases with the spend of
 * the 12 months before each, the resolved thresholds, each purchase's tier and points, and each
 * member's tier at a date. One rule set per call; the what-if calls them again with its rules.
 */
import { ident, join, raw, sql, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';
import { checkRules, type LoyaltyRules } from './settings';

/** Quantile of members' trailing-12-month spend at the as-of date for tier `i` (1 = second tier). */
export function autoQuantile(i: number): number {
	return 1 - 0.5 * Math.pow(0.2, i - 1);
}

/** Purchases a redemption takes by default: about five typical purchases' points. */
export const AUTO_REDEEM_PURCHASES = 5;

/** `x` rounded to two significant digits (a readable threshold); NULL for x ≤ 0 or NULL. */
function twoDigits(value: Sql): Sql {
	// DOUBLE: DuckDB rounds a DECIMAL (a revenue column typed so) only to a constant precision.
	const x = sql`CAST(${value} AS DOUBLE)`;
	return sql`CASE WHEN ${x} > 0 THEN round(${x}, 1 - CAST(floor(log10(${x})) AS INTEGER)) END`;
}

/**
 * The tier index (1..k) of a spend, given the thresholds' columns t2..tk of `lt`: the highest
 * tier whose threshold the spend reaches.
 */
export function tierOf(spend: Sql, r: LoyaltyRules, table = 'lt'): Sql {
	const k = r.tiers.length;
	if (k === 1) return sql`1`;
	const arms: Sql[] = [];
	for (let i = k; i >= 2; i--)
		arms.push(sql`WHEN ${spend} >= ${raw(table)}.t${raw(String(i))} THEN ${raw(String(i))}`);
	return sql`CASE ${join(arms, ' ')} ELSE 1 END`;
}

/** The tier's name for a tier index (the settings' names, as parameters). */
export function tierName(index: Sql, r: LoyaltyRules): Sql {
	const arms = r.tiers.map((t, i) => sql`WHEN ${raw(String(i + 1))} THEN ${t.name}`);
	return sql`CASE ${index} ${join(arms, ' ')} END`;
}

/** lp's rows (see loyaltyBaseCtes), from scoped_orders. */
function purchasesSelect(): Sql {
	return sql`	SELECT
		customer_id,
		order_id,
		order_date,
		revenue,
		row_number() OVER (PARTITION BY customer_id ORDER BY order_date, order_id) AS seq,
		coalesce(sum(revenue) OVER (
			PARTITION BY customer_id ORDER BY order_date
			RANGE BETWEEN INTERVAL 12 MONTHS PRECEDING AND INTERVAL 1 DAY PRECEDING
		), 0) AS spend_before
	FROM scoped_orders
	WHERE is_purchase`;
}

/** lm's rows (see loyaltyBaseCtes), from lp. */
function membersSelect(scope: Scope): Sql {
	const asOf = sql`CAST(${scope.asOf} AS DATE)`;
	return sql`	SELECT
		customer_id,
		min(order_date) AS first_purchase,
		count(*) AS purchases,
		sum(revenue) AS revenue,
		coalesce(sum(revenue) FILTER (WHERE order_date >= ${asOf} - INTERVAL 12 MONTHS), 0) AS spend_12m,
		coalesce(sum(revenue) FILTER (
			WHERE order_date >= ${asOf} - INTERVAL 24 MONTHS AND order_date < ${asOf} - INTERVAL 12 MONTHS
		), 0) AS spend_prev_12m
	FROM lp
	GROUP BY customer_id`;
}

/**
 * Statements that store lp and lm of `scope` in temp tables `<stored>_lp`, `<stored>_lm` (they do
 * not depend on the rules: the current rules and the what-if share them within a run).
 */
export function storeBaseStatements(scope: Scope, stored: string): Sql[] {
	return [
		sql`CREATE OR REPLACE TEMP TABLE ${ident(`${stored}_lp`)} AS
WITH ${scopeCtes(scope)}
${purchasesSelect()}`,
		sql`CREATE OR REPLACE TEMP TABLE ${ident(`${stored}_lm`)} AS
WITH lp AS (SELECT * FROM ${ident(`${stored}_lp`)})
${membersSelect(scope)}`
	];
}

/** Statements that drop storeBaseStatements' tables. */
export function dropBaseStatements(stored: string): Sql[] {
	return [
		sql`DROP TABLE IF EXISTS ${ident(`${stored}_lp`)}`,
		sql`DROP TABLE IF EXISTS ${ident(`${stored}_lm`)}`
	];
}

/**
 * Where a run reads lp and lm from: the tables of storeBaseStatements (`table`), and, once read,
 * the thresholds of tiers 2..k and the redemption block (resolved: the thresholds statement's row).
 */
export interface Stored {
	table: string;
	resolved: { thresholds: (number | null)[]; redeemAt: number } | null;
}

/**
 * scopeCtes, then:
 * - lp(customer_id, order_id, order_date, revenue, seq, spend_before): each purchase of the scope,
 *   numbered per customer in (order_date, order_id) order, with the net revenue of the customer's
 *   purchases in the 12 months before its day: [order_date − 12 months, order_date − 1 day];
 * - lm(customer_id, first_purchase, purchases, revenue, spend_12m, spend_prev_12m): per member
 *   (a customer with a purchase in scope), the spend in [asOf − 12 months, asOf) and in the 12
 *   months before that;
 * - lt(t2..tk, redeem_at): the thresholds as set, or from the data where null.
 */
export function loyaltyBaseCtes(scope: Scope, r: LoyaltyRules, stored: Stored | null = null): Sql {
	checkRules(r);
	const k = r.tiers.length;
	const quantiles = Array.from({ length: k - 1 }, (_, i) => autoQuantile(i + 1));
	const thresholds: Sql[] = [];
	for (let i = 2; i <= k; i++) {
		const set = r.tiers[i - 1]!.threshold;
		const auto = sql`coalesce(${twoDigits(sql`q.qs[${raw(String(i - 1))}]`)}, CAST('infinity' AS DOUBLE))`;
		thresholds.push(
			sql`${set === null ? auto : sql`CAST(${set} AS DOUBLE)`} AS t${raw(String(i))}`
		);
	}
	const redeemAt =
		r.redeemThreshold === null
			? sql`greatest(1, coalesce(${twoDigits(sql`q.typical * ${AUTO_REDEEM_PURCHASES} * ${r.pointsPerUnit}`)}, 1))`
			: sql`CAST(${r.redeemThreshold} AS DOUBLE)`;
	// One row whatever the data: an aggregate over lm, or no FROM with a single tier.
	const qs =
		quantiles.length > 0
			? sql`quantile_cont(spend_12m, ${raw(`[${quantiles.join(', ')}]`)}) FILTER (WHERE spend_12m > 0) AS qs,
		(SELECT median(revenue) FROM lp WHERE revenue > 0) AS typical
	FROM lm`
			: sql`CAST(NULL AS DOUBLE[]) AS qs,
		(SELECT median(revenue) FROM lp WHERE revenue > 0) AS typical`;
	const base = stored
		? sql`lp AS (SELECT * FROM ${ident(`${stored.table}_lp`)}),
lm AS (SELECT * FROM ${ident(`${stored.table}_lm`)})`
		: sql`${scopeCtes(scope)},
lp AS (
${purchasesSelect()}
),
lm AS (
${membersSelect(scope)}
)`;
	if (stored?.resolved) {
		// The run read the thresholds once: later statements take them as constants.
		const value = (v: number | null) =>
			v !== null && Number.isFinite(v)
				? sql`CAST(${v} AS DOUBLE)`
				: sql`CAST('infinity' AS DOUBLE)`;
		const cols = stored.resolved.thresholds.map(
			(v, i) => sql`${value(v)} AS t${raw(String(i + 2))}`
		);
		return sql`${base},
lt AS (
	SELECT ${join([...cols, sql`${value(stored.resolved.redeemAt)} AS redeem_at`], ', ')}
)`;
	}
	return sql`${base},
lq AS (
	SELECT
		${qs}
),
lt AS (
	SELECT ${join([...thresholds, sql`${redeemAt} AS redeem_at`], ',\n\t\t')}
	FROM lq q
)`;
}

/**
 * loyaltyBaseCtes, then lpp(customer_id, order_id, order_date, revenue, seq, spend_before, tier,
 * points, expires): each purchase's tier (from spend_before), its points — floor(revenue ×
 * pointsPerUnit × the tier's multiplier), the product rounded to 6 decimals first so that
 * 0.29 × 100 is 29, not 28.999…; 0 for a purchase with revenue ≤ 0 — plus the sign-up bonus on
 * the first purchase, and the day they expire (order_date + expiryMonths; NULL: never).
 */
export function loyaltyPointsCtes(
	scope: Scope,
	r: LoyaltyRules,
	stored: Stored | null = null
): Sql {
	const mult = sql`CASE tier ${join(
		r.tiers.map((t, i) => sql`WHEN ${raw(String(i + 1))} THEN ${t.multiplier}`),
		' '
	)} END`;
	const expires =
		r.expiryMonths === null
			? sql`CAST(NULL AS DATE)`
			: sql`CAST(order_date + INTERVAL (${raw(String(r.expiryMonths))}) MONTHS AS DATE)`;
	return sql`${loyaltyBaseCtes(scope, r, stored)},
lpt AS (
	SELECT lp.*, ${tierOf(sql`lp.spend_before`, r)} AS tier
	FROM lp, lt
),
lpp AS (
	SELECT
		customer_id,
		order_id,
		order_date,
		revenue,
		seq,
		spend_before,
		tier,
		CAST(CASE WHEN revenue > 0
			THEN floor(round(revenue * ${r.pointsPerUnit} * ${mult}, 6)) ELSE 0 END AS BIGINT)
			+ CASE WHEN seq = 1 THEN ${raw(String(r.signupBonus))} ELSE 0 END AS points,
		${expires} AS expires
	FROM lpt
)`;
}

/**
 * lmt(customer_id, first_purchase, purchases, revenue, spend_12m, tier_now, tier_before): each
 * member's tier at the as-of date, and 12 months before it (0: not yet a member then).
 */
export function memberTiersCtes(scope: Scope, r: LoyaltyRules, stored: Stored | null = null): Sql {
	const before = sql`CAST(${scope.asOf} AS DATE) - INTERVAL 12 MONTHS`;
	return sql`${loyaltyBaseCtes(scope, r, stored)},
lmt AS (
	SELECT
		lm.customer_id,
		lm.first_purchase,
		lm.purchases,
		lm.revenue,
		lm.spend_12m,
		${tierOf(sql`lm.spend_12m`, r)} AS tier_now,
		CASE WHEN lm.first_purchase < ${before} THEN ${tierOf(sql`lm.spend_prev_12m`, r)} ELSE 0 END
			AS tier_before
	FROM lm, lt
)`;
}
