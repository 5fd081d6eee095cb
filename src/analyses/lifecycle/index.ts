// Lifecycle stages, stages over time and migration (sql.ts).
import { messageKey, type AnalysisModule } from '../types';
import {
	buildLifecycleStageSql,
	defaultLifecycleSettings,
	lifecycleAnalysis,
	type LifecycleResult,
	type LifecycleSettings
} from './sql';
import { messages, type LifecycleKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const lifecycle: AnalysisModule<LifecycleSettings, LifecycleResult, LifecycleKey> = {
	id: lifecycleAnalysis.id,
	def: lifecycleAnalysis,
	defaults: defaultLifecycleSettings,
	messages,
	title: 'lifecycle.title',
	method: 'lifecycle.method',
	takeaway(result, f) {
		const top = [...result.stages].sort((a, b) => b.customers - a.customers)[0];
		if (!top || top.customers === 0) return null;
		const name = messageKey(messages, `stage.${top.stage}`);
		return f.tn('lifecycle.takeaway', top.customers, {
			stage: name ? f.t(name) : top.stage,
			customers: f.num(top.customers),
			share: f.pct(top.share)
		});
	},
	section: () => import('./Section.svelte'),
	chart: charts,
	derives: [
		{
			key: 'lifecycle_stage',
			label: 'lifecycle.stage',
			sql: buildLifecycleStageSql,
			valueLabel: (value) => messageKey(messages, `stage.${value}`)
		}
	]
};
