// Loyalty programme: points and tiers replayed on the purchase history (sql.ts, ledger.ts).
import { messageKey, type AnalysisModule } from '../types';
import {
	buildLoyaltyTierSql,
	defaultLoyaltySettings,
	loyaltyAnalysis,
	type LoyaltyResult,
	type LoyaltySettings
} from './sql';
import { messages, type LoyaltyKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

/** A tier's name as shown: a preset's name translated, a name the user typed as it is. */
export function tierLabel(t: (key: LoyaltyKey) => string, name: string): string {
	const key = messageKey(messages, `tier.${name}`);
	return key ? t(key) : name;
}

export const loyalty: AnalysisModule<LoyaltySettings, LoyaltyResult, LoyaltyKey> = {
	id: loyaltyAnalysis.id,
	def: loyaltyAnalysis,
	defaults: defaultLoyaltySettings,
	messages,
	title: 'loyalty.title',
	method: 'loyalty.method',
	takeaway(result, f) {
		if (result.status !== 'ok') return null;
		const c = result.current;
		const members = c.tiers.reduce((n, t) => n + t.members, 0);
		const top = c.tiers.at(-1)!.members;
		return f.t('loyalty.takeaway', {
			cost: f.pct(c.costShare, 1),
			liability: f.money(c.liability),
			top: f.num(top),
			share: f.pct(members > 0 ? top / members : null, 1)
		});
	},
	section: () => import('./Section.svelte'),
	chart: () => import('./chart'),
	// The points ledger runs in a Web Worker in the page (compute.ts).
	compute: () => import('./compute'),
	derives: [
		{
			// Each member's simulated tier at the as-of date, by name (the current rules).
			key: 'loyalty_tier',
			label: 'loyalty.tierField',
			sql: buildLoyaltyTierSql,
			valueLabel: (value) => messageKey(messages, `tier.${value}`)
		}
	]
};
