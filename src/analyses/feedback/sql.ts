/**
 * Customer feedback: NPS / CSAT, joined to the customer analytics, and complaint themes (issue 21).
 *
 * Input: the `feedback` table (core/canonical-feedback.ts), one row per response. Without a
 * feedback file (settings.hasFeedback false, from the loaded data) every statement reads an empty
 * typed set instead of the table, so nothing refers to a table that is not there.
 *
 * Responses in scope: dated before the as-of date and inside the date range, plus the undated
 * ones (they cannot be placed in time: kept in every figure but the monthly trends, and counted).
 * With a dimension filter only responses of customers it keeps are in scope (an anonymous response
 * belongs to no filtered group). A response is *matched* when its customer id is a customer in
 * scope; anonymous (no id) and unmatched (an id with no customer in scope) responses count in the
 * totals, and are shown as "not matched" by segment, stage and tier.
 *
 * Scale: the setting, or 'auto': CSAT 1–5 when every loaded score lies in 1–5, else NPS 0–10 (a
 * 1–10 scale reads as NPS unless the user picks CSAT 1–10; the detection looks at all loaded
 * responses, so a date range does not flip it). A score outside the scale (or none) is not scored:
 * counted apart, its comment still read for the themes.
 * - NPS: promoters score ≥ 9, detractors ≤ 6, passives between (fractional scores fall where
 *   they lie). NPS = (p − d) × 100, p and d the shares of the n scored responses. Each response's
 *   value v is +1 / 0 / −1, NPS is 100 × mean(v), and its variance (p + d − (p − d)²) / n is that
 *   of mean(v): SE = 100 × sqrt((p + d − (p − d)²) / n). At n = 100 with shares ½ / ⅓ / ⅙,
 *   NPS = 33.3 and SE = 100 × sqrt((2/3 − 1/9) / 100) = 7.45.
 * - CSAT: the share of the top boxes (settings.csatBoxes, 2: 4–5 of 1–5, 9–10 of 1–10) × 100, v =
 *   1 / 0, SE = 100 × sqrt(s(1 − s) / n) (the same formula). The groups are then satisfied (top
 *   boxes, as promoters), dissatisfied (as many bottom boxes: 1–2, as detractors) and neutral.
 * - Interval: score ± 1.96 SE (normal approximation), cut to the scale (−100 / 0 … 100); with few
 *   responses it is rough, so months and groups with n < settings.smallN are flagged.
 * - Monthly: by calendar month of response_date. By dimension: the customer's RFM segment,
 *   lifecycle stage and ABC tier from the registry's derived fields with their owners' current
 *   settings (filled in by the manifest's prepare), all as of the as-of date.
 * - Churn of detractors vs promoters: matched customers grouped by their latest scored response
 *   (latest date, undated before dated, then file and line); churn rate = share whose lifecycle
 *   stage at the as-of date is 'churned'. The stage is read at the as-of date, i.e. after the
 *   survey for most responses: it shows who left after saying what, not the cause.
 * - nps_group (derived field): every customer in scope gets the group of their latest scored
 *   response, or 'none' (no scored response in scope), so audiences and the breakdown can pick
 *   "detractors among our best customers".
 *
 * Complaint themes (themes-sql.ts): each theme has keywords; a comment matches a theme when its
 * lower case contains one of the theme's keywords in lower case (DuckDB `contains`: a substring,
 * so Chinese needs no word segmentation, and 'size' also matches 'sizes' — and 'oversized').
 * Keywords are SQL parameters, never SQL text. A comment counts once per theme however many of
 * its keywords it holds, and once in every theme it matches. Per theme: comments, share of all
 * comments, share of detractors among its scored responses, monthly counts and up to three
 * example comments (detractors first, then the latest). Comments matching no theme are listed for
 * review (the latest first); frequent terms among them suggest new themes: English words of three
 * letters or more minus stop words, and Chinese character bigrams minus those holding a particle
 * (的, 了, 是, …), counted once per comment, at least two comments, the top 30. Lists show a
 * comment's first COMMENT_PREVIEW characters (its full length beside it); the export has it whole.
 */
import { sql, type Sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import type { AnalysisDef } from '../../core/analysis';
import { checkFeedbackSettings, type FeedbackSettings } from './settings';
import { dimensionCtes, latestCtes, responseCtes, scoreColumns, themeCtes } from './ctes';
import { buildThemeQueries } from './themes-sql';
import type {
	FeedbackChurnRow,
	FeedbackCommentRow,
	FeedbackDimensionRow,
	FeedbackExampleRow,
	FeedbackMonthRow,
	FeedbackResult,
	FeedbackSummary,
	FeedbackTermRow,
	FeedbackThemeMonthRow,
	FeedbackThemeRow
} from './result';

export { defaultFeedbackSettings, type FeedbackSettings } from './settings';
export type { FeedbackResult } from './result';

/** The score queries: summary, monthly, by dimension, churn by group, per-customer export. */
function buildScoreQueries(scope: Scope, s: FeedbackSettings) {
	const base = responseCtes(scope, s);
	const scores = scoreColumns(s.smallN);
	const dimValue = (column: string) =>
		sql`CASE WHEN NOT matched THEN '__unmatched' ELSE coalesce(${columnRef(column)}, '__none') END`;
	return {
		summary: sql`${base},
fb_counts AS (
	SELECT
		CAST(count(*) AS INTEGER) AS responses,
		CAST((SELECT count(*) FROM fb_source) - count(*) AS INTEGER) AS outside_scope,
		CAST(count(*) FILTER (WHERE score IS NULL) AS INTEGER) AS no_score,
		CAST(count(*) FILTER (WHERE score IS NOT NULL AND NOT scored) AS INTEGER) AS out_of_range,
		CAST(count(*) FILTER (WHERE response_date IS NULL) AS INTEGER) AS undated,
		CAST(count(*) FILTER (WHERE customer_id IS NULL) AS INTEGER) AS anonymous,
		CAST(count(*) FILTER (WHERE customer_id IS NOT NULL AND NOT matched) AS INTEGER) AS unmatched,
		CAST(count(*) FILTER (WHERE trim(comment) <> '') AS INTEGER) AS comments,
		${scores}
	FROM fb_responses
)
SELECT
	b.scale,
	b.detected,
	b.detected_scale,
	b.min_score,
	b.max_score,
	CAST(b.top AS DOUBLE) AS top,
	CAST(b.bottom AS DOUBLE) AS bottom,
	c.*
FROM fb_bounds b
CROSS JOIN fb_counts c`,
		monthly: sql`${base}
SELECT
	CAST(date_trunc('month', response_date) AS DATE) AS month,
	CAST(count(*) AS INTEGER) AS responses,
	${scores}
FROM fb_responses
WHERE response_date IS NOT NULL
GROUP BY 1
ORDER BY 1`,
		by_dimension: sql`${base},
${dimensionCtes(s)},
fb_dim_values AS (
	SELECT 1 AS dim_pos, 'rfm_segment' AS dimension, ${dimValue('rfm_segment')} AS value, grp, v, scale
	FROM fb_dims
	UNION ALL
	SELECT 2, 'lifecycle_stage', ${dimValue('lifecycle_stage')}, grp, v, scale
	FROM fb_dims
	UNION ALL
	SELECT 3, 'abc_tier', ${dimValue('abc_tier')}, grp, v, scale
	FROM fb_dims
)
SELECT dimension, value, CAST(count(*) AS INTEGER) AS responses, ${scores}
FROM fb_dim_values
GROUP BY dim_pos, dimension, value
ORDER BY dim_pos, value = '__unmatched', value = '__none', n DESC, value`,
		churn: sql`${base},
${dimensionCtes(s)},
${latestCtes()},
fb_group_order AS (
	SELECT * FROM (VALUES (1, 'promoter'), (2, 'passive'), (3, 'detractor')) t(pos, grp)
),
fb_group_churn AS (
	SELECT
		l.grp,
		count(*) AS customers,
		count(*) FILTER (WHERE st.value = 'churned') AS churned
	FROM fb_latest l
	LEFT JOIN fb_stage st USING (customer_id)
	WHERE l.scored
	GROUP BY l.grp
)
SELECT
	o.grp,
	CAST(coalesce(c.customers, 0) AS INTEGER) AS customers,
	CAST(coalesce(c.churned, 0) AS INTEGER) AS churned,
	CAST(c.churned / nullif(c.customers, 0) AS DOUBLE) AS churn_rate
FROM fb_group_order o
LEFT JOIN fb_group_churn c USING (grp)
ORDER BY o.pos`,
		customers: buildCustomersQuery(scope, s)
	};
}

/** A column of fb_dims by name (one of the three fields; our constants, never user input). */
function columnRef(column: string): Sql {
	if (column === 'rfm_segment') return sql`rfm_segment`;
	if (column === 'lifecycle_stage') return sql`lifecycle_stage`;
	return sql`abc_tier`;
}

/**
 * The per-customer export: every matched customer with a response in scope, their responses, the
 * latest scored response (date, score, group, themes, comment in full) and their RFM segment,
 * lifecycle stage and ABC tier; detractors first, then passives, promoters, customers with no
 * scored response; then by ABC tier and id — the follow-up list.
 */
export function buildCustomersQuery(scope: Scope, s: FeedbackSettings): Sql {
	return sql`${responseCtes(scope, s)},
${dimensionCtes(s)},
${latestCtes()},
${themeCtes(s)},
fb_response_themes AS (
	SELECT response_id, string_agg(theme, '; ' ORDER BY theme_pos) AS themes
	FROM fb_matches
	GROUP BY response_id
)
SELECT
	l.customer_id,
	l.responses,
	l.response_date AS latest_date,
	l.score AS latest_score,
	coalesce(l.grp, 'none') AS nps_group,
	seg.value AS rfm_segment,
	st.value AS lifecycle_stage,
	ti.value AS abc_tier,
	th.themes,
	l.comment
FROM fb_latest l
LEFT JOIN fb_segment seg USING (customer_id)
LEFT JOIN fb_stage st USING (customer_id)
LEFT JOIN fb_tier ti USING (customer_id)
LEFT JOIN fb_response_themes th USING (response_id)
ORDER BY
	CASE l.grp WHEN 'detractor' THEN 1 WHEN 'passive' THEN 2 WHEN 'promoter' THEN 3 ELSE 4 END,
	ti.value NULLS LAST,
	l.customer_id`;
}

/**
 * The derived field nps_group: (customer_id, value) for every customer in scope, the group of the
 * latest scored response or 'none'.
 */
export function buildNpsGroupSql(scope: Scope, s: FeedbackSettings): Sql {
	checkFeedbackSettings(s);
	return sql`${responseCtes(scope, s)},
${latestCtes()}
SELECT sc.customer_id, CAST(coalesce(l.grp, 'none') AS VARCHAR) AS value
FROM scoped_customers sc
LEFT JOIN fb_latest l USING (customer_id)
ORDER BY sc.customer_id`;
}

/** Every named query of the feedback analysis. */
export function buildFeedbackQueries(scope: Scope, settings: FeedbackSettings) {
	checkFeedbackSettings(settings);
	return { ...buildScoreQueries(scope, settings), ...buildThemeQueries(scope, settings) };
}

/** The lists of a result without responses. */
const EMPTY_LISTS: Omit<FeedbackResult, 'loaded' | 'stagesKnown' | 'summary'> = {
	monthly: [],
	by_dimension: [],
	churn: [],
	themes: [],
	theme_monthly: [],
	theme_examples: [],
	uncategorised: [],
	uncategorised_total: 0,
	terms: []
};

export const feedbackAnalysis: AnalysisDef<FeedbackSettings, FeedbackResult> = {
	id: 'feedback',
	queries: buildFeedbackQueries,
	async run(query, scope, settings) {
		const q = buildFeedbackQueries(scope, settings);
		const [summary] = await query<FeedbackSummary>(q.summary);
		if (!summary) throw new Error('feedback: the summary query returned no row');
		const base = { loaded: settings.hasFeedback, stagesKnown: settings.stageSql !== null, summary };
		// No response in scope (no feedback file, most often): every list is empty, and the
		// dashboard need not plan nine statements (about 0.2 s each) to learn it.
		if (summary.responses === 0) {
			return { ...base, ...EMPTY_LISTS };
		}
		const uncategorised = await query<FeedbackCommentRow & { total: number }>(q.uncategorised);
		return {
			...base,
			monthly: await query<FeedbackMonthRow>(q.monthly),
			by_dimension: await query<FeedbackDimensionRow>(q.by_dimension),
			churn: await query<FeedbackChurnRow>(q.churn),
			themes: await query<FeedbackThemeRow>(q.themes),
			theme_monthly: await query<FeedbackThemeMonthRow>(q.theme_monthly),
			theme_examples: await query<FeedbackExampleRow>(q.theme_examples),
			uncategorised: uncategorised.map(({ total: _, ...row }) => row),
			uncategorised_total: uncategorised[0]?.total ?? 0,
			terms: await query<FeedbackTermRow>(q.terms)
		};
	}
};
