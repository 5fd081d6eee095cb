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
	method: 'cohort.method',
	takeaway(result, f) {
		// Period 1 averaged over every split, weighted by cohort size as the section's average row.
		const avg = result.average.filter((r) => r.k === 1);
		const size = avg.reduce((s, r) => s + r.cohort_size, 0);
		const best = result.rows
			.filter((r) => r.k === 1 && r.complete && !r.censored)
			.reduce<(typeof result.rows)[number] | null>(
				(b, r) => (b === null || r.retention > b.retention ? r : b),
				null
			);
		if (size === 0 || !best) return null;
		const rate = avg.reduce((s, r) => s + r.customers, 0) / size;
		const label = (best.split === null ? '' : `${best.split} `) + best.cohort.slice(0, 10);
		return f.t('cohort.takeaway', {
			rate: f.pct(rate),
			cohort: label,
			best: f.pct(best.retention)
		});
	},
	section: () => import('./Section.svelte'),
	chart: () => import('./chart')
};
