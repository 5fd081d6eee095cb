/**
 * Feedback/survey files (pure; issue 21): a file whose headers name a score and/or a comment —
 * `NPS`, `score`, `rating`, `CSAT`, `comment`, `feedback`, `review`, `评分`, `满意度`, `评价`,
 * `留言`, `意见` … — and that has no amount (an orders file with a rating column stays orders:
 * the caller asks this only of files that are not orders). The customer id and the date are the
 * roles the orders' synonyms find (core/column-synonyms: `customer_id`, `客户ID`, `date`,
 * `评价时间` …); both are optional.
 *
 * Weak comment names (`remarks`, `notes`, `备注`) make a feedback file only beside a score: a
 * customers file with a notes column is still a customers file.
 */
import { normalizeHeader, type RoleDetection } from '../columns';
import type { ColumnProfile, OrderRole } from '../types';

/** The columns of a feedback file that the `feedback` table is built from (raw column names). */
export interface FeedbackColumns {
	customerId: string | null;
	date: string | null;
	score: string | null;
	comment: string | null;
}

/** Score headers, normalised (columns.ts normalizeHeader: lower case, no spaces or `_-./`). */
const SCORE_NAMES =
	/^(nps|npsscore|csat|csatscore|ces|score|scores|rating|ratings|rate|stars|starrating|satisfaction|satisfactionscore|overallsatisfaction|likelihoodtorecommend|recommend|recommendation|recommendscore|surveyscore|feedbackscore|reviewscore|reviewrating|customerrating|productrating|overallrating)$/;
/** Chinese score words, found anywhere in the header (`满意度评分`, `商品评分`). */
const SCORE_WORDS = /(评分|打分|满意度|星级|评星|评级|分数|得分|推荐度|推荐值|推荐意愿|nps)/;
/** Strong comment headers: a file with one of these is feedback even without a score. */
const COMMENT_NAMES =
	/^(comment|comments|feedback|feedbacks|review|reviews|reviewtext|reviewbody|commenttext|feedbacktext|customercomment|customerfeedback|verbatim|freetext|opinion|suggestion|suggestions|complaint|complaints)$/;
const COMMENT_WORDS = /(评价内容|评价|评论|留言|意见|反馈|建议|投诉|心得)/;
/** Weak comment headers: feedback only beside a score. */
const WEAK_COMMENT = /^(remark|remarks|note|notes|memo|text|备注|说明|内容)$/;
/** A header that names a time: never the score or the comment (`评价时间`, `review date`). */
const TIME_WORDS = /(date|time|day|日期|时间|日)$/;

function isTime(col: ColumnProfile, name: string): boolean {
	return col.kind === 'date' || col.kind === 'timestamp' || TIME_WORDS.test(name);
}

/**
 * The feedback columns of a loaded file, or null when it is not a feedback file (see module
 * comment). `orderRoles`: the orders roles its columns suggest (files.ts classify), whose
 * customer id and date are taken as the response's.
 */
export function detectFeedback(
	columns: readonly ColumnProfile[],
	orderRoles: RoleDetection<OrderRole>
): FeedbackColumns | null {
	const r = orderRoles.roles;
	if (r.amount !== undefined || (r.quantity !== undefined && r.unit_price !== undefined)) {
		return null;
	}
	const taken = new Set([r.customer_id, r.order_date].filter((c) => c !== undefined));
	let score: string | null = null;
	let comment: string | null = null;
	let weak: string | null = null;
	for (const col of columns) {
		if (col.kind === 'empty' || taken.has(col.name)) continue;
		const name = normalizeHeader(col.name);
		if (isTime(col, name)) continue;
		if (score === null && (SCORE_NAMES.test(name) || SCORE_WORDS.test(name))) score = col.name;
		else if (comment === null && (COMMENT_NAMES.test(name) || COMMENT_WORDS.test(name))) {
			comment = col.name;
		} else if (weak === null && WEAK_COMMENT.test(name)) weak = col.name;
	}
	if (score === null && comment === null) return null;
	return {
		customerId: r.customer_id ?? null,
		date: r.order_date ?? null,
		score,
		comment: comment ?? (score !== null ? weak : null)
	};
}

/**
 * The feedback columns of a file the person chose to use as feedback: those detected, else a
 * guess — the first number column (not the id or date) as the score, the first text column as
 * the comment. Null when there is neither.
 */
export function chooseFeedbackColumns(
	columns: readonly ColumnProfile[],
	orderRoles: RoleDetection<OrderRole>
): FeedbackColumns | null {
	const found = detectFeedback(columns, orderRoles);
	if (found) return found;
	const r = orderRoles.roles;
	const free = columns.filter(
		(c) => c.kind !== 'empty' && c.name !== r.customer_id && c.name !== r.order_date
	);
	const score = free.find((c) => c.kind === 'integer' || c.kind === 'decimal')?.name ?? null;
	const comment = free.find((c) => c.kind === 'text')?.name ?? null;
	if (score === null && comment === null) return null;
	return { customerId: r.customer_id ?? null, date: r.order_date ?? null, score, comment };
}
