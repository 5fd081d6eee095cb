// Overview: headline KPIs and revenue by month (sql.ts).
import type { AnalysisModule } from '../types';
import { overviewAnalysis, type OverviewResult, type OverviewSettings } from './sql';
import { messages, type OverviewKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const overview: AnalysisModule<OverviewSettings, OverviewResult, OverviewKey> = {
	id: overviewAnalysis.id,
	def: overviewAnalysis,
	defaults: {},
	messages,
	title: 'overview.title',
	method: 'overview.method',
	takeaway: ({ kpis }, f) =>
		kpis.customers > 0
			? f.tn('overview.takeaway', kpis.customers, {
					customers: f.num(kpis.customers),
					orders: f.num(kpis.orders),
					revenue: f.money(kpis.revenue),
					repeat: f.pct(kpis.repeat_rate)
				})
			: null,
	section: () => import('./Section.svelte'),
	chart: charts,
	beforeScope: true
};
