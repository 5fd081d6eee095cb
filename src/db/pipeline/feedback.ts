/**
 * Feedback/survey files into the canonical `feedback` table (core/canonical-feedback, issue 21):
 * each file's responses appended with its name, the rows that cannot be typed set aside in
 * `feedback_rejects` with their file, row and reason; and the summary the load summary shows.
 */
import {
	buildCreateFeedbackRejectsStatement,
	buildCreateFeedbackStatement,
	buildDeleteFeedbackOf,
	buildFeedbackInsert,
	buildFeedbackRejectsInsert,
	buildFeedbackRejectsQuery,
	buildFeedbackSummaryQuery,
	FEEDBACK_TABLE
} from '../../core/canonical-feedback';
import { chooseFeedbackColumns, type FeedbackColumns } from '../../core/ingest/feedback';
import type { LoadInput, LoadReport } from '../../core/ingest/types';
import { detectOrderRoles } from '../../core/columns';
import { sniffDateFormat } from '../../core/formats';
import type { TypingCode } from '../../core/reject-reason';
import { ident, lit, sql } from '../../core/sql';
import type { Engine } from '../engine';
import { loadCsv, type LoadCsvOptions } from '../load-csv';
import { dropTable, uploadTable } from '../tables';

/** Rejected cells listed in the summary (the download has them all). */
export const FIRST_REJECTS = 10;

/** A cell of a feedback file set aside (feedback_rejects). */
export interface FeedbackReject {
	file: string;
	/** The data row in its file (1 = the first record after the header). */
	row: number;
	column_name: string;
	value: string | null;
	code: TypingCode;
	/** The date column's format, for a date reject. */
	format: string | null;
}

/**
 * The feedback loaded so far (all feedback files of the data set); a new object per load, so the
 * dashboard sees a feedback file added on its own (state/scope loadedData).
 */
export interface FeedbackSummary {
	responses: number;
	withScore: number;
	withComment: number;
	withCustomer: number;
	/** Responses whose customer has orders (in `tx`); null when no orders are built. */
	matched: number | null;
	/** ISO dates of the first and last response with a date; null when none has one. */
	firstDate: string | null;
	lastDate: string | null;
	/** Rows set aside (an unreadable score or date), over all feedback files. */
	rejected: number;
	/** The first FIRST_REJECTS rejected cells. */
	rejects: FeedbackReject[];
}

/** Whether a table is there (the feedback tables exist once a feedback file was loaded). */
async function exists(engine: Engine, name: string): Promise<boolean> {
	const rows = await engine.query<{ n: number }>(
		sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${lit(name)} AND NOT temporary`
	);
	return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Append a feedback file's responses (its raw table `report.table`, columns `cols`) to the
 * feedback table and its untyped rows to feedback_rejects. Returns the report (the reader's
 * counts, as an orders file's: the rows set aside while typing are counted apart) and how many
 * rows were set aside.
 */
export async function placeFeedback(
	engine: Engine,
	report: LoadReport,
	cols: FeedbackColumns
): Promise<{ report: LoadReport; rejected: number }> {
	await engine.exec(buildCreateFeedbackStatement());
	await engine.exec(buildCreateFeedbackRejectsStatement());
	const dateCol = cols.date ? report.columns.find((c) => c.name === cols.date) : undefined;
	const source = {
		table: report.table,
		file: report.file,
		...cols,
		dateFormat: (dateCol && sniffDateFormat(dateCol.samples)) || { format: 'iso' }
	};
	const count = sql`SELECT count(*) AS n FROM ${ident(FEEDBACK_TABLE)}`;
	const [before] = await engine.query<{ n: number }>(count);
	await engine.exec(buildFeedbackRejectsInsert(source));
	await engine.exec(buildFeedbackInsert(source));
	const [after] = await engine.query<{ n: number }>(count);
	const loaded = Number(after?.n ?? 0) - Number(before?.n ?? 0);
	return { report, rejected: report.rowsLoaded - loaded };
}

/**
 * Read `input` again and place it as a feedback file (the person chose the kind), in the sheet
 * it was read from before (`previous`). Its report (table: feedback) and rows set aside; null
 * when it has no column that could be a score or a comment (it stays unused).
 */
export async function readAsFeedback(
	engine: Engine,
	input: LoadInput,
	previous: LoadReport | null,
	opts: LoadCsvOptions = {}
): Promise<{ report: LoadReport; rejected: number } | null> {
	const sheet = opts.sheet ?? previous?.container?.sheet ?? undefined;
	const tmp = uploadTable(0);
	try {
		const report = await loadCsv(engine, input, tmp, { ...opts, sheet });
		const cols = chooseFeedbackColumns(report.columns, detectOrderRoles(report.columns));
		if (!cols) return null;
		const placed = await placeFeedback(engine, report, cols);
		return { ...placed, report: { ...placed.report, table: FEEDBACK_TABLE } };
	} finally {
		await dropTable(engine, tmp);
	}
}

/** Remove a file's responses and rejects (it was set to another kind). */
export async function removeFeedback(engine: Engine, file: string): Promise<void> {
	if (!(await exists(engine, FEEDBACK_TABLE))) return;
	for (const q of buildDeleteFeedbackOf(file)) await engine.exec(q);
}

/**
 * The summary of the feedback table; null when no feedback file was loaded. `withOrders`: the
 * orders are built (`tx`), so responses can be matched to customers with orders.
 */
export async function readFeedbackSummary(
	engine: Engine,
	withOrders: boolean
): Promise<FeedbackSummary | null> {
	if (!(await exists(engine, FEEDBACK_TABLE))) return null;
	const orders = withOrders && (await exists(engine, 'tx'));
	const [s] = await engine.query<{
		responses: number;
		with_score: number;
		with_comment: number;
		with_customer: number;
		matched: number | null;
		first_date: string | null;
		last_date: string | null;
		rejected: number;
	}>(buildFeedbackSummaryQuery(orders));
	if (!s) return null;
	const rejects = await engine.query<FeedbackReject>(buildFeedbackRejectsQuery(FIRST_REJECTS));
	if (Number(s.responses) === 0 && rejects.length === 0) return null;
	return {
		responses: Number(s.responses),
		withScore: Number(s.with_score),
		withComment: Number(s.with_comment),
		withCustomer: Number(s.with_customer),
		matched: s.matched === null ? null : Number(s.matched),
		firstDate: s.first_date,
		lastDate: s.last_date,
		rejected: Number(s.rejected),
		rejects: rejects.map((r) => ({ ...r, row: Number(r.row) }))
	};
}
