/**
 * The canonical `feedback` table of feedback/survey files (issue 21), which the feedback analysis
 * reads: one row per loaded response.
 *
 * - row_no: the response's data row in its own file (1 = the first record after the header), as
 *   the orders' reject messages name rows; source_file: the file's name.
 * - customer_id: cleaned as the orders' customer ids are (canonical.customerIdExpr), so a response
 *   joins its customer's orders; NULL for an anonymous response (no id column, or an empty cell).
 * - response_date: NULL when the file has no date column (such responses are left out of the
 *   trends, counted, and kept in every other figure).
 * - score: the number as given (the scale, 0–10 or 1–5, is the analysis' setting); NULL when the
 *   cell is empty — a comment without a score still counts for the themes.
 * - comment: the text as given, NULL when blank.
 * Several feedback files append, as the other kinds do.
 *
 * Reading a score (a decision, issue 21): a number with a point or comma decimal mark (`9`,
 * `9.0`, `8,5`), optionally followed by its scale (`4/5`, `9 / 10`: the number before the slash
 * is kept — the scale is the analysis' setting, not the file's). Anything else (`abc`, `five`,
 * `★★★★`) sets the row aside, as does a date that is not one in the column's format or lies
 * outside 1900–2200: into `feedback_rejects` (file, row, column, value, code), counted and named
 * in the load summary; the file's other rows load.
 */
import { ident, join, lit, raw, sql, type Sql } from './sql';
import { customerIdExpr, textExpr } from './canonical';
import { parseDateExpr } from './formats';
import { ORDER_DATES, VALUE_LIMIT } from './canonical-checks';
import type { DateFormat } from './types';
import type { TypingCode } from './reject-reason';

export const FEEDBACK_TABLE = 'feedback';
/** Rows of feedback files set aside: (row_no, source_file, column_name, value, code, format). */
export const FEEDBACK_REJECTS_TABLE = 'feedback_rejects';

/** Create the (empty) feedback table if there is none. */
export function buildCreateFeedbackStatement(): Sql {
	return sql`CREATE TABLE IF NOT EXISTS ${ident(FEEDBACK_TABLE)} (
	row_no INTEGER,
	source_file VARCHAR,
	customer_id VARCHAR,
	response_date DATE,
	score DOUBLE,
	comment VARCHAR
)`;
}

/** Create the (empty) rejects table if there is none. */
export function buildCreateFeedbackRejectsStatement(): Sql {
	return sql`CREATE TABLE IF NOT EXISTS ${ident(FEEDBACK_REJECTS_TABLE)} (
	row_no INTEGER,
	source_file VARCHAR,
	column_name VARCHAR,
	value VARCHAR,
	code VARCHAR,
	format VARCHAR
)`;
}

/** What a feedback file's raw table is read with (core/ingest/feedback detects the columns). */
export interface FeedbackSource {
	/** The raw table: `__row` + one VARCHAR column per file column. */
	table: string;
	/** The file's name, kept in source_file. */
	file: string;
	customerId: string | null;
	date: string | null;
	score: string | null;
	comment: string | null;
	/** The date column's format (formats.sniffDateFormat of its samples). */
	dateFormat: DateFormat;
}

/** The number at the start of a score cell (RE2), and the whole shapes accepted. */
const SCORE_NUMBER = raw(`'^-?[0-9]+(?:[.,][0-9]+)?'`);
const SCORE_SHAPE = raw(`'-?[0-9]+(?:[.,][0-9]+)?(?:\\s*/\\s*[0-9]+(?:[.,][0-9]+)?)?'`);

/** A trimmed score cell read as a number (see module comment); NULL when it is not one. */
export function scoreExpr(cell: Sql): Sql {
	const n = sql`TRY_CAST(replace(regexp_extract(${cell}, ${SCORE_NUMBER}), ',', '.') AS DOUBLE)`;
	return sql`CASE WHEN regexp_full_match(${cell}, ${SCORE_SHAPE}) AND abs(${n}) < ${VALUE_LIMIT} THEN ${n} END`;
}

/** The parsed columns of a source (a CTE `p`), with its raw date and score text beside them. */
function parsed(s: FeedbackSource): Sql {
	const nullText = sql`CAST(NULL AS VARCHAR)`;
	const dateText = s.date ? textExpr(s.date) : nullText;
	const scoreText = s.score ? textExpr(s.score) : nullText;
	return sql`p AS (
	SELECT
		CAST(__row AS INTEGER) AS row_no,
		${s.customerId ? customerIdExpr(s.customerId) : nullText} AS customer_id,
		${dateText} AS date_text,
		CAST(${parseDateExpr(dateText, s.dateFormat)} AS DATE) AS response_date,
		${scoreText} AS score_text,
		${scoreExpr(scoreText)} AS score,
		${s.comment ? textExpr(s.comment) : nullText} AS comment
	FROM ${ident(s.table)}
), c AS (
	SELECT *,
		date_text IS NOT NULL AND response_date IS NULL AS bad_date,
		response_date NOT BETWEEN DATE ${lit(ORDER_DATES.from)} AND DATE ${lit(ORDER_DATES.to)} AS out_of_range,
		score_text IS NOT NULL AND score IS NULL AS bad_score
	FROM p
)`;
}

/**
 * INSERT a feedback file's responses into `feedback`, leaving out the rows
 * buildFeedbackRejectsInsert sets aside (the two use the same flags). The tables must exist.
 */
export function buildFeedbackInsert(s: FeedbackSource): Sql {
	return sql`INSERT INTO ${ident(FEEDBACK_TABLE)}
WITH ${parsed(s)}
SELECT row_no, ${lit(s.file)}, customer_id, response_date, score, comment
FROM c
WHERE NOT (bad_date OR coalesce(out_of_range, false) OR bad_score)
ORDER BY row_no`;
}

/** INSERT the rows of a feedback file that cannot be typed into `feedback_rejects`, a cell a row. */
export function buildFeedbackRejectsInsert(s: FeedbackSource): Sql {
	const cells: Sql[] = [];
	if (s.date) {
		cells.push(
			sql`SELECT row_no, ${lit(s.date)} AS column_name, date_text AS value, CASE WHEN bad_date THEN ${lit('bad-date' satisfies TypingCode)} ELSE ${lit('date-range' satisfies TypingCode)} END AS code, ${lit(s.dateFormat.format)} AS format
	FROM c WHERE bad_date OR coalesce(out_of_range, false)`
		);
	}
	if (s.score) {
		cells.push(
			sql`SELECT row_no, ${lit(s.score)} AS column_name, score_text AS value, ${lit('bad-number' satisfies TypingCode)} AS code, CAST(NULL AS VARCHAR) AS format
	FROM c WHERE bad_score`
		);
	}
	if (cells.length === 0) return sql`SELECT 1 WHERE false`;
	return sql`INSERT INTO ${ident(FEEDBACK_REJECTS_TABLE)}
WITH ${parsed(s)}
SELECT row_no, ${lit(s.file)}, column_name, value, code, format
FROM (${join(cells, '\nUNION ALL\n')})`;
}

/** Delete a file's responses and rejects (the file was set to another kind). */
export function buildDeleteFeedbackOf(file: string): Sql[] {
	return [FEEDBACK_TABLE, FEEDBACK_REJECTS_TABLE].map(
		(t) => sql`DELETE FROM ${ident(t)} WHERE source_file = ${lit(file)}`
	);
}

/**
 * The summary of the feedback table: responses, with a score, a comment, a customer id; those
 * whose customer is in `tx` (null without orders: `withOrders` false); the dates; the rejected
 * rows (distinct file and row).
 */
export function buildFeedbackSummaryQuery(withOrders: boolean): Sql {
	const matched = withOrders
		? sql`CAST(count(*) FILTER (WHERE customer_id IN (SELECT customer_id FROM tx)) AS INTEGER)`
		: sql`CAST(NULL AS INTEGER)`;
	return sql`SELECT
	CAST(count(*) AS INTEGER) AS responses,
	CAST(count(score) AS INTEGER) AS with_score,
	CAST(count(comment) AS INTEGER) AS with_comment,
	CAST(count(customer_id) AS INTEGER) AS with_customer,
	${matched} AS matched,
	CAST(min(response_date) AS VARCHAR) AS first_date,
	CAST(max(response_date) AS VARCHAR) AS last_date,
	(SELECT CAST(count(DISTINCT (source_file, row_no)) AS INTEGER) FROM ${ident(FEEDBACK_REJECTS_TABLE)}) AS rejected
FROM ${ident(FEEDBACK_TABLE)}`;
}

/** The first `limit` rejected cells, by file and row. */
export function buildFeedbackRejectsQuery(limit = 100_000): Sql {
	return sql`SELECT source_file AS file, row_no AS row, column_name, value, code, format
FROM ${ident(FEEDBACK_REJECTS_TABLE)}
ORDER BY source_file, row_no, column_name
LIMIT ${limit}`;
}
