/**
 * Cohort retention (DESIGN.md §4).
 *
 * Method: purchase orders only (is_purchase; returns and zero/negative-net orders are ignored, so
 * revenue here is purchase revenue). A customer's cohort is the period (month, ISO week starting
 * Monday, or quarter) of their first purchase in scope. Period k of an order is:
 * - calendar mode: whole calendar periods between the cohort period and the order's period;
 * - rolling mode: floor(days since the customer's first purchase / L), L = 7 / 30 / 91 days for
 *   week / month / quarter (a "month" is a fixed 30-day window, a "quarter" 91 days).
 * Customers(c, k) counts cohort customers who bought in exactly period k ('on') or in k or any
 * later period ('on_or_after'); retention = customers / cohort size. Revenue(c, k) is always the
 * revenue of period k itself; revenue_retention = revenue(k) / revenue(0); cumulative revenue per
 * customer = revenue of periods 0..k / cohort size (the LTV curve of one cohort).
 *
 * Assumptions:
 * - Every period that started before as-of has a row (silent periods: 0 customers, 0 %); periods
 *   starting on or after as-of have no row. In calendar mode a cohort has periods
 *   0..(period of as-of − 1 day); in rolling mode periods 0..k while the cohort's earliest
 *   customer's window k started before as-of.
 * - complete = the period is fully observed: calendar, it ended on or before as-of (so only the
 *   period containing as-of − 1 day can be incomplete, and it is complete when as-of is the first
 *   day of the next period); rolling, every cohort customer's window k ended on or before as-of.
 *
 * Left-censored first cohort: a log that starts mid-history puts everyone who bought before it
 * starts into its first cohort, which then looks far larger and more loyal than the others. Rule,
 * on the whole scope (before any split): each cohort's rate = its customers ÷ its observed days
 * (the days of its period between the first purchase in scope and as-of, so a partial first or
 * last period is not penalised). The earliest cohort is left-censored when at least 2 later
 * cohorts exist and its rate is more than 2 × the median rate of the later cohorts (a new
 * business's launch spike can trip it too: the flag is a warning, and the average can take the
 * cohort back in). Its cells (in every split value) carry censored = true; `firstCohort` reports
 * the test's figures whether or not it fired. A date-range filter that starts mid-history makes
 * the same kind of cohort, and the same rule catches it.
 *
 * Average row, per (split, k), over the cells that are complete and, unless includeFirstCohort,
 * not censored ("the cohorts that reached k"; cohorts = how many):
 * - customers, revenue: sums; retention = Σ customers ÷ Σ cohort size (size-weighted);
 *   revenue_retention = the size-weighted mean of the cells' revenue retention (cells with
 *   revenue(0) = 0 left out);
 * - cum_revenue_per_customer = Σ over j = 0..k of (Σ revenue(c, j) ÷ Σ size(c), over the cohorts
 *   that reached j): each period's revenue per customer from every cohort that completed it,
 *   chained. Averaging the cohorts' own cumulative figures instead would mix a different set of
 *   cohorts at each k and can fall from one k to the next; the chain never falls (purchase
 *   revenue is ≥ 0). It is null where fewer than 3 cohorts reached k (too few to average).
 *   A k that no cohort has reached has no average row.
 * - Split: an orders column is taken from the customer's first purchase order (earliest order_date,
 *   then order_ts, then order_id); a customers column from the customers file. NULL or blank
 *   values become 'unknown'.
 */
import { int, lit, sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import type { AnalysisDef, QueryFn } from '../../core/analysis';
import { cohortCtes } from './ctes';

export type CohortPeriod = 'month' | 'week' | 'quarter';
export type CohortMode = 'calendar' | 'rolling';
export type RetentionKind = 'on' | 'on_or_after';

/** A canonical column of `orders` or of `customers`. */
export interface CohortSplit {
	table: 'orders' | 'customers';
	column: string;
}

export interface CohortSettings {
	period: CohortPeriod;
	mode: CohortMode;
	retention: RetentionKind;
	split: CohortSplit | null;
	/** Average a left-censored first cohort with the others (it is marked either way). */
	includeFirstCohort: boolean;
}

export const defaultCohortSettings: CohortSettings = {
	period: 'month',
	mode: 'calendar',
	retention: 'on',
	split: null,
	includeFirstCohort: false
};

export { CENSORED_MIN_LATER, CENSORED_RATE_FACTOR, ROLLING_DAYS } from './ctes';

/** Fewer cohorts than this reached k: no average cumulative revenue per customer there. */
export const MIN_CUMULATIVE_COHORTS = 3;

/** One cell of the cohort triangle. */
export interface CohortRow {
	/** Split value, or null when not split. */
	split: string | null;
	/** First day of the cohort period, 'YYYY-MM-DD'. */
	cohort: string;
	cohort_size: number;
	k: number;
	customers: number;
	/** customers / cohort_size (0..1). */
	retention: number;
	/** Purchase revenue in period k. */
	revenue: number;
	/** revenue(k) / revenue(0); null only if revenue(0) is 0. */
	revenue_retention: number | null;
	/** Revenue of periods 0..k / cohort_size. */
	cum_revenue_per_customer: number;
	complete: boolean;
	/** The cell belongs to a left-censored first cohort. */
	censored: boolean;
}

/** The size-weighted average over the cohorts that reached k (complete cells). */
export interface CohortAverageRow {
	split: string | null;
	k: number;
	/** Number of cohorts averaged. */
	cohorts: number;
	/** Sum of their sizes (the weight). */
	cohort_size: number;
	customers: number;
	retention: number;
	revenue: number;
	revenue_retention: number | null;
	/** Chained per-period revenue per customer; null where fewer than 3 cohorts reached k. */
	cum_revenue_per_customer: number | null;
}

/** The left-censoring test of the earliest cohort (whole scope, before any split). */
export interface FirstCohortCheck {
	cohort: string;
	cohort_size: number;
	/** Its customers per observed day. */
	rate: number;
	later_cohorts: number;
	/** The median rate of the later cohorts; null without any. */
	median_rate: number | null;
	censored: boolean;
}

export interface CohortResult {
	rows: CohortRow[];
	average: CohortAverageRow[];
	/** null when there is no cohort at all. */
	firstCohort: FirstCohortCheck | null;
}

function splitOut(s: CohortSettings): Sql {
	return s.split ? sql`split` : sql`CAST(NULL AS VARCHAR)`;
}

/** The triangle's columns, one row per (split, cohort, k), unordered. */
function cellsSelect(settings: CohortSettings): Sql {
	return sql`SELECT
	${splitOut(settings)} AS split,
	CAST(cohort AS DATE) AS cohort,
	cohort_size,
	k,
	customers,
	retention,
	revenue,
	revenue_retention,
	cum_revenue_per_customer,
	complete,
	censored
FROM cohort_cells`;
}

/** The average row per (split, k), unordered (definition: the opening comment). */
function averageSelect(settings: CohortSettings): Sql {
	const include = lit(settings.includeFirstCohort);
	return sql`SELECT
	${splitOut(settings)} AS split,
	k,
	cohorts,
	cohort_size,
	customers,
	retention,
	revenue,
	revenue_retention,
	-- list_sum adds k = 0, 1, … in order: a windowed sum() may add them in another order, and a
	-- rounding difference would let the line dip by a hair where nothing was added.
	CASE WHEN cohorts >= ${int(MIN_CUMULATIVE_COHORTS)} THEN
		CAST(list_sum(list(revenue_per_customer) OVER (PARTITION BY split ORDER BY k)) AS DOUBLE)
	END AS cum_revenue_per_customer
FROM (
	SELECT
		split,
		k,
		CAST(count(*) AS INTEGER) AS cohorts,
		CAST(sum(cohort_size) AS INTEGER) AS cohort_size,
		CAST(sum(customers) AS INTEGER) AS customers,
		CAST(sum(customers) / sum(cohort_size) AS DOUBLE) AS retention,
		CAST(sum(revenue) AS DOUBLE) AS revenue,
		CAST(sum(cohort_size * revenue_retention) / sum(cohort_size) FILTER (WHERE revenue_retention IS NOT NULL) AS DOUBLE) AS revenue_retention,
		sum(revenue) / sum(cohort_size) AS revenue_per_customer
	FROM cohort_cells
	WHERE complete AND (${include} OR NOT censored)
	GROUP BY split, k
)`;
}

/** The first-cohort check's one row (none without cohorts). */
function firstSelect(): Sql {
	return sql`SELECT CAST(cohort AS DATE) AS cohort, cohort_size, rate, later_cohorts, median_rate, censored
FROM first_check`;
}

/** The cohort triangle, one row per (split, cohort, k). */
export function buildCohortQuery(scope: Scope, settings: CohortSettings): Sql {
	return sql`WITH ${cohortCtes(scope, settings)}
${cellsSelect(settings)}
ORDER BY split, cohort, k`;
}

/** The average row per (split, k). */
export function buildCohortAverageQuery(scope: Scope, settings: CohortSettings): Sql {
	return sql`WITH ${cohortCtes(scope, settings)}
${averageSelect(settings)}
ORDER BY split, k`;
}

/** The left-censoring test of the first cohort: one row, or none without cohorts. */
export function buildFirstCohortQuery(scope: Scope, settings: CohortSettings): Sql {
	return sql`WITH ${cohortCtes(scope, settings)}
${firstSelect()}`;
}

/**
 * All three results in one statement over one materialised triangle (the dashboard's; the
 * notebook shows the three queries above): part 'cell' rows are buildCohortQuery's, part
 * 'average' rows buildCohortAverageQuery's, part 'first' buildFirstCohortQuery's, each in that
 * query's order.
 */
export function buildCohortBothQuery(scope: Scope, settings: CohortSettings): Sql {
	return sql`WITH ${cohortCtes(scope, settings, true)}
SELECT 'cell' AS __part, * FROM (${cellsSelect(settings)})
UNION ALL BY NAME
SELECT 'average' AS __part, * FROM (${averageSelect(settings)})
UNION ALL BY NAME
SELECT 'first' AS __part, * FROM (${firstSelect()})
ORDER BY __part DESC, split, cohort, k`;
}

type Part = CohortRow &
	CohortAverageRow &
	FirstCohortCheck & { __part: 'cell' | 'average' | 'first' };

export const cohortAnalysis: AnalysisDef<CohortSettings, CohortResult> = {
	id: 'cohort',
	queries(scope, settings) {
		return {
			cohort_cells: buildCohortQuery(scope, settings),
			cohort_average: buildCohortAverageQuery(scope, settings),
			cohort_first: buildFirstCohortQuery(scope, settings)
		};
	},
	async run(query: QueryFn, scope, settings) {
		// One statement instead of three: the triangle is computed once (cohort-both.test checks
		// that the parts equal the three queries' results). UNION BY NAME gives every part every
		// column, so each part keeps only its own.
		const rows: CohortRow[] = [];
		const average: CohortAverageRow[] = [];
		let firstCohort: FirstCohortCheck | null = null;
		for (const r of await query<Part>(buildCohortBothQuery(scope, settings))) {
			const { split, cohort, cohort_size, k, customers, retention, revenue } = r;
			const { revenue_retention, cum_revenue_per_customer } = r;
			if (r.__part === 'cell')
				rows.push({
					split,
					cohort,
					cohort_size,
					k,
					customers,
					retention,
					revenue,
					revenue_retention,
					cum_revenue_per_customer,
					complete: r.complete,
					censored: r.censored
				});
			else if (r.__part === 'average')
				average.push({
					split,
					k,
					cohorts: r.cohorts,
					cohort_size,
					customers,
					retention,
					revenue,
					revenue_retention,
					cum_revenue_per_customer
				});
			else {
				const { rate, later_cohorts, median_rate, censored } = r;
				firstCohort = { cohort, cohort_size, rate, later_cohorts, median_rate, censored };
			}
		}
		return { rows, average, firstCohort };
	}
};
