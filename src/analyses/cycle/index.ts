// Purchase cycle: gaps between purchases, next purchase due (sql.ts).
import type { AnalysisModule } from '../types';
import { cycleAnalysis, defaultCycleSettings, type CycleResult, type CycleSettings } from './sql';
import { messages, type CycleKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const cycle: AnalysisModule<CycleSettings, CycleResult, CycleKey> = {
	id: cycleAnalysis.id,
	def: cycleAnalysis,
	defaults: defaultCycleSettings,
	messages,
	title: 'cycle.title',
	section: () => import('./Section.svelte'),
	chart: () => import('./chart')
};
