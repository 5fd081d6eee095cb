// The feedback analysis' CTEs (definitions in sql.ts): the responses in scope with their scale
// and group, the other analyses' fields joined to them, and the complaint themes they match.
import { ident, raw, sql, type Sql } from '../../core/sql';
import { scopeCtes, type Scope } from '../../core/scope';
import { FEEDBACK_TABLE } from '../../core/canonical-feedback';
import { themeKeywords, type FeedbackSettings } from './settings';

/** The loaded responses, or none (typed) when no feedback file is loaded: no table is read. */
function sourceCte(s: FeedbackSettings): Sql {
	const body = s.hasFeedback
		? sql`SELECT row_no, source_file, customer_id, response_date, score, comment
	FROM ${ident(FEEDBACK_TABLE)}`
		: sql`SELECT
		CAST(NULL AS INTEGER) AS row_no,
		CAST(NULL AS VARCHAR) AS source_file,
		CAST(NULL AS VARCHAR) AS customer_id,
		CAST(NULL AS DATE) AS response_date,
		CAST(NULL AS DOUBLE) AS score,
		CAST(NULL AS VARCHAR) AS comment
	WHERE false`;
	return sql`fb_source AS (
	${body}
)`;
}

/** Which responses are in scope: dated before the as-of date and in the range, or undated. */
function scopedWhere(scope: Scope): Sql {
	const conds: Sql[] = [sql`f.response_date < CAST(${scope.asOf} AS DATE)`];
	if (scope.from) conds.push(sql`f.response_date >= CAST(${scope.from} AS DATE)`);
	if (scope.to) conds.push(sql`f.response_date <= CAST(${scope.to} AS DATE)`);
	const dated = conds.reduce((acc, c) => sql`${acc} AND ${c}`);
	// A dimension filter selects customers: only responses of customers it keeps.
	const filtered =
		scope.filter && scope.filter.values.length > 0
			? sql` AND f.customer_id IN (SELECT customer_id FROM scoped_customers)`
			: sql``;
	return sql`(f.response_date IS NULL OR (${dated}))${filtered}`;
}

/**
 * Through `fb_responses`: every response in scope with `scale`, `scored` (a score inside the
 * scale), `grp` ('promoter' | 'passive' | 'detractor', NULL unscored), `v` (the score's value in
 * the mean: +1 / 0 / −1 on NPS, 1 / 0 on CSAT, NULL unscored) and `matched` (a customer in scope).
 */
export function responseCtes(scope: Scope, s: FeedbackSettings): Sql {
	const boxes = sql`CAST(${s.csatBoxes} AS INTEGER)`;
	return sql`WITH ${scopeCtes(scope)},
${sourceCte(s)},
fb_scale AS (
	SELECT
		CASE
			WHEN ${s.scale} <> 'auto' THEN ${s.scale}
			WHEN min(score) >= 1 AND max(score) <= 5 THEN 'csat5'
			ELSE 'nps'
		END AS scale,
		${s.scale} = 'auto' AS detected,
		CASE WHEN min(score) >= 1 AND max(score) <= 5 THEN 'csat5' ELSE 'nps' END AS detected_scale,
		CAST(min(score) AS DOUBLE) AS min_score,
		CAST(max(score) AS DOUBLE) AS max_score
	FROM fb_source
	WHERE score IS NOT NULL
),
fb_bounds AS (
	SELECT
		*,
		CASE scale WHEN 'nps' THEN 0 ELSE 1 END AS lo,
		CASE scale WHEN 'csat5' THEN 5 ELSE 10 END AS hi,
		CASE scale WHEN 'nps' THEN 9 WHEN 'csat5' THEN 6 - ${boxes} ELSE 11 - ${boxes} END AS top,
		CASE scale WHEN 'nps' THEN 6 ELSE ${boxes} END AS bottom
	FROM fb_scale
),
fb_scoped AS (
	SELECT f.*, row_number() OVER (ORDER BY f.source_file, f.row_no) AS response_id
	FROM fb_source f
	WHERE ${scopedWhere(scope)}
),
fb_scored AS (
	SELECT
		f.*,
		b.scale,
		coalesce(f.score >= b.lo AND f.score <= b.hi, false) AS scored,
		sc.customer_id IS NOT NULL AS matched,
		b.top,
		b.bottom
	FROM fb_scoped f
	CROSS JOIN fb_bounds b
	LEFT JOIN scoped_customers sc ON sc.customer_id = f.customer_id
),
fb_responses AS (
	SELECT
		* EXCLUDE (top, bottom),
		CASE
			WHEN NOT scored THEN NULL
			WHEN score >= top THEN 'promoter'
			WHEN score <= bottom THEN 'detractor'
			ELSE 'passive'
		END AS grp,
		CAST(CASE
			WHEN NOT scored THEN NULL
			WHEN score >= top THEN 1
			WHEN score <= bottom AND scale = 'nps' THEN -1
			ELSE 0
		END AS DOUBLE) AS v
	FROM fb_scored
)`;
}

/**
 * The score of a group of fb_responses rows: n, the three groups' counts, the score (the mean of
 * v, × 100), its standard error sqrt((mean(v²) − mean(v)²) / n) × 100 — on NPS that is
 * sqrt((p + d − (p − d)²) / n) — and the 95 % interval score ± 1.96 SE, kept inside the scale.
 */
export function scoreColumns(smallN: number): Sql {
	return sql`CAST(count(v) AS INTEGER) AS n,
	CAST(count(*) FILTER (WHERE grp = 'promoter') AS INTEGER) AS promoters,
	CAST(count(*) FILTER (WHERE grp = 'passive') AS INTEGER) AS passives,
	CAST(count(*) FILTER (WHERE grp = 'detractor') AS INTEGER) AS detractors,
	CAST(avg(v) * 100 AS DOUBLE) AS score,
	CAST(CASE WHEN count(v) > 0 THEN sqrt(greatest(avg(v * v) - avg(v) * avg(v), 0) / count(v)) * 100 END AS DOUBLE) AS se,
	CAST(CASE WHEN count(v) > 0 THEN greatest(
		avg(v) * 100 - 1.96 * sqrt(greatest(avg(v * v) - avg(v) * avg(v), 0) / count(v)) * 100,
		CASE WHEN any_value(scale) = 'nps' THEN -100 ELSE 0 END
	) END AS DOUBLE) AS low,
	CAST(CASE WHEN count(v) > 0 THEN least(
		avg(v) * 100 + 1.96 * sqrt(greatest(avg(v * v) - avg(v) * avg(v), 0) / count(v)) * 100,
		100
	) END AS DOUBLE) AS high,
	count(v) < ${smallN} AS small`;
}

/** A field's (customer_id, value) statement as a CTE, or none (typed) without one. */
function fieldCte(name: string, q: Sql | null): Sql {
	const body =
		q ??
		sql`SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS VARCHAR) AS value WHERE false`;
	return sql`${raw(name)} AS (
${body}
)`;
}

/**
 * After responseCtes: `fb_dims`, each response with its customer's RFM segment, lifecycle stage
 * (at the as-of date) and ABC tier — NULL where the response matched no customer in scope or the
 * customer has no value.
 */
export function dimensionCtes(s: FeedbackSettings): Sql {
	// Without responses the fields would be computed for nothing (RFM, stages and tiers over every
	// customer, on each run of the dashboard): none are read.
	const field = (q: Sql | null) => (s.hasFeedback ? q : null);
	return sql`${fieldCte('fb_segment', field(s.segmentSql))},
${fieldCte('fb_stage', field(s.stageSql))},
${fieldCte('fb_tier', field(s.tierSql))},
fb_dims AS (
	SELECT r.*, seg.value AS rfm_segment, st.value AS lifecycle_stage, ti.value AS abc_tier
	FROM fb_responses r
	LEFT JOIN fb_segment seg ON r.matched AND seg.customer_id = r.customer_id
	LEFT JOIN fb_stage st ON r.matched AND st.customer_id = r.customer_id
	LEFT JOIN fb_tier ti ON r.matched AND ti.customer_id = r.customer_id
)`;
}

/**
 * After responseCtes: `fb_latest`, each matched customer's latest scored response (latest date,
 * undated ones before every dated one, then file and line) and `responses`, their responses in
 * scope.
 */
export function latestCtes(): Sql {
	return sql`fb_customer_responses AS (
	SELECT
		*,
		row_number() OVER (
			PARTITION BY customer_id
			ORDER BY scored DESC, response_date DESC NULLS LAST, source_file DESC, row_no DESC
		) AS recency,
		CAST(count(*) OVER (PARTITION BY customer_id) AS INTEGER) AS responses
	FROM fb_responses
	WHERE matched
),
fb_latest AS (
	SELECT * EXCLUDE (recency)
	FROM fb_customer_responses
	WHERE recency = 1
)`;
}

/**
 * After responseCtes: `fb_keywords` (theme_pos, theme, keyword), `fb_comments` (responses with a
 * comment, `lc` its lower case) and `fb_matches`, one row per (response, theme) whose keywords the
 * comment contains — once per theme however many of its keywords it holds. Keywords are
 * parameters, never SQL text.
 */
export function themeCtes(s: FeedbackSettings): Sql {
	const rows = themeKeywords(s.themes).map(
		([pos, theme, keyword]) => sql`(${pos}, ${theme}, ${keyword})`
	);
	const keywords =
		rows.length > 0
			? sql`SELECT CAST(theme_pos AS INTEGER) AS theme_pos, CAST(theme AS VARCHAR) AS theme,
		lower(CAST(keyword AS VARCHAR)) AS keyword
	FROM (VALUES ${rows}) t(theme_pos, theme, keyword)`
			: sql`SELECT CAST(NULL AS INTEGER) AS theme_pos, CAST(NULL AS VARCHAR) AS theme,
		CAST(NULL AS VARCHAR) AS keyword
	WHERE false`;
	return sql`fb_keywords AS (
	${keywords}
),
fb_comments AS (
	SELECT *, lower(comment) AS lc
	FROM fb_responses
	WHERE comment IS NOT NULL AND trim(comment) <> ''
),
fb_matches AS (
	SELECT DISTINCT c.response_id, k.theme_pos, k.theme
	FROM fb_comments c
	JOIN fb_keywords k ON contains(c.lc, k.keyword)
)`;
}
