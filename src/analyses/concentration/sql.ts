/**
 * Value concentration (80/20) and ABC tiers (DESIGN.md §4).
 *
 * Method: population = scoped customers with net revenue > 0, ranked by revenue descending, ties by
 * customer_id ascending (rank 1 = highest revenue). Customers with orders in scope but net revenue
 * ≤ 0 (returns ≥ purchases) are not ranked; the summary reports their count and net revenue as
 * excluded_customers / excluded_revenue. Prospects (no orders in scope) are not counted at all.
 * - Curve: cumulative share of customers (rank / n) against cumulative share of revenue, top
 *   customers first (the Pareto form; the classic ascending Lorenz curve is its point reflection
 *   (1 − x, 1 − y), with the same Gini). Starts at (0, 0), ends at (1, 1). When n + 1 > maxPoints it
 *   keeps the ranks floor(j × n / (maxPoints − 1)), j = 0 … maxPoints − 1, so both ends stay exact.
 * - Top k %: the ceil(k × n / 100) highest-ranked customers and their share of revenue.
 * - Gini: G = 2 Σ i·x_i / (n Σ x_i) − (n + 1) / n, x ascending, i = 1 … n (0 for one customer).
 * - ABC: with share_before = revenue of the higher-ranked customers / total, tier A if
 *   share_before < aShare (0.8), B if < bShare (0.95), else C — so the customer crossing 80 % is A.
 * Ties: equal revenues are ordered by customer_id, which decides who is inside a top-k cut or
 * across a tier boundary. Customers are returned in rank order, tiers as A, B, C.
 */
import { ident, sql, raw, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';
import type { AnalysisDef } from '../../core/analysis';
import { nextRun, withRunTables } from '../work-tables';

/** ABC tier keys in order (A = high value); the UI translates them. */
export const CONCENTRATION_TIERS = ['A', 'B', 'C'] as const;
export type ConcentrationTier = (typeof CONCENTRATION_TIERS)[number];

export interface ConcentrationSettings {
	/** Whole percents for the top-k table, e.g. [1, 5, 10, 20]. */
	topPercents: readonly number[];
	/** Cumulative revenue share closing tier A (0.8) and tier B (0.95). */
	aShare: number;
	bShare: number;
	/** Largest number of curve points returned (≥ 2). */
	maxPoints: number;
}

export const defaultConcentrationSettings: ConcentrationSettings = {
	topPercents: [1, 5, 10, 20],
	aShare: 0.8,
	bShare: 0.95,
	maxPoints: 200
};

export interface ConcentrationSummary {
	/** Ranked customers (net revenue > 0) and their revenue. */
	customers: number;
	revenue: number;
	gini: number | null;
	/** Customers with orders in scope whose net revenue is ≤ 0, and their net revenue (≤ 0). */
	excluded_customers: number;
	excluded_revenue: number;
}

export interface ConcentrationCustomerRow {
	customer_id: string;
	rank: number;
	revenue: number;
	/** revenue / total revenue */
	share: number;
	/** Share of revenue of the customers ranked above this one. */
	share_before: number;
	/** share_before + share (cumulative, inclusive) */
	cum_share: number;
	tier: ConcentrationTier;
}

export interface LorenzPoint {
	/** Customers counted (0 … n). */
	customers: number;
	share_customers: number;
	share_revenue: number;
}

export interface TopShareRow {
	top_percent: number;
	customers: number;
	revenue: number;
	share_revenue: number | null;
}

export interface TierRow {
	tier: ConcentrationTier;
	customers: number;
	revenue: number;
	share_customers: number | null;
	share_revenue: number | null;
}

export interface ConcentrationResult {
	summary: ConcentrationSummary;
	/** Null when run with customerLists: false (the dashboard loads it on export). */
	customers: ConcentrationCustomerRow[] | null;
	lorenz: LorenzPoint[];
	top_shares: TopShareRow[];
	tiers: TierRow[];
}

function checkSettings(s: ConcentrationSettings): void {
	const pctOk = s.topPercents.every((k) => Number.isInteger(k) && k >= 1 && k <= 100);
	const sharesOk = s.aShare > 0 && s.aShare <= s.bShare && s.bShare <= 1;
	if (!pctOk || s.topPercents.length === 0) {
		throw new Error('concentration: topPercents must be whole percents 1–100');
	}
	if (!sharesOk) throw new Error('concentration: need 0 < aShare ≤ bShare ≤ 1');
	if (!Number.isInteger(s.maxPoints) || s.maxPoints < 2) {
		throw new Error('concentration: maxPoints must be an integer ≥ 2');
	}
}

/** The ranked customers (value_ranked): one window pass over the customers with revenue > 0. */
function rankedSelectCtes(): Sql {
	return sql`value_customers AS (
	SELECT customer_id, CAST(revenue AS DOUBLE) AS revenue
	FROM scoped_customers
	WHERE revenue > 0
),
value_ranked AS (
	SELECT
		customer_id,
		revenue,
		CAST(ROW_NUMBER() OVER (ORDER BY revenue DESC, customer_id) AS INTEGER) AS rank,
		CAST(count(*) OVER () AS INTEGER) AS n,
		sum(revenue) OVER () AS total,
		coalesce(sum(revenue) OVER (
			ORDER BY revenue DESC, customer_id
			ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
		), 0) AS revenue_before
	FROM value_customers
)`;
}

/**
 * The scope's CTEs, value_ranked and value_tiers. With `stored`, value_ranked reads the temp table
 * storeRankedStatement wrote (the dashboard's run: the window once, not once per output).
 */
function rankedCtes(scope: Scope, s: ConcentrationSettings, stored: string | null = null): Sql {
	const ranked = stored
		? sql`value_ranked AS (SELECT * FROM ${ident(stored)})`
		: rankedSelectCtes();
	return sql`WITH ${scopeCtes(scope)},
${ranked},
value_tiers AS (
	SELECT
		*,
		revenue_before / total AS share_before,
		CASE
			WHEN revenue_before / total < ${s.aShare} THEN 'A'
			WHEN revenue_before / total < ${s.bShare} THEN 'B'
			ELSE 'C'
		END AS tier
	FROM value_ranked
)`;
}

/** Stores `scope`'s value_ranked in the temp table `stored` (every output of a run reads it). */
export function storeRankedStatement(scope: Scope, stored: string): Sql {
	return sql`CREATE OR REPLACE TEMP TABLE ${ident(stored)} AS
WITH ${scopeCtes(scope)},
${rankedSelectCtes()}
SELECT * FROM value_ranked`;
}

/** The concentration queries: summary, per-customer ranks and tiers, curve, top-k shares, tiers. */
export function buildConcentrationQueries(
	scope: Scope,
	settings: ConcentrationSettings,
	stored: string | null = null
): Record<keyof ConcentrationResult, Sql> {
	checkSettings(settings);
	const ctes = rankedCtes(scope, settings, stored);
	const maxPoints = sql`CAST(${settings.maxPoints} AS BIGINT)`;
	const percents = settings.topPercents.map((k) => sql`(${k})`);
	const tiers = raw(CONCENTRATION_TIERS.map((t, i) => `(${i + 1}, '${t}')`).join(', '));
	return {
		summary: sql`${ctes},
excluded AS (
	SELECT count(*) AS customers, sum(revenue) AS revenue
	FROM scoped_customers
	WHERE revenue <= 0
		AND customer_id IN (SELECT customer_id FROM scoped_orders)
),
gini AS (
	SELECT
		count(*) AS n,
		sum(revenue) AS total,
		2 * sum((n + 1 - rank) * revenue) / (count(*) * sum(revenue))
			- (count(*) + 1) / count(*) AS gini
	FROM value_ranked
)
SELECT
	CAST(g.n AS INTEGER) AS customers,
	CAST(coalesce(g.total, 0) AS DOUBLE) AS revenue,
	CAST(g.gini AS DOUBLE) AS gini,
	CAST(e.customers AS INTEGER) AS excluded_customers,
	CAST(coalesce(e.revenue, 0) AS DOUBLE) AS excluded_revenue
FROM gini g
CROSS JOIN excluded e
ORDER BY customers`,
		customers: sql`${ctes}
SELECT
	customer_id,
	rank,
	revenue,
	CAST(revenue / total AS DOUBLE) AS share,
	CAST(share_before AS DOUBLE) AS share_before,
	CAST((revenue_before + revenue) / total AS DOUBLE) AS cum_share,
	tier
FROM value_tiers
ORDER BY rank`,
		lorenz: sql`${ctes},
curve_points AS (
	SELECT 0 AS rank, CAST(0 AS DOUBLE) AS cum_revenue
	FROM value_ranked
	WHERE rank = 1
	UNION ALL
	SELECT rank, revenue_before + revenue AS cum_revenue
	FROM value_ranked
),
curve_kept AS (
	SELECT DISTINCT CAST((j * (SELECT max(n) FROM value_ranked)) // (${maxPoints} - 1) AS INTEGER) AS rank
	FROM (SELECT unnest(range(0, ${maxPoints})) AS j)
),
totals AS (
	SELECT max(n) AS n, max(total) AS total FROM value_ranked
)
SELECT
	CAST(p.rank AS INTEGER) AS customers,
	CAST(p.rank AS DOUBLE) / t.n AS share_customers,
	CAST(p.cum_revenue / t.total AS DOUBLE) AS share_revenue
FROM curve_points p
CROSS JOIN totals t
WHERE t.n + 1 <= ${maxPoints} OR p.rank IN (SELECT rank FROM curve_kept)
ORDER BY p.rank`,
		top_shares: sql`${ctes},
top_cuts AS (
	SELECT
		CAST(k AS INTEGER) AS top_percent,
		CAST((CAST(k AS INTEGER) * coalesce((SELECT max(n) FROM value_ranked), 0) + 99) // 100 AS INTEGER) AS customers
	FROM (VALUES ${percents}) t(k)
)
SELECT
	c.top_percent,
	c.customers,
	CAST(coalesce(r.revenue_before + r.revenue, 0) AS DOUBLE) AS revenue,
	CAST((r.revenue_before + r.revenue) / r.total AS DOUBLE) AS share_revenue
FROM top_cuts c
LEFT JOIN value_ranked r ON r.rank = c.customers
ORDER BY c.top_percent`,
		tiers: sql`${ctes},
tier_order AS (
	SELECT * FROM (VALUES ${tiers}) t(position, tier)
),
tier_stats AS (
	SELECT tier, count(*) AS customers, sum(revenue) AS revenue
	FROM value_tiers
	GROUP BY tier
),
totals AS (
	SELECT count(*) AS customers, sum(revenue) AS revenue FROM value_ranked
)
SELECT
	o.tier,
	CAST(coalesce(s.customers, 0) AS INTEGER) AS customers,
	CAST(coalesce(s.revenue, 0) AS DOUBLE) AS revenue,
	CAST(coalesce(s.customers, 0) / nullif(t.customers, 0) AS DOUBLE) AS share_customers,
	CAST(coalesce(s.revenue, 0) / t.revenue AS DOUBLE) AS share_revenue
FROM tier_order o
LEFT JOIN tier_stats s USING (tier)
CROSS JOIN totals t
ORDER BY o.position`
	};
}

export const concentrationAnalysis: AnalysisDef<ConcentrationSettings, ConcentrationResult> = {
	id: 'concentration',
	queries: buildConcentrationQueries,
	async run(query, scope, settings, options) {
		checkSettings(settings);
		// The ranking window once per run, in a temp table every output reads (issue 22: the
		// four outputs each ranked every customer again); "Open in notebook" gets the
		// self-contained statements (`queries`), which give the same rows.
		const stored = `__concentration_${nextRun()}`;
		const drop = sql`DROP TABLE IF EXISTS ${ident(stored)}`;
		return withRunTables(query, [storeRankedStatement(scope, stored)], [drop], async () => {
			const q = buildConcentrationQueries(scope, settings, stored);
			const [summary] = await query<ConcentrationSummary>(q.summary);
			if (!summary) throw new Error('concentration: the summary query returned no row');
			return {
				summary,
				customers:
					options?.customerLists === false
						? null
						: await query<ConcentrationCustomerRow>(q.customers),
				lorenz: await query<LorenzPoint>(q.lorenz),
				top_shares: await query<TopShareRow>(q.top_shares),
				tiers: await query<TierRow>(q.tiers)
			};
		});
	}
};
