/**
 * RFM (DESIGN.md §4).
 *
 * Method: population = scoped customers with at least one purchase order. R = recency_days (days
 * from the last purchase to as-of), F = purchase orders, M = net revenue (returns netted).
 * Scoring 'quintile' (default): with n = population size and RANK() (ties share the lowest rank),
 *   f = 1 + floor(5 × (RANK() OVER (ORDER BY frequency ASC) − 1) / n), m likewise on monetary,
 *   r = 1 + floor(5 × (RANK() OVER (ORDER BY recency_days DESC) − 1) / n), so the most recent score 5.
 * Scoring 'thresholds': four ascending cut points t1 < t2 < t3 < t4 per dimension;
 *   f, m = 1 + #{k : value ≥ t_k} (F [2, 3, 5, 10] → 1 | 2 | 3–4 | 5–9 | 10+);
 *   r = 5 − #{k : recency_days ≥ t_k} (days, smaller is better: < t1 → 5, ≥ t4 → 1).
 * Segments: the chosen map's rules (rfm-presets.ts), first match wins, else 'others'.
 * Preset 'rfm-package' reproduces R rfm 0.3.0 as a whole and ignores `scoring`: F = the file's
 *   purchase rows (the package's transaction_count counts rows): the customer's purchase orders
 *   when order ids are mapped, else the non-return rows of their purchase orders (orders.
 *   purchase_rows: without order ids a customer's same-day rows form one order, the package
 *   counts each); R and M as above; bins from breaks b_k = quantile type 7 (DuckDB
 *   quantile_cont) at k × 20 % plus 1, bin = 1 + #{k : value ≥ b_k}; f, m = bin, r = 6 − bin.
 * Customers with orders but no purchase ("returns only") are not scored; returnsOnly counts them.
 * Ties: tied values always share a score (RANK, thresholds and breaks depend on the value only);
 *   NTILE(5) would not. Rows are ordered by customer_id; the grid by r, f; segments in map order.
 */
import { sql, raw, type Sql } from '../../core/sql';
import { returnsOnlyQuery, type ReturnsOnly, type Scope } from '../../core/scope';
import type { AnalysisDef } from '../../core/analysis';
import { withIntermediate } from '../work-tables';
import { rfmCtes, scoredIntermediate } from './ctes';
import { segmentKeys, type RfmSegment, type RfmSegmentMap } from './presets';

export * from './presets';

export type RfmScoring = 'quintile' | 'thresholds';

/** Four ascending cut points per dimension (R in days, F in orders, M in currency). */
export interface RfmThresholds {
	recency: readonly number[];
	frequency: readonly number[];
	monetary: readonly number[];
}

export interface RfmSettings {
	scoring: RfmScoring;
	/** Used when scoring = 'thresholds'. */
	thresholds: RfmThresholds;
	segmentMap: RfmSegmentMap;
}

export const defaultRfmSettings: RfmSettings = {
	scoring: 'quintile',
	thresholds: {
		recency: [30, 90, 180, 365],
		frequency: [2, 3, 5, 10],
		monetary: [50, 100, 250, 500]
	},
	segmentMap: 'rf-grid'
};

/** One scored customer. recency_days in days, monetary in the data's currency. */
export interface RfmCustomerRow {
	customer_id: string;
	recency_days: number;
	frequency: number;
	monetary: number;
	r: number;
	f: number;
	m: number;
	segment: RfmSegment;
}

/** One cell of the 5×5 R×F grid; empty cells have 0 customers and avg_monetary null. */
export interface RfmGridRow {
	r: number;
	f: number;
	customers: number;
	avg_monetary: number | null;
}

/** One segment of the map (all segments, in map order; empty ones with zeros and null medians). */
export interface RfmSegmentRow {
	segment: RfmSegment;
	customers: number;
	/** Sum of frequency (purchase orders; order rows for the rfm-package preset). */
	orders: number;
	revenue: number;
	share_customers: number | null;
	share_revenue: number | null;
	/** revenue / orders */
	aov: number | null;
	median_recency: number | null;
	median_frequency: number | null;
	median_monetary: number | null;
}

export interface RfmResult {
	/** Null when run with customerLists: false (the dashboard loads it on export). */
	customers: RfmCustomerRow[] | null;
	grid: RfmGridRow[];
	segments: RfmSegmentRow[];
	/** Customers with orders but no purchase: not scored, shown apart. */
	returnsOnly: ReturnsOnly;
}

/** The RFM queries' names: the result's parts, and the customers left out (returns only). */
export type RfmQueryName = 'customers' | 'grid' | 'segments' | 'returns_only';

/**
 * The RFM queries: per-customer scores, the 5×5 R×F grid, the segment summary, and the count of
 * customers with returns only (not scored).
 */
export function buildRfmQueries(
	scope: Scope,
	settings: RfmSettings,
	stored: string | null = null
): Record<RfmQueryName, Sql> {
	const ctes = rfmCtes(scope, settings, stored);
	const order = segmentKeys(settings.segmentMap)
		.map((s, i) => `(${i + 1}, '${s}')`)
		.join(', ');
	return {
		customers: sql`${ctes}
SELECT customer_id, recency_days, frequency, monetary, r, f, m, segment
FROM rfm_segments
ORDER BY customer_id`,
		grid: sql`${ctes},
grid_cells AS (
	SELECT CAST(gr.i AS INTEGER) AS r, CAST(gf.i AS INTEGER) AS f
	FROM range(1, 6) gr(i)
	CROSS JOIN range(1, 6) gf(i)
),
cell_stats AS (
	SELECT r, f, count(*) AS customers, avg(monetary) AS avg_monetary
	FROM rfm_segments
	GROUP BY r, f
)
SELECT
	g.r,
	g.f,
	CAST(coalesce(c.customers, 0) AS INTEGER) AS customers,
	CAST(c.avg_monetary AS DOUBLE) AS avg_monetary
FROM grid_cells g
LEFT JOIN cell_stats c USING (r, f)
ORDER BY g.r, g.f`,
		segments: sql`${ctes},
segment_order AS (
	SELECT * FROM (VALUES ${raw(order)}) t(position, segment)
),
segment_stats AS (
	SELECT
		segment,
		count(*) AS customers,
		sum(frequency) AS orders,
		sum(monetary) AS revenue,
		median(recency_days) AS median_recency,
		median(frequency) AS median_frequency,
		median(monetary) AS median_monetary
	FROM rfm_segments
	GROUP BY segment
),
totals AS (
	SELECT count(*) AS customers, sum(monetary) AS revenue
	FROM rfm_segments
)
SELECT
	o.segment,
	CAST(coalesce(s.customers, 0) AS INTEGER) AS customers,
	CAST(coalesce(s.orders, 0) AS INTEGER) AS orders,
	CAST(coalesce(s.revenue, 0) AS DOUBLE) AS revenue,
	CAST(coalesce(s.customers, 0) / nullif(t.customers, 0) AS DOUBLE) AS share_customers,
	CAST(coalesce(s.revenue, 0) / nullif(t.revenue, 0) AS DOUBLE) AS share_revenue,
	CAST(s.revenue / nullif(s.orders, 0) AS DOUBLE) AS aov,
	CAST(s.median_recency AS DOUBLE) AS median_recency,
	CAST(s.median_frequency AS DOUBLE) AS median_frequency,
	CAST(s.median_monetary AS DOUBLE) AS median_monetary
FROM segment_order o
LEFT JOIN segment_stats s USING (segment)
CROSS JOIN totals t
ORDER BY o.position`,
		returns_only: returnsOnlyQuery(scope)
	};
}

export const rfmAnalysis: AnalysisDef<RfmSettings, RfmResult> = {
	id: 'rfm',
	queries: buildRfmQueries,
	async run(query, scope, settings, options) {
		// The scores once per run, in a table the grid, the segment table and the list read
		// (issue 22: each computed the same quintile windows again); with the dashboard's shared
		// tables, kept for the breakdown by segment or score. "Open in notebook" gets the
		// self-contained statements (`queries`), which give the same rows.
		const scored = scoredIntermediate(scope, settings);
		return withIntermediate(query, scored, options?.shared, '__rfm_', async (stored) => {
			const q = buildRfmQueries(scope, settings, stored);
			const customers =
				options?.customerLists === false ? null : await query<RfmCustomerRow>(q.customers);
			const grid = await query<RfmGridRow>(q.grid);
			const segments = await query<RfmSegmentRow>(q.segments);
			const [returnsOnly] = await query<ReturnsOnly>(q.returns_only);
			return {
				customers,
				grid,
				segments,
				returnsOnly: returnsOnly ?? { customers: 0, revenue: 0 }
			};
		});
	}
};
