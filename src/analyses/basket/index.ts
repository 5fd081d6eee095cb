// Bought together: association rules and per-customer recommendations (sql.ts, job.ts, mine/).
// Not in the registry (src/analyses/index.ts) yet: the section is still to be built and tested.
import type { AnalysisModule } from '../types';
import {
	basketAnalysis,
	defaultBasketSettings,
	type BasketResult,
	type BasketSettings
} from './sql';
import { messages, type BasketKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const basket: AnalysisModule<BasketSettings, BasketResult, BasketKey> = {
	id: basketAnalysis.id,
	def: basketAnalysis,
	defaults: defaultBasketSettings,
	messages,
	title: 'basket.title',
	section: () => import('./Section.svelte'),
	chart: () => import('./chart'),
	// Mining runs in a Web Worker in the page (compute.ts), loaded with the dashboard.
	compute: () => import('./compute')
};
