// Purchase cycle: gaps between purchases, next purchase due (sql.ts).
import { messageKey, type AnalysisModule } from '../types';
import { cycleAnalysis, defaultCycleSettings, type CycleResult, type CycleSettings } from './sql';
import { buildCycleDueStatusSql } from './due-status';
import { messages, type CycleKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

/**
 * The derived field whose 'churned' customers the due list leaves out (they belong to its owner's
 * win-back list); the section links to that owner.
 */
export const STAGE_FIELD = 'lifecycle_stage';

export const cycle: AnalysisModule<CycleSettings, CycleResult, CycleKey> = {
	id: cycleAnalysis.id,
	def: cycleAnalysis,
	defaults: defaultCycleSettings,
	messages,
	title: 'cycle.title',
	method: 'cycle.method',
	takeaway({ summary }, f) {
		if (summary.median_gap === null) return null;
		return f.tn('cycle.takeaway', summary.due_customers, {
			median: f.tn('cycle.days', summary.median_gap, { n: f.num(summary.median_gap) }),
			p25: f.num(summary.p25_gap),
			p75: f.num(summary.p75_gap),
			due: f.num(summary.due_customers)
		});
	},
	section: () => import('./Section.svelte'),
	chart: () => import('./chart'),
	// The due list follows the lifecycle section's churn threshold.
	dependsOn: ['lifecycle'],
	prepare(_scope, settings, context) {
		return { ...settings, stageSql: context.derivedSql(STAGE_FIELD) };
	},
	derives: [
		{
			// Every customer in scope has a value (due-status.ts). With its settings
			// as prepared (stageSql), 'due' is exactly the due list; without them no one is churned.
			key: 'due_status',
			label: 'cycle.dueStatus',
			sql: buildCycleDueStatusSql,
			valueLabel: (value) => messageKey(messages, `dueStatus.${value}`)
		}
	]
};
