// What the profile reads from the other analyses, through the registry: each derived field's
// statement with its owner's current settings, and the RFM section's customer list.
import type { Scope } from '../../core/scope';
import type { AnalysisModule } from '../types';
import { derivedFields, preparedSettings } from '../registry-tools';
import type { StageThresholds } from './sql';
import type { FieldInput, ProfileInput } from './read';

/**
 * The derived fields' statements over `scope` with each owner's settings (`settingsOf`), but those
 * of `skip` (whose list row the profile reads instead). `version` names the loaded data: with the
 * statement over the plain scope it is the identity of the field's table (read.ts).
 */
export function fieldInputs(
	analyses: readonly AnalysisModule[],
	scope: Scope,
	settingsOf: (owner: AnalysisModule) => object,
	version: number,
	skip: AnalysisModule | null
): FieldInput[] {
	const plain: Scope = { ...scope, materialized: false };
	return derivedFields(analyses)
		.filter((f) => f.owner !== skip)
		.map((f) => {
			// As the owner runs them (its prepare: the due status reads the lifecycle stages).
			const settings = (s: Scope) =>
				preparedSettings(analyses, f.owner, s, settingsOf(f.owner), settingsOf);
			const q = f.field.sql(plain, settings(plain));
			return {
				key: f.field.key,
				sql: f.field.sql(scope, settings(scope)),
				identity: JSON.stringify([version, q.text, q.params])
			};
		});
}

/**
 * The profile's input for customer `id`: `settingsOf` gives each analysis' current settings (the
 * dashboard's). `scores` is the analysis whose `customers` statement gives a customer's scores and
 * segment (the RFM section's list, the row its download holds); its own derived fields are not
 * read again (the row has the segment).
 */
export function profileInput(
	analyses: readonly AnalysisModule[],
	scope: Scope,
	id: string,
	settingsOf: (owner: AnalysisModule) => object,
	thresholds: StageThresholds | null,
	scores: AnalysisModule | null,
	version = 0
): ProfileInput {
	const prepared = (m: AnalysisModule) =>
		preparedSettings(analyses, m, scope, settingsOf(m), settingsOf);
	const list = (s: Scope) =>
		scores ? (scores.def.queries(s, prepared(scores))['customers'] ?? null) : null;
	const rfmCustomers = list(scope);
	// As a field's: the list over the plain scope names what its table holds (read.ts).
	const plain = list({ ...scope, materialized: false });
	const rfmIdentity = JSON.stringify([version, plain?.text ?? null, plain?.params ?? null]);
	const fields = fieldInputs(analyses, scope, settingsOf, version, rfmCustomers ? scores : null);
	return { scope, id, thresholds, rfmCustomers, rfmIdentity, fields };
}
