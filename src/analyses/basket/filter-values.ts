/**
 * The choices of the recommendations list's filter (Recommendations.svelte): each derived field's
 * values in scope, most customers first — for the fields whose owner has run. A field may read
 * what its owner's run leaves behind (the forecast's fields read its prediction tables), so asked
 * before that run its statement fails; the list was then left with "every customer" alone for
 * good. The fields whose owner is done are read (registry-tools readyFields); the others join when
 * the list is opened again.
 */
import { sql } from '../../core/sql';
import type { QueryFn } from '../../core/analysis';
import type { AnalysisModule } from '../types';
import type { Scope } from '../../core/scope';
import type { OwnedField } from '../registry-tools';

export interface FieldChoices {
	field: string;
	owner: AnalysisModule;
	/** The field's label key (in its owner's messages). */
	label: string;
	/** Values, most customers first. */
	values: string[];
}

/** Each of `fields`' values in `scope` (materialised), most customers first. */
export async function fieldChoices(
	fields: readonly OwnedField[],
	query: QueryFn,
	scope: Scope,
	settingsOf: (owner: AnalysisModule) => object
): Promise<FieldChoices[]> {
	const out: FieldChoices[] = [];
	for (const { owner, field } of fields) {
		const rows = await query<{ value: string }>(
			sql`SELECT value FROM (${field.sql(scope, settingsOf(owner))}) WHERE value IS NOT NULL GROUP BY value ORDER BY count(*) DESC, value`
		);
		out.push({ field: field.key, owner, label: field.label, values: rows.map((r) => r.value) });
	}
	return out;
}
