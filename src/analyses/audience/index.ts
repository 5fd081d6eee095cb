// Audience builder: conditions over every per-customer field, count, export and comparison (sql.ts).
import type { AnalysisModule } from '../types';
import {
	audienceAnalysis,
	defaultAudienceSettings,
	type AudienceResult,
	type AudienceSettings
} from './sql';
import { messages, type AudienceKey } from './messages';

export const audience: AnalysisModule<AudienceSettings, AudienceResult, AudienceKey> = {
	id: audienceAnalysis.id,
	def: audienceAnalysis,
	defaults: defaultAudienceSettings,
	messages,
	title: 'audience.title',
	method: 'audience.method',
	takeaway({ count }, f) {
		if (count.all_customers === 0 || count.customers === count.all_customers) return null;
		return f.tn('audience.takeaway', count.customers, {
			customers: f.num(count.customers),
			share: f.pct(count.revenue_share)
		});
	},
	section: () => import('./Section.svelte'),
	// Conditions may read any derived field: re-run (and run) after every analysis deriving one.
	dependsOn: 'derived',
	prepare(_scope, settings, context) {
		// Every derived field's statement with its owner's settings: the field list and the SQL
		// read only those the conditions name.
		const derived = context.derivedKeys.flatMap((key) => {
			const q = context.derivedSql(key);
			return q ? [{ key, sql: q, identity: context.derivedIdentity(key) }] : [];
		});
		return { ...settings, derived };
	}
};
