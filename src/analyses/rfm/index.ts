// RFM: recency, frequency and monetary scores and segments (sql.ts, presets.ts).
import { raw, sql } from '../../core/sql';
import { messageKey, type AnalysisModule, type DerivedField } from '../types';
import type { Scope } from '../../core/scope';
import { statementOver, type OverIntermediate } from '../../core/intermediate';
import { SCORED, scoredIntermediate } from './ctes';
import { defaultRfmSettings, rfmAnalysis, type RfmResult, type RfmSettings } from './sql';
import { messages, type RfmKey } from './messages';

/**
 * A column of the scored customers (the section's customer list: the same scoring settings) as
 * text — the segment, or a 1–5 score '1' … '5'; customers with returns only are not scored. Read
 * from the intermediate RFM's run keeps (issue 22: the breakdown scored RFM a second time).
 */
function scoredField(
	key: string,
	column: 'segment' | 'r' | 'f' | 'm',
	label: RfmKey,
	valuePrefix: string
): DerivedField<RfmSettings, RfmKey> {
	const shared = (scope: Scope, settings: RfmSettings): OverIntermediate => ({
		intermediate: scoredIntermediate(scope, settings),
		select: sql`SELECT customer_id, CAST(${raw(column)} AS VARCHAR) AS value FROM ${raw(SCORED)}`
	});
	return {
		key,
		label,
		shared,
		sql: (scope, settings) => statementOver(shared(scope, settings)),
		valueLabel: (value) => messageKey(messages, `${valuePrefix}${value}`)
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
		scoredField('rfm_segment', 'segment', 'rfm.segment', 'seg.'),
		scoredField('rfm_r_score', 'r', 'rfm.rScore', 'rfm.score.'),
		scoredField('rfm_f_score', 'f', 'rfm.fScore', 'rfm.score.'),
		scoredField('rfm_m_score', 'm', 'rfm.mScore', 'rfm.score.')
	]
};
