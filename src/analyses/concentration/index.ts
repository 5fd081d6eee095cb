// Value concentration: Pareto curve, top shares, Gini, ABC tiers (sql.ts).
import { sql } from '../../core/sql';
import { messageKey, type AnalysisModule } from '../types';
import {
	buildConcentrationQueries,
	concentrationAnalysis,
	defaultConcentrationSettings,
	type ConcentrationResult,
	type ConcentrationSettings
} from './sql';
import { messages, type ConcentrationKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const concentration: AnalysisModule<
	ConcentrationSettings,
	ConcentrationResult,
	ConcentrationKey
> = {
	id: concentrationAnalysis.id,
	def: concentrationAnalysis,
	defaults: defaultConcentrationSettings,
	messages,
	title: 'concentration.title',
	method: 'concentration.method',
	takeaway(result, f) {
		// The 20 % row when it is there (the 80/20 reading), else the largest share asked for.
		const rows = result.top_shares;
		const row = rows.find((r) => r.top_percent === 20) ?? rows[rows.length - 1];
		if (!row || result.summary.customers === 0) return null;
		return f.t('concentration.takeaway', {
			k: row.top_percent,
			share: f.pct(row.share_revenue),
			gini: f.num(result.summary.gini, 3)
		});
	},
	section: () => import('./Section.svelte'),
	chart: () => import('./chart'),
	derives: [
		{
			// The section's own per-customer list (same tier shares): customers with net revenue
			// ≤ 0 are not ranked, so they have no tier (missing in the audience).
			key: 'abc_tier',
			label: 'conc.abcTier',
			sql(scope, settings) {
				const customers = buildConcentrationQueries(scope, settings).customers;
				return sql`SELECT customer_id, CAST(tier AS VARCHAR) AS value FROM (${customers})`;
			},
			valueLabel: (value) => messageKey(messages, `tier.${value}`)
		}
	]
};
