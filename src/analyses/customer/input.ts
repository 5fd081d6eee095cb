// What the profile reads from the other analyses, through the registry: each derived field's
// statement with its owner's current settings, and the RFM section's customer list.
import type { Scope } from '../../core/scope';
import type { AnalysisModule } from '../types';
import { derivedFields, preparedSettings } from '../registry-tools';
import type { ProfileInput, StageThresholds } from './sql';

/**
 * The profile's input for customer `id`: `settingsOf` gives each analysis' current settings (the
 * dashboard's). `scores` is the analysis whose `customers` statement gives a customer's scores and
 * segment (the RFM section's list, the row its download holds); its own derived fields are not
 * queried again (the row has the segment).
 */
export function profileInput(
	analyses: readonly AnalysisModule[],
	scope: Scope,
	id: string,
	settingsOf: (owner: AnalysisModule) => object,
	thresholds: StageThresholds | null,
	scores: AnalysisModule | null
): ProfileInput {
	const prepared = (m: AnalysisModule) =>
		preparedSettings(analyses, m, scope, settingsOf(m), settingsOf);
	const rfmCustomers = scores
		? (scores.def.queries(scope, prepared(scores))['customers'] ?? null)
		: null;
	const fields = derivedFields(analyses)
		.filter((f) => !(rfmCustomers && f.owner === scores))
		.map((f) => ({ key: f.field.key, sql: f.field.sql(scope, settingsOf(f.owner)) }));
	return { scope, id, thresholds, rfmCustomers, fields };
}
