// RFM: recency, frequency and monetary scores and segments (sql.ts, presets.ts).
import { raw, sql } from '../../core/sql';
import { messageKey, type AnalysisModule, type DerivedField } from '../types';
import {
	buildRfmQueries,
	defaultRfmSettings,
	rfmAnalysis,
	type RfmResult,
	type RfmSettings
} from './sql';
import { messages, type RfmKey } from './messages';

/**
 * A 1–5 score of the section's customer list (column r, f or m of buildRfmQueries' `customers`,
 * so the same scoring settings), as text '1' … '5'; customers with returns only are not scored.
 */
function scoreField(
	key: string,
	column: 'r' | 'f' | 'm',
	label: RfmKey
): DerivedField<RfmSettings, RfmKey> {
	return {
		key,
		label,
		sql(scope, settings) {
			const customers = buildRfmQueries(scope, settings).customers;
			return sql`SELECT customer_id, CAST(${raw(column)} AS VARCHAR) AS value FROM (${customers})`;
		},
		valueLabel: (value) => messageKey(messages, `rfm.score.${value}`)
	};
}

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const rfm: AnalysisModule<RfmSettings, RfmResult, RfmKey> = {
	id: rfmAnalysis.id,
	def: rfmAnalysis,
	defaults: defaultRfmSettings,
	messages,
	title: 'rfm.title',
	method: 'rfm.method',
	takeaway(result, f) {
		const top = [...result.segments].sort((a, b) => b.revenue - a.revenue)[0];
		if (!top || top.customers === 0) return null;
		const name = messageKey(messages, `seg.${top.segment}`);
		return f.t('rfm.takeaway', {
			segment: name ? f.t(name) : top.segment,
			revenue: f.pct(top.share_revenue),
			customers: f.pct(top.share_customers)
		});
	},
	section: () => import('./Section.svelte'),
	chart: charts,
	derives: [
		{
			key: 'rfm_segment',
			label: 'rfm.segment',
			sql(scope, settings) {
				const customers = buildRfmQueries(scope, settings).customers;
				return sql`SELECT customer_id, CAST(segment AS VARCHAR) AS value FROM (${customers})`;
			},
			valueLabel: (value) => messageKey(messages, `seg.${value}`)
		},
		scoreField('rfm_r_score', 'r', 'rfm.rScore'),
		scoreField('rfm_f_score', 'f', 'rfm.fScore'),
		scoreField('rfm_m_score', 'm', 'rfm.mScore')
	]
};
