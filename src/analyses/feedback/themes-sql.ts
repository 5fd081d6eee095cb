// The complaint-theme queries of the feedback analysis (definitions in sql.ts): per theme, its
// monthly counts and examples, the comments matching no theme, and frequent terms among those.
import { int, raw, sql } from '../../core/sql';
import type { Scope } from '../../core/scope';
import { responseCtes, themeCtes } from './ctes';
import type { FeedbackSettings } from './settings';

/** Characters of a comment the page's lists carry (the export has it whole). */
export const COMMENT_PREVIEW = 280;
/** How many comments matching no theme the page lists (the count says how many there are). */
export const UNCATEGORISED_ROWS = 50;
/** How many frequent terms are listed. */
export const TERM_ROWS = 30;

/** English words that say nothing about a theme (lower case, apostrophes kept). */
export const STOP_WORDS = [
	'the',
	'and',
	'for',
	'are',
	'but',
	'not',
	'you',
	'all',
	'any',
	'can',
	'had',
	'her',
	'was',
	'one',
	'our',
	'out',
	'has',
	'have',
	'him',
	'his',
	'how',
	'its',
	'may',
	'new',
	'now',
	'own',
	'she',
	'too',
	'use',
	'way',
	'who',
	'did',
	'get',
	'got',
	'let',
	'say',
	'see',
	'this',
	'that',
	'with',
	'they',
	'them',
	'then',
	'than',
	'there',
	'their',
	'what',
	'when',
	'where',
	'which',
	'while',
	'will',
	'would',
	'could',
	'should',
	'from',
	'been',
	'were',
	'into',
	'just',
	'very',
	'also',
	'about',
	'after',
	'again',
	'some',
	'such',
	'only',
	'more',
	'most',
	'much',
	'many',
	'other',
	'your',
	'yours',
	'ours',
	'mine',
	'here',
	'over',
	'under',
	'because',
	'being',
	'both',
	'each',
	'even',
	'ever',
	'every',
	'few',
	'off',
	'once',
	'same',
	'so',
	'still',
	'these',
	'those',
	'through',
	'until',
	'why',
	'yet',
	'does',
	'doing',
	'done',
	"don't",
	"didn't",
	"doesn't",
	"isn't",
	"wasn't",
	"won't",
	"can't",
	"it's",
	"i'm",
	"i've",
	"i'd",
	"you're",
	'really',
	'thanks',
	'thank',
	'please',
	'like',
	'well',
	'good',
	'great',
	'bad',
	'okay'
];

/** A Chinese bigram holding one of these particles or pronouns is left out of the terms. */
const ZH_PARTICLES = '[的了是我很也都在和就吗呢吧啊有这那你他她它们个]';
/** A run of CJK unified ideographs (our constant: RE2 syntax). */
const HAN_RUN = '[\\x{4E00}-\\x{9FFF}]+';

/** The theme queries: per theme, its months and examples, the uncategorised comments, the terms. */
export function buildThemeQueries(scope: Scope, s: FeedbackSettings) {
	const base = sql`${responseCtes(scope, s)},
${themeCtes(s)},
fb_theme_list AS (
	SELECT theme_pos, any_value(theme) AS theme
	FROM fb_keywords
	GROUP BY theme_pos
),
fb_theme_rows AS (
	SELECT m.theme_pos, m.theme, c.*
	FROM fb_matches m
	JOIN fb_comments c USING (response_id)
),
fb_uncategorised AS (
	SELECT c.*
	FROM fb_comments c
	ANTI JOIN fb_matches m USING (response_id)
)`;
	const preview = sql`CAST(left(comment, ${int(COMMENT_PREVIEW)}) AS VARCHAR) AS comment,
	CAST(length(comment) AS INTEGER) AS length`;
	return {
		themes: sql`${base}
SELECT
	t.theme_pos,
	t.theme,
	CAST(count(r.response_id) AS INTEGER) AS responses,
	CAST(count(r.response_id) / nullif((SELECT count(*) FROM fb_comments), 0) AS DOUBLE) AS share,
	CAST(count(r.v) AS INTEGER) AS scored,
	CAST(count(*) FILTER (WHERE r.grp = 'detractor') AS INTEGER) AS detractors,
	CAST(count(*) FILTER (WHERE r.grp = 'detractor') / nullif(count(r.v), 0) AS DOUBLE) AS detractor_share
FROM fb_theme_list t
LEFT JOIN fb_theme_rows r USING (theme_pos)
GROUP BY t.theme_pos, t.theme
ORDER BY t.theme_pos`,
		theme_monthly: sql`${base},
fb_month_comments AS (
	SELECT date_trunc('month', response_date) AS month, count(*) AS comments
	FROM fb_comments
	WHERE response_date IS NOT NULL
	GROUP BY 1
)
SELECT
	r.theme_pos,
	r.theme,
	CAST(date_trunc('month', r.response_date) AS DATE) AS month,
	CAST(count(*) AS INTEGER) AS responses,
	CAST(count(*) / any_value(mc.comments) AS DOUBLE) AS share
FROM fb_theme_rows r
JOIN fb_month_comments mc ON mc.month = date_trunc('month', r.response_date)
GROUP BY r.theme_pos, r.theme, 3
ORDER BY month, r.theme_pos`,
		theme_examples: sql`${base},
fb_ranked AS (
	SELECT
		*,
		row_number() OVER (
			PARTITION BY theme_pos
			ORDER BY grp = 'detractor' DESC, response_date DESC NULLS LAST, source_file, row_no
		) AS k
	FROM fb_theme_rows
)
SELECT theme_pos, theme, source_file, row_no, response_date, score, grp, ${preview}
FROM fb_ranked
WHERE k <= 3
ORDER BY theme_pos, k`,
		uncategorised: sql`${base}
SELECT
	source_file,
	row_no,
	response_date,
	score,
	grp,
	${preview},
	CAST(count(*) OVER () AS INTEGER) AS total
FROM fb_uncategorised
ORDER BY response_date DESC NULLS LAST, source_file, row_no
LIMIT ${int(UNCATEGORISED_ROWS)}`,
		terms: sql`${base},
fb_words AS (
	SELECT response_id, trim(unnest(regexp_split_to_array(lc, '[^a-z'']+')), '''') AS term
	FROM fb_uncategorised
),
fb_runs AS (
	SELECT response_id, unnest(regexp_extract_all(comment, ${raw(`'${HAN_RUN}'`)})) AS run
	FROM fb_uncategorised
),
fb_bigram_at AS (
	SELECT response_id, run, unnest(range(1, length(run))) AS i
	FROM fb_runs
	WHERE length(run) >= 2
),
fb_terms AS (
	SELECT response_id, term, 'word' AS kind
	FROM fb_words
	WHERE length(term) >= 3 AND term NOT IN (${STOP_WORDS})
	UNION ALL
	SELECT response_id, substr(run, CAST(i AS INTEGER), 2) AS term, 'bigram' AS kind
	FROM fb_bigram_at
	WHERE NOT regexp_matches(substr(run, CAST(i AS INTEGER), 2), ${raw(`'${ZH_PARTICLES}'`)})
)
SELECT term, kind, CAST(count(DISTINCT response_id) AS INTEGER) AS responses
FROM fb_terms
GROUP BY term, kind
HAVING count(DISTINCT response_id) >= 2
ORDER BY responses DESC, term
LIMIT ${int(TERM_ROWS)}`
	};
}
