// The feedback analysis' result (sql.ts computes it; definitions there).

/** The scale the scores were read on: NPS 0–10, CSAT 1–5 or CSAT 1–10. */
export type ResolvedScale = 'nps' | 'csat5' | 'csat10';

/** A customer's or response's group: top boxes, middle, bottom boxes (NPS: 9–10, 7–8, 0–6). */
export const FEEDBACK_GROUPS = ['promoter', 'passive', 'detractor'] as const;
export type FeedbackGroup = (typeof FEEDBACK_GROUPS)[number];

/** The score of a set of responses (sql.ts: NPS or CSAT, standard error, 95 % interval). */
export interface ScoreFigures {
	/** Scored responses (a score inside the scale). */
	n: number;
	promoters: number;
	passives: number;
	detractors: number;
	/** NPS (−100 … 100) or CSAT (0 … 100); null when n = 0. */
	score: number | null;
	/** Standard error of the score, in points. */
	se: number | null;
	/** The 95 % interval, kept inside the scale. */
	low: number | null;
	high: number | null;
	/** n below the small-n threshold. */
	small: boolean;
}

export interface FeedbackSummary extends ScoreFigures {
	scale: ResolvedScale;
	/** The scale was detected from the scores (setting 'auto'). */
	detected: boolean;
	/** What 'auto' reads the scores as, whichever scale is chosen (the choice's label says it). */
	detected_scale: 'nps' | 'csat5';
	min_score: number | null;
	max_score: number | null;
	/** Lowest score in the top group, highest in the bottom group. */
	top: number;
	bottom: number;
	/** Responses in scope; every count below is out of these. */
	responses: number;
	/** Loaded responses outside the scope (dated on or after the as-of date, outside the range, or
	 * — with a dimension filter — of customers it leaves out or of none). */
	outside_scope: number;
	no_score: number;
	out_of_range: number;
	undated: number;
	/** No customer id. */
	anonymous: number;
	/** A customer id that matches no customer in scope. */
	unmatched: number;
	comments: number;
}

export interface FeedbackMonthRow extends ScoreFigures {
	/** First day of the month, 'YYYY-MM-DD'. */
	month: string;
	responses: number;
}

export const FEEDBACK_DIMENSIONS = ['rfm_segment', 'lifecycle_stage', 'abc_tier'] as const;
export type FeedbackDimension = (typeof FEEDBACK_DIMENSIONS)[number];
/** Values of a by-dimension row that are not the field's: no customer matched, no value. */
export const UNMATCHED = '__unmatched';
export const NO_VALUE = '__none';

export interface FeedbackDimensionRow extends ScoreFigures {
	dimension: FeedbackDimension;
	/** The field's value (its stable key), UNMATCHED or NO_VALUE. */
	value: string;
	responses: number;
}

export interface FeedbackChurnRow {
	grp: FeedbackGroup;
	/** Matched customers whose latest scored response is in the group. */
	customers: number;
	/** Of those, customers whose lifecycle stage at the as-of date is 'churned'. */
	churned: number;
	churn_rate: number | null;
}

export interface FeedbackThemeRow {
	theme_pos: number;
	theme: string;
	/** Comments matching the theme. */
	responses: number;
	/** Of all comments in scope. */
	share: number | null;
	scored: number;
	detractors: number;
	/** detractors / scored */
	detractor_share: number | null;
}

export interface FeedbackThemeMonthRow {
	theme_pos: number;
	theme: string;
	month: string;
	responses: number;
	/** Of the month's comments. */
	share: number;
}

/** A comment as listed on the page: its first COMMENT_PREVIEW characters and its full length. */
export interface FeedbackCommentRow {
	source_file: string;
	row_no: number;
	response_date: string | null;
	score: number | null;
	grp: FeedbackGroup | null;
	comment: string;
	length: number;
}

export interface FeedbackExampleRow extends FeedbackCommentRow {
	theme_pos: number;
	theme: string;
}

export interface FeedbackTermRow {
	term: string;
	/** 'word' (English word) or 'bigram' (two Chinese characters). */
	kind: 'word' | 'bigram';
	responses: number;
}

export interface FeedbackResult {
	/** A feedback file is loaded; false: every list below is empty. */
	loaded: boolean;
	/** The lifecycle stages were known (the churn rates mean something). */
	stagesKnown: boolean;
	summary: FeedbackSummary;
	monthly: FeedbackMonthRow[];
	by_dimension: FeedbackDimensionRow[];
	churn: FeedbackChurnRow[];
	themes: FeedbackThemeRow[];
	theme_monthly: FeedbackThemeMonthRow[];
	theme_examples: FeedbackExampleRow[];
	/** The first UNCATEGORISED_ROWS comments matching no theme; the count of all in `uncategorised_total`. */
	uncategorised: FeedbackCommentRow[];
	uncategorised_total: number;
	terms: FeedbackTermRow[];
}
