// The dashboard chunk: the analyses (SQL), their state and sections, fetched when the first file
// is given (App.svelte), while DuckDB reads it, so the empty page loads less JavaScript.
import type { Component } from 'svelte';
import { ANALYSES } from '../analyses';
import type { AnalysisModule, SectionProps } from '../analyses/types';
import { loadModule } from '../charts/load';
import { Dashboard } from '../state/dashboard.svelte';

export { default as ReadyView } from './ReadyView.svelte';
export { default as CustomerProfile } from '../analyses/customer/Profile.svelte';

export function createDashboard(): Dashboard {
	return new Dashboard(ANALYSES);
}

export interface LoadedSection {
	id: string;
	module: AnalysisModule;
	Section: Component<SectionProps>;
}

/**
 * Every analysis' section component, in registry order: the dashboard is drawn once they are all
 * here (each is a small chunk of its own), so sections never pop in one by one.
 */
export async function loadSections(): Promise<LoadedSection[]> {
	const modules = await Promise.all(ANALYSES.map((a) => a.section()));
	return ANALYSES.map((a, i) => ({ id: a.id, module: a, Section: modules[i]!.default }));
}

/**
 * Every analysis' chart specs (their chunks beside Plot's), fetched ahead of the first chart. By
 * the manifest's own loader (the section's `charts`), so the module is fetched and cached once.
 */
export function prefetchCharts(): Promise<unknown> {
	return Promise.all(ANALYSES.map((a) => (a.chart ? loadModule(a.chart) : null)));
}
