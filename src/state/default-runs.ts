/**
 * The registry's analyses as the dashboard runs them right after a load — default settings,
 * completed from the other analyses' defaults — for runs outside the dashboard: the engine's
 * warm-up (db/warm-up.ts, which does not import the registry) and the hostile corpus test — in
 * the dashboard's run order (registry-tools runOrder).
 */
import type { AnalysisModule } from '../analyses/types';
import { defaultPreparedSettings, runOrder } from '../analyses/registry-tools';
import type { AnalysisRun } from '../db/warm-up';

export function withDefaultSettings(analyses: readonly AnalysisModule[]): AnalysisRun[] {
	return runOrder(analyses).map((a) => ({
		id: a.def.id,
		// With the analysis' off-thread computation, as the dashboard runs it (the warm-up runs
		// on the page: an in-thread model fit would block it).
		run: async (query, scope) =>
			a.def.run(query, scope, defaultPreparedSettings(analyses, a, scope), {
				customerLists: false,
				compute: a.compute ? (await a.compute()).default : undefined
			})
	}));
}
