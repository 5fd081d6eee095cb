/**
 * The canonical `feedback` table of feedback/survey files (issue 21), which the feedback analysis
 * reads: one row per loaded response.
 *
 * - row_no: the response's line in its file (messages name it); source_file: the file's name.
 * - customer_id: cleaned as the orders' customer ids are (canonical.customerIdExpr), so a response
 *   joins its customer's orders; NULL for an anonymous response (no id column, or an empty cell).
 * - response_date: NULL when the file has no date column (such responses are left out of the
 *   trends, counted, and kept in every other figure).
 * - score: the number as given (the scale, 0–10 or 1–5, is the analysis' setting); NULL when the
 *   cell is empty — a comment without a score still counts for the themes.
 * - comment: the text as given, NULL when blank.
 * Several feedback files append, as the other kinds do.
 */
import { ident, sql, type Sql } from './sql';

export const FEEDBACK_TABLE = 'feedback';

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
