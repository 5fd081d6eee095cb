// Customer feedback: NPS / CSAT by month and customer group, churn after feedback, complaint
// themes (sql.ts).
import { messageKey, type AnalysisModule } from '../types';
import {
	buildNpsGroupSql,
	defaultFeedbackSettings,
	feedbackAnalysis,
	type FeedbackResult,
	type FeedbackSettings
} from './sql';
import { messages, type FeedbackKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

/** The other analyses' fields the responses are joined to, by the keys their owners give them. */
export const SEGMENT_FIELD = 'rfm_segment';
export const STAGE_FIELD = 'lifecycle_stage';
export const TIER_FIELD = 'abc_tier';

export const feedback: AnalysisModule<FeedbackSettings, FeedbackResult, FeedbackKey> = {
	id: feedbackAnalysis.id,
	def: feedbackAnalysis,
	defaults: defaultFeedbackSettings,
	messages,
	title: 'feedback.title',
	method: 'feedback.method',
	takeaway(result, f) {
		const s = result.summary;
		if (!result.loaded || s.n === 0 || s.score === null) return null;
		const nps = s.scale === 'nps';
		const sentence = f.tn('feedback.takeaway', s.n, {
			metric: f.t(nps ? 'fb.metric.nps' : 'fb.metric.csat'),
			score: f.num(s.score, 1),
			n: f.num(s.n),
			low: f.num(s.low, 1),
			high: f.num(s.high, 1)
		});
		const top = [...result.themes].sort((a, b) => b.responses - a.responses)[0];
		if (!top || top.responses === 0) return sentence;
		const key = messageKey(messages, `fbtheme.${top.theme}`);
		const theme = key ? f.t(key) : top.theme;
		return `${sentence} ${f.t('feedback.takeawayTheme', { theme, share: f.pct(top.share) })}`;
	},
	section: () => import('./Section.svelte'),
	chart: charts,
	// Scores by segment, stage and tier follow those sections' settings.
	dependsOn: ['rfm', 'lifecycle', 'concentration'],
	prepare(_scope, settings, context) {
		return {
			...settings,
			hasFeedback: context.data.feedback,
			segmentSql: context.derivedSql(SEGMENT_FIELD),
			stageSql: context.derivedSql(STAGE_FIELD),
			tierSql: context.derivedSql(TIER_FIELD)
		};
	},
	derives: [
		{
			// Every customer in scope: the group of their latest scored response, or 'none'.
			key: 'nps_group',
			label: 'fb.npsGroup',
			sql: buildNpsGroupSql,
			valueLabel: (value) => messageKey(messages, `npsGroup.${value}`)
		}
	]
};
