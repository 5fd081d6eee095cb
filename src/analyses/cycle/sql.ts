/**
 * Purchase cycle (DESIGN.md §4).
 *
 * Method: a customer's purchase days are the distinct order_date values of their purchase orders
 * in scope (several orders on one day are one purchase occasion, so gaps are ≥ 1 day). Gaps = days
 * between consecutive purchase days. Repeat customers have ≥ 2 purchase days; customers with one
 * purchase day are counted as one_time_customers and excluded.
 * - Distribution: p25 / median / p75 of all gaps (quantile type 7, DuckDB quantile_cont). The
 *   histogram uses bins [k·w, (k+1)·w) up to the bin holding cap = quantile(capPercentile) of the
 *   gaps, then one overflow bin [K·w, ∞) with K = floor(cap / w) + 1. Bin width w = binDays, or
 *   automatically 7 days if cap ≤ 180 (at most 26 weekly bins), 30 if cap ≤ 1095, else 91.
 * - Per repeat customer: typical_gap = median of own gaps; expected_next = last purchase day +
 *   round(typical_gap) days (halves up); days_overdue = asOf − expected_next (negative = not yet due).
 * - Due for repurchase: asOf − grace ≤ expected_next ≤ asOf + horizonDays, grace = graceDays or
 *   the customer's own rounded typical gap, and the customer is not churned; sorted by
 *   expected_next, then customer_id. The summary counts them; the dashboard fetches the first
 *   DUE_PREVIEW_ROWS and the whole list on export (at 10 M lines it has hundreds of thousands of
 *   rows, too many to carry to the page unasked).
 * - Churned (issue 16 item 6): the customer's lifecycle stage at asOf is 'churned' (no purchase for
 *   more than the lifecycle section's churn threshold), read from settings.stageSql — the
 *   registry's derived field 'lifecycle_stage' with the lifecycle section's current thresholds,
 *   filled in by the manifest's prepare. Such a customer belongs to the win-back list, not to the
 *   due list: the summary counts those left out (churned_left_out: in the due window but churned).
 *   Without stageSql (null) no stage is known and no one is left out.
 * Ties: gaps are whole days; median ties average the two middle gaps. Customers are ordered by id.
 */
import { ident, sql, type Sql } from '../../core/sql';
import { withIntermediate } from '../work-tables';
import { intermediateOf } from '../../core/intermediate';
import { scopeCtes, type Scope } from '../../core/scope';
import type { AnalysisDef, QueryFn, RunOptions } from '../../core/analysis';

export interface CycleSettings {
	/** Histogram bin width in days, or null to choose 7 / 30 / 91 from the data. */
	binDays: number | null;
	/** Percentile (0–1] of the gaps beyond which gaps go to the overflow bin. */
	capPercentile: number;
	/** Days after asOf within which an expected purchase counts as due. */
	horizonDays: number;
	/** Days before asOf an expected purchase may lie and still be due; null = own typical gap. */
	graceDays: number | null;
	/**
	 * (customer_id, value) statement of each customer's lifecycle stage (the derived field
	 * 'lifecycle_stage', filled in by the manifest's prepare); 'churned' ones are not due. Null: no
	 * stage known, no one left out.
	 */
	stageSql: Sql | null;
}

export const defaultCycleSettings: CycleSettings = {
	binDays: null,
	capPercentile: 0.95,
	horizonDays: 30,
	graceDays: null,
	stageSql: null
};

export interface CycleSummary {
	repeat_customers: number;
	one_time_customers: number;
	gaps: number;
	p25_gap: number | null;
	median_gap: number | null;
	p75_gap: number | null;
	/** The capPercentile quantile of the gaps (null without gaps). */
	cap_days: number | null;
	bin_days: number;
	/** Customers due for repurchase (the length of the whole due list; counted by run()). */
	due_customers: number;
	/** Customers in the due window left out because their lifecycle stage is 'churned'. */
	churned_left_out: number;
}

/** How many rows of the due list the dashboard shows (the download has them all). */
export const DUE_PREVIEW_ROWS = 100;

export interface CycleBinRow {
	bin_start: number;
	/** Exclusive end; null for the overflow bin. */
	bin_end: number | null;
	gaps: number;
	share: number;
	is_overflow: boolean;
}

export interface CycleCustomerRow {
	customer_id: string;
	purchase_days: number;
	gaps: number;
	typical_gap: number;
	last_purchase: string;
	expected_next: string;
	days_overdue: number;
	/** Lifecycle stage 'churned' at asOf (false without settings.stageSql). */
	churned: boolean;
	due: boolean;
}

export interface CycleResult {
	summary: CycleSummary;
	histogram: CycleBinRow[];
	/** Null when run with customerLists: false (the dashboard does not show it). */
	customers: CycleCustomerRow[] | null;
	/** The whole due list; null when run with customerLists: false (fetched on export). */
	due: CycleCustomerRow[] | null;
	/** The first DUE_PREVIEW_ROWS rows of the due list, in its order. */
	due_preview: CycleCustomerRow[];
}

/** Throws on settings out of range (also for due-status.ts). */
export function checkSettings(s: CycleSettings): void {
	const wholeOrNull = (x: number | null, min: number) =>
		x === null || (Number.isInteger(x) && x >= min);
	if (!wholeOrNull(s.binDays, 1)) throw new Error('cycle: binDays must be a whole number ≥ 1');
	if (!(s.capPercentile > 0 && s.capPercentile <= 1)) {
		throw new Error('cycle: capPercentile must be in (0, 1]');
	}
	if (!wholeOrNull(s.horizonDays, 0) || !wholeOrNull(s.graceDays, 0)) {
		throw new Error('cycle: horizonDays and graceDays must be whole numbers ≥ 0');
	}
}

/** `customer_stage` (customer_id, value): the lifecycle stages, or none without a statement. */
function stageCtes(stageSql: Sql | null): Sql {
	return stageSql
		? sql`customer_stage AS (\n${stageSql}\n),`
		: sql`customer_stage AS (\n\tSELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS VARCHAR) AS value\n\tWHERE false\n),`;
}

/** customer_cycle … customer_window: each repeat customer's typical gap, stage and due window. */
function perCustomerCtes(scope: Scope, s: CycleSettings): Sql {
	const asOf = sql`CAST(${scope.asOf} AS DATE)`;
	const grace = s.graceDays === null ? sql`gap_days` : sql`${s.graceDays}`;
	return sql`customer_cycle AS (
	SELECT
		b.customer_id,
		CAST(b.purchase_days AS INTEGER) AS purchase_days,
		CAST(count(*) AS INTEGER) AS gaps,
		CAST(median(g.gap) AS DOUBLE) AS typical_gap,
		CAST(b.last_purchase AS DATE) AS last_purchase
	FROM buyers b
	JOIN gaps g USING (customer_id)
	GROUP BY b.customer_id, b.purchase_days, b.last_purchase
),
customer_expected AS (
	SELECT
		*,
		CAST(floor(typical_gap + 0.5) AS INTEGER) AS gap_days,
		CAST(last_purchase + CAST(floor(typical_gap + 0.5) AS INTEGER) AS DATE) AS expected_next
	FROM customer_cycle
),
${stageCtes(s.stageSql)}
customer_window AS (
	SELECT
		e.customer_id,
		e.purchase_days,
		e.gaps,
		e.typical_gap,
		e.last_purchase,
		e.expected_next,
		CAST(date_diff('day', e.expected_next, ${asOf}) AS INTEGER) AS days_overdue,
		coalesce(st.value = 'churned', false) AS churned,
		e.expected_next >= ${asOf} - CAST(${grace} AS INTEGER)
			AND e.expected_next <= ${asOf} + CAST(${s.horizonDays} AS INTEGER) AS in_window
	FROM customer_expected e
	LEFT JOIN customer_stage st USING (customer_id)
),
`;
}

/**
 * The section's CTEs, through customer_due (also for due-status.ts). `stored`: a table holding
 * `customer_window` (perCustomerCtes' rows, stored by cycleAnalysis.run) — the per-customer part,
 * a median per customer and the lifecycle stage, computed once by a run instead of by each of its
 * statements.
 */
export function cycleCtes(scope: Scope, s: CycleSettings, stored: string | null = null): Sql {
	const width =
		s.binDays === null
			? sql`CASE WHEN cap_days IS NULL OR cap_days <= 180 THEN 7 WHEN cap_days <= 1095 THEN 30 ELSE 91 END`
			: sql`${s.binDays}`;
	return sql`WITH ${scopeCtes(scope)},
purchase_days AS (
	SELECT customer_id, order_date AS day
	FROM scoped_purchase_days
),
day_gaps AS (
	SELECT customer_id, CAST(date_diff('day', prev_date, order_date) AS INTEGER) AS gap
	FROM scoped_purchase_days
),
gaps AS (
	SELECT customer_id, gap FROM day_gaps WHERE gap IS NOT NULL
),
buyers AS (
	SELECT customer_id, count(*) AS purchase_days, max(day) AS last_purchase
	FROM purchase_days
	GROUP BY customer_id
),
gap_stats AS (
	SELECT
		count(*) AS gaps,
		quantile_cont(gap, 0.25) AS p25_gap,
		quantile_cont(gap, 0.5) AS median_gap,
		quantile_cont(gap, 0.75) AS p75_gap,
		quantile_cont(gap, CAST(${s.capPercentile} AS DOUBLE)) AS cap_days
	FROM gaps
),
bin_width AS (
	SELECT
		*,
		CAST(${width} AS INTEGER) AS bin_days,
		CAST(floor(cap_days / CAST(${width} AS INTEGER)) AS INTEGER) + 1 AS regular_bins
	FROM gap_stats
),
${
	stored
		? sql`customer_window AS (SELECT * FROM ${ident(stored)}),
`
		: perCustomerCtes(scope, s)
}customer_due AS (
	SELECT * EXCLUDE (in_window), in_window AND NOT churned AS due
	FROM customer_window
)`;
}

/** The purchase-cycle queries: summary, gap histogram, repeat customers, due list. */
export function buildCycleQueries(
	scope: Scope,
	settings: CycleSettings,
	stored: string | null = null
): Record<Exclude<keyof CycleResult, 'due_preview'>, Sql> {
	checkSettings(settings);
	const ctes = cycleCtes(scope, settings, stored);
	return {
		summary: sql`${ctes}
SELECT
	CAST((SELECT count(*) FROM buyers WHERE purchase_days >= 2) AS INTEGER) AS repeat_customers,
	CAST((SELECT count(*) FROM buyers WHERE purchase_days = 1) AS INTEGER) AS one_time_customers,
	CAST(gaps AS INTEGER) AS gaps,
	CAST(p25_gap AS DOUBLE) AS p25_gap,
	CAST(median_gap AS DOUBLE) AS median_gap,
	CAST(p75_gap AS DOUBLE) AS p75_gap,
	CAST(cap_days AS DOUBLE) AS cap_days,
	bin_days,
	CAST((SELECT count(*) FROM customer_window WHERE in_window AND churned) AS INTEGER) AS churned_left_out
FROM bin_width
ORDER BY gaps`,
		histogram: sql`${ctes},
bins AS (
	SELECT unnest(range(0, regular_bins + 1)) AS bin, bin_days, regular_bins, gaps AS total
	FROM bin_width
	WHERE gaps > 0
),
gap_bins AS (
	SELECT least(g.gap // w.bin_days, w.regular_bins) AS bin, count(*) AS gaps
	FROM gaps g
	CROSS JOIN bin_width w
	GROUP BY 1
)
SELECT
	CAST(b.bin * b.bin_days AS INTEGER) AS bin_start,
	CAST(CASE WHEN b.bin < b.regular_bins THEN (b.bin + 1) * b.bin_days END AS INTEGER) AS bin_end,
	CAST(coalesce(g.gaps, 0) AS INTEGER) AS gaps,
	CAST(coalesce(g.gaps, 0) / b.total AS DOUBLE) AS share,
	b.bin = b.regular_bins AS is_overflow
FROM bins b
LEFT JOIN gap_bins g USING (bin)
ORDER BY bin_start`,
		customers: sql`${ctes}
SELECT *
FROM customer_due
ORDER BY customer_id`,
		due: sql`${ctes}
SELECT *
FROM customer_due
WHERE due
ORDER BY expected_next, customer_id`
	};
}

/** The first DUE_PREVIEW_ROWS rows of the due list, each with `due_total`, the whole list's length. */
export function buildCycleDuePreviewQuery(
	scope: Scope,
	settings: CycleSettings,
	stored: string | null = null
): Sql {
	checkSettings(settings);
	return sql`${cycleCtes(scope, settings, stored)}
SELECT *, CAST(count(*) OVER () AS INTEGER) AS due_total
FROM customer_due
WHERE due
ORDER BY expected_next, customer_id
LIMIT ${DUE_PREVIEW_ROWS}`;
}

export const cycleAnalysis: AnalysisDef<CycleSettings, CycleResult> = {
	id: 'cycle',
	queries: buildCycleQueries,
	async run(query, scope, settings, options) {
		checkSettings(settings);
		// The per-customer part (a median of each customer's gaps, the lifecycle stage) once per
		// run, in a table its statements read: the summary and the due list each computed it
		// again (issue 22). "Open in notebook" gets the self-contained statements: the same rows.
		const plain = sql`${cycleCtes(scope, settings)}\nSELECT * FROM customer_window`;
		const window = intermediateOf('customer_window', plain, plain);
		return withIntermediate(query, window, undefined, '__cycle_', (stored) =>
			runOver(query, scope, settings, options, stored)
		);
	}
};

/** The run's statements over the stored per-customer rows (table `stored`). */
async function runOver(
	query: QueryFn,
	scope: Scope,
	settings: CycleSettings,
	options: RunOptions | undefined,
	stored: string
): Promise<CycleResult> {
	const q = buildCycleQueries(scope, settings, stored);
	const [row] = await query<Omit<CycleSummary, 'due_customers'>>(q.summary);
	if (!row) throw new Error('cycle: the summary query returned no row');
	const { churned_left_out: churnedLeftOut, ...summary } = row;
	const lists = options?.customerLists !== false;
	const due = lists ? await query<CycleCustomerRow>(q.due) : null;
	let preview = due?.slice(0, DUE_PREVIEW_ROWS);
	let dueCustomers = due?.length ?? 0;
	if (!preview) {
		// The first rows and, on each, the length of the whole list (a window over the due rows).
		const rows = await query<CycleCustomerRow & { due_total: number }>(
			buildCycleDuePreviewQuery(scope, settings, stored)
		);
		dueCustomers = rows[0]?.due_total ?? 0;
		preview = rows.map(({ due_total: _, ...row }) => row);
	}
	return {
		// In CycleSummary's order: the due count, then the churned customers it left out.
		summary: { ...summary, due_customers: dueCustomers, churned_left_out: churnedLeftOut },
		histogram: await query<CycleBinRow>(q.histogram),
		customers: lists ? await query<CycleCustomerRow>(q.customers) : null,
		due,
		due_preview: preview
	};
}
