// Customer value forecast: BG/NBD + Gamma-Gamma, P(alive) and CLV (sql.ts, job.ts, model/).
import type { AnalysisModule } from '../types';
import { messageKey } from '../types';
import {
	clvAnalysis,
	clvFitKey,
	defaultClvSettings,
	type ClvResult,
	type ClvSettings
} from './sql';
import { derivedStatement } from './queries';
import { messages, type ClvKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const clv: AnalysisModule<ClvSettings, ClvResult, ClvKey> = {
	id: clvAnalysis.id,
	def: clvAnalysis,
	defaults: defaultClvSettings,
	messages,
	title: 'clv.title',
	method: 'clv.method',
	takeaway({ totals }, f) {
		if (!totals || totals.clv === null || totals.customers === 0) return null;
		return f.tn('clv.takeaway', totals.customers, {
			purchases: f.num(totals.expected_purchases),
			clv: f.money(totals.clv),
			customers: f.num(totals.customers),
			slipping: f.num(totals.slipping)
		});
	},
	section: () => import('./Section.svelte'),
	chart: charts,
	// The fit runs in a Web Worker in the page (compute.ts), loaded with the dashboard.
	compute: () => import('./compute'),
	// Both read the fit's prediction tables: they exist once this section has run with the same
	// scope and settings (the dashboard runs it after each load and scope change).
	derives: [
		{
			key: 'clv_decile',
			label: 'clv.decile',
			sql: (scope, settings) =>
				derivedStatement(scope, settings, clvFitKey(scope, settings), 'clv_decile'),
			valueLabel: (value) => messageKey(messages, `clv.decile.${value}`)
		},
		{
			key: 'p_alive_band',
			label: 'clv.aliveBand',
			sql: (scope, settings) =>
				derivedStatement(scope, settings, clvFitKey(scope, settings), 'p_alive_band'),
			valueLabel: (value) => messageKey(messages, `clv.band.${value}`)
		}
	]
};
