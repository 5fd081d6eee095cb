/**
 * The dashboard's analyses, in display order. `prepare` lets an analysis use another's SQL
 * (the breakdown by RFM segment or lifecycle stage reads those analyses' per-customer statements).
 */
import type { AnalysisDef } from '../analysis';
import type { Scope } from '../scope';
import { sql } from '../sql';
import { overviewAnalysis } from './overview';
import { rfmAnalysis, defaultRfmSettings, buildRfmQueries, type RfmSettings } from './rfm';
import { cohortAnalysis, defaultCohortSettings } from './cohort';
import {
	lifecycleAnalysis,
	defaultLifecycleSettings,
	buildLifecycleStageSql,
	type LifecycleSettings
} from './lifecycle';
import {
	breakdownAnalysis,
	defaultBreakdownSettings,
	type BreakdownDimension,
	type BreakdownSettings
} from './breakdown';
import { concentrationAnalysis, defaultConcentrationSettings } from './concentration';
import { cycleAnalysis, defaultCycleSettings } from './cycle';

export interface RegisteredAnalysis {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	def: AnalysisDef<any, any>;
	defaults: object;
	/** Complete the settings from the scope and the other analyses' settings before running. */
	prepare?: (
		scope: Scope,
		settings: Record<string, unknown>,
		settingsOf: (id: string) => Record<string, unknown>
	) => Record<string, unknown>;
}

/** (customer_id, value) statement of a derived dimension, or null for plain columns. */
function derivedSqlFor(
	dim: BreakdownDimension | null,
	scope: Scope,
	settingsOf: (id: string) => Record<string, unknown>
) {
	if (!dim || dim.table !== 'derived') return null;
	if (dim.column === 'rfm_segment') {
		const rfm = buildRfmQueries(scope, settingsOf('rfm') as unknown as RfmSettings).customers;
		return sql`SELECT customer_id, CAST(segment AS VARCHAR) AS value FROM (${rfm})`;
	}
	if (dim.column === 'lifecycle_stage') {
		return buildLifecycleStageSql(scope, settingsOf('lifecycle') as unknown as LifecycleSettings);
	}
	return null;
}

export const ANALYSES: readonly RegisteredAnalysis[] = [
	{ def: overviewAnalysis, defaults: {} },
	{ def: rfmAnalysis, defaults: defaultRfmSettings },
	{ def: cohortAnalysis, defaults: defaultCohortSettings },
	{ def: lifecycleAnalysis, defaults: defaultLifecycleSettings },
	{
		def: breakdownAnalysis,
		// RFM segment is always available (age bands need a customers file with birth years).
		defaults: {
			...defaultBreakdownSettings,
			dimension: { table: 'derived', column: 'rfm_segment' }
		} satisfies BreakdownSettings,
		prepare(scope, settings, settingsOf) {
			const s = settings as unknown as BreakdownSettings;
			return {
				...settings,
				derivedSql: derivedSqlFor(s.dimension, scope, settingsOf),
				crossDerivedSql: derivedSqlFor(s.cross, scope, settingsOf)
			};
		}
	},
	{ def: concentrationAnalysis, defaults: defaultConcentrationSettings },
	{ def: cycleAnalysis, defaults: defaultCycleSettings }
];

/**
 * Settings of `a` as the dashboard runs it right after a load, nothing changed by the user: its
 * defaults, completed by `prepare` from the other analyses' defaults (Dashboard.prepared with no
 * settings of its own). For runs outside the page: the engine's warm-up, the bench's native side.
 */
export function defaultPreparedSettings(
	a: RegisteredAnalysis,
	scope: Scope
): Record<string, unknown> {
	const settingsOf = (id: string) => ({
		...(ANALYSES.find((x) => x.def.id === id)?.defaults ?? {})
	});
	const settings = { ...a.defaults } as Record<string, unknown>;
	return a.prepare ? a.prepare(scope, settings, settingsOf) : settings;
}
