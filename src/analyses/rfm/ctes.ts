/**
 * RFM's scoring CTEs (the definitions are in sql.ts): rfm_base, rfm_scores and rfm_segments over
 * the scope, and the intermediate a run stores rfm_segments in.
 */
import { ident, sql, raw, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';
import { intermediateOf, type Intermediate } from '../../core/intermediate';
import { segmentRules, type RfmSegmentMap } from './presets';
import type { RfmSettings } from './sql';

const DIMS = [
	{ col: 'recency_days', score: 'r', key: 'recency' },
	{ col: 'frequency', score: 'f', key: 'frequency' },
	{ col: 'monetary', score: 'm', key: 'monetary' }
] as const;

function checkThresholds(t: readonly number[], name: string): void {
	const ok =
		t.length === 4 && t.every((x, i) => Number.isFinite(x) && (i === 0 || x > (t[i - 1] ?? x)));
	if (!ok) throw new Error(`rfm: ${name} thresholds must be 4 ascending finite numbers`);
}

/** rfm_base: one row per customer with ≥ 1 purchase: recency_days, frequency, monetary. */
function baseCte(settings: RfmSettings): Sql {
	if (settings.segmentMap === 'rfm-package') {
		return sql`order_rows AS (
	SELECT customer_id, CAST(sum(purchase_rows) AS INTEGER) AS order_rows
	FROM scoped_orders
	WHERE is_purchase
	GROUP BY customer_id
),
rfm_base AS (
	SELECT
		c.customer_id,
		CAST(c.recency_days AS INTEGER) AS recency_days,
		CAST(o.order_rows AS INTEGER) AS frequency,
		CAST(c.revenue AS DOUBLE) AS monetary
	FROM scoped_customers c
	JOIN order_rows o USING (customer_id)
	WHERE c.orders >= 1
)`;
	}
	return sql`rfm_base AS (
	SELECT
		customer_id,
		CAST(recency_days AS INTEGER) AS recency_days,
		CAST(orders AS INTEGER) AS frequency,
		CAST(revenue AS DOUBLE) AS monetary
	FROM scoped_customers
	WHERE orders >= 1
)`;
}

/** rfm_scores: rfm_base plus r, f, m. */
function scoresCte(settings: RfmSettings): Sql {
	if (settings.segmentMap === 'rfm-package') {
		const breaks = DIMS.flatMap((d) =>
			[1, 2, 3, 4].map((k) => raw(`quantile_cont(${d.col}, ${k / 5}) + 1 AS ${d.score}_b${k}`))
		);
		const bin = (d: (typeof DIMS)[number]) =>
			raw(
				`(1 + ${[1, 2, 3, 4].map((k) => `CAST(s.${d.col} >= b.${d.score}_b${k} AS INTEGER)`).join(' + ')})`
			);
		return sql`rfm_breaks AS (
	SELECT
		${breaks}
	FROM rfm_base
),
rfm_scores AS (
	SELECT
		s.*,
		CAST(6 - ${bin(DIMS[0])} AS INTEGER) AS r,
		CAST(${bin(DIMS[1])} AS INTEGER) AS f,
		CAST(${bin(DIMS[2])} AS INTEGER) AS m
	FROM rfm_base s
	CROSS JOIN rfm_breaks b
)`;
	}
	if (settings.scoring === 'thresholds') {
		const count = (d: (typeof DIMS)[number]) => {
			const t = settings.thresholds[d.key];
			checkThresholds(t, d.key);
			const parts = t.map((x) => sql`CAST(${raw(d.col)} >= ${x} AS INTEGER)`);
			return parts.reduce((acc, p) => sql`${acc} + ${p}`);
		};
		return sql`rfm_scores AS (
	SELECT
		*,
		CAST(5 - (${count(DIMS[0])}) AS INTEGER) AS r,
		CAST(1 + ${count(DIMS[1])} AS INTEGER) AS f,
		CAST(1 + ${count(DIMS[2])} AS INTEGER) AS m
	FROM rfm_base
)`;
	}
	return sql`rfm_scores AS (
	SELECT
		*,
		CAST(1 + (5 * (RANK() OVER (ORDER BY recency_days DESC) - 1)) // count(*) OVER () AS INTEGER) AS r,
		CAST(1 + (5 * (RANK() OVER (ORDER BY frequency ASC) - 1)) // count(*) OVER () AS INTEGER) AS f,
		CAST(1 + (5 * (RANK() OVER (ORDER BY monetary ASC) - 1)) // count(*) OVER () AS INTEGER) AS m
	FROM rfm_base
)`;
}

/** rfm_segments: rfm_scores plus segment (rules of the map; our constants only). */
function segmentsCte(map: RfmSegmentMap): Sql {
	const range = (s: string, [lo, hi]: readonly [number, number]) => `${s} BETWEEN ${lo} AND ${hi}`;
	const whens = segmentRules(map).map(
		(x) =>
			`\t\t\tWHEN ${range('r', x.r)} AND ${range('f', x.f)} AND ${range('m', x.m)} THEN '${x.segment}'`
	);
	return sql`rfm_segments AS (
	SELECT
		*,
		CASE
${raw(whens.join('\n'))}
			ELSE 'others'
		END AS segment
	FROM rfm_scores
)`;
}

/**
 * The CTEs up to rfm_segments. With `stored`, rfm_segments reads the table holding
 * scoredIntermediate's rows (the dashboard's run: the scores once, not once per output).
 */
export function rfmCtes(scope: Scope, settings: RfmSettings, stored: string | null = null): Sql {
	if (stored) return sql`WITH rfm_segments AS (SELECT * FROM ${ident(stored)})`;
	return sql`WITH ${scopeCtes(scope)},
${baseCte(settings)},
${scoresCte(settings)},
${segmentsCte(settings.segmentMap)}`;
}

/** The CTE the readers of the scored customers select from (statementOver). */
export const SCORED = 'rfm_scored';

/**
 * `scope`'s scored customers (rfm_segments' rows) as an intermediate: a run stores it once and its
 * outputs read it, and so does the breakdown by segment or score (issue 22, item 3).
 */
export function scoredIntermediate(scope: Scope, settings: RfmSettings): Intermediate {
	const rows = (s: Scope) => sql`${rfmCtes(s, settings)}
SELECT * FROM rfm_segments`;
	return intermediateOf(SCORED, rows(scope), rows({ ...scope, materialized: false }));
}
