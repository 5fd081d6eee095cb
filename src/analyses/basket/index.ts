// Bought together: association rules and per-customer recommendations (sql.ts, job.ts, mine/).
import type { AnalysisModule, LoadedData } from '../types';
import {
	basketAnalysis,
	buildRecommendedProductSql,
	defaultBasketSettings,
	type BasketResult,
	type BasketSettings
} from './sql';
import { messages, type BasketKey } from './messages';
import type { BasketSource, ItemLevel } from './settings';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

/**
 * The source the baskets are read from: a basket file alone or orders alone leave no choice;
 * with both, the user's choice, by default the basket file (loaded for this analysis only).
 */
export function basketSource(data: LoadedData, chosen: BasketSource | null): BasketSource {
	if (!data.orders) return 'baskets';
	if (!data.baskets) return 'orders';
	return chosen ?? 'baskets';
}

/**
 * The item level of order baskets: the chosen one when its column is mapped, else the mapped
 * one (product before category); with neither mapped the choice stands (no basket then).
 */
export function basketItemLevel(data: LoadedData, chosen: ItemLevel): ItemLevel {
	return data.lineRoles.includes(chosen) ? chosen : (data.lineRoles[0] ?? chosen);
}

export const basket: AnalysisModule<BasketSettings, BasketResult, BasketKey> = {
	id: basketAnalysis.id,
	def: basketAnalysis,
	defaults: defaultBasketSettings,
	messages,
	title: 'basket.title',
	method: 'basket.method',
	takeaway(result, f) {
		const top = result.rules[0];
		if (result.status !== 'ok' || !top) return null;
		const best = result.rules.reduce((a, r) => (r.lift > a.lift ? r : a), top);
		return f.t('basket.takeaway', {
			rules: f.num(result.rules.length),
			baskets: f.num(result.baskets),
			lhs: best.lhs.join(', ') || '∅',
			rhs: best.rhs,
			lift: f.num(best.lift, 2)
		});
	},
	section: () => import('./Section.svelte'),
	chart: () => import('./chart'),
	// Mining runs in a Web Worker in the page (compute.ts), loaded with the dashboard.
	compute: () => import('./compute'),
	// A basket file alone (no orders, no dates) is what this analysis is for.
	basketFiles: true,
	// It reads scoped_orders only (a scan of `orders`, never materialised), not the per-customer
	// tables, so it never waits for the scope's materialisation (and with basket files alone there
	// are no orders to materialise).
	beforeScope: true,
	derives: [
		{
			// Each customer's first recommendation, scored in SQL from the rules the run stored
			// (recommended.ts); the item's name is the value.
			key: 'recommended_product',
			label: 'basket.recommendedProduct',
			sql: buildRecommendedProductSql,
			valueLabel: () => null
		}
	],
	prepare(_scope, settings, { data }) {
		return {
			...settings,
			source: basketSource(data, settings.source),
			itemLevel: basketItemLevel(data, settings.itemLevel)
		};
	}
};
