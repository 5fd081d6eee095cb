// Value concentration: Pareto curve, top shares, Gini, ABC tiers (sql.ts).
import type { AnalysisModule } from '../types';
import {
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
	section: () => import('./Section.svelte'),
	chart: () => import('./chart')
};
