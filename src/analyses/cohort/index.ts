// Cohorts: retention and revenue by first-purchase period (sql.ts).
import type { AnalysisModule } from '../types';
import {
	cohortAnalysis,
	defaultCohortSettings,
	type CohortResult,
	type CohortSettings
} from './sql';
import { messages, type CohortKey } from './messages';

/** The chart specs, typed for the section (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');

export const cohort: AnalysisModule<CohortSettings, CohortResult, CohortKey> = {
	id: cohortAnalysis.id,
	def: cohortAnalysis,
	defaults: defaultCohortSettings,
	messages,
	title: 'cohort.title',
	section: () => import('./Section.svelte'),
	chart: () => import('./chart')
};
