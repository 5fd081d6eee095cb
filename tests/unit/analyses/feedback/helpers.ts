// Fixtures of the feedback tests: orders from hand-written rows, the canonical feedback table
// (core/canonical-feedback.ts) filled with the responses a test lists, and the analysis' settings
// as the page prepares them with a feedback file loaded.
import type { Engine } from '../../../../src/db/engine';
import { buildCreateFeedbackStatement } from '../../../../src/core/canonical-feedback';
import { sql } from '../../../../src/core/sql';
import type { Scope } from '../../../../src/core/scope';
import { ANALYSES } from '../../../../src/analyses';
import { feedback } from '../../../../src/analyses/feedback';
import { preparedSettings } from '../../../../src/analyses/registry-tools';
import {
	defaultFeedbackSettings,
	type FeedbackSettings
} from '../../../../src/analyses/feedback/sql';

/** One response: [customer_id, response_date, score, comment]; row_no is its place in the list. */
export type Response = [string | null, string | null, number | null, string | null];

/** Creates the feedback table and inserts `rows` as data rows 1, 2, … of `file` (parameters only). */
export async function createFeedback(
	db: Engine,
	rows: readonly Response[],
	file = 'feedback.csv'
): Promise<void> {
	await db.exec(buildCreateFeedbackStatement());
	for (let i = 0; i < rows.length; i += 500) {
		const chunk = rows
			.slice(i, i + 500)
			.map(
				([id, date, score, comment], j) =>
					sql`(${i + j + 1}, ${file}, ${id}, CAST(${date} AS DATE), CAST(${score} AS DOUBLE), ${comment})`
			);
		await db.exec(sql`INSERT INTO feedback VALUES ${chunk}`);
	}
}

/** `n` copies of one response. */
export function times(n: number, row: Response): Response[] {
	return Array.from({ length: n }, () => [...row] as Response);
}

/** The settings as the page runs them with a feedback file loaded (the fields' statements too). */
export function loadedSettings(
	scope: Scope,
	patch: Partial<FeedbackSettings> = {}
): FeedbackSettings {
	const data = { orders: true, baskets: false, lineRoles: [], feedback: true };
	return preparedSettings(
		ANALYSES,
		feedback,
		scope,
		{ ...defaultFeedbackSettings, ...patch },
		(m) => ({ ...m.defaults }),
		data
	) as FeedbackSettings;
}
