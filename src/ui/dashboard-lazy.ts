// The dashboard chunk: the analyses (SQL), their state and sections, fetched when the first file
// is given (App.svelte), while DuckDB reads it, so the empty page loads less JavaScript.
import { ANALYSES } from '../core/analyses';
import { Dashboard } from '../state/dashboard.svelte';

export { default as ReadyView } from './ReadyView.svelte';

export function createDashboard(): Dashboard {
	return new Dashboard(ANALYSES);
}
