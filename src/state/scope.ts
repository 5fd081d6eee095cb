import type { Scope } from '../core/scope';
import type { Dashboard } from './dashboard.svelte';

/** What the scope needs from the loaded data set (Session provides it). */
export interface ScopeData {
	customersMapping: object | null;
	customerColumns: readonly { column: string }[];
}

/**
 * The one scope builder: the dashboard's controls (as-of, date range, filter) over the loaded data
 * set (customers file or not, its columns). Null until a data set sets the as-of date.
 */
export function currentScope(data: ScopeData, dashboard: Dashboard): Scope | null {
	return dashboard.scope(
		data.customersMapping !== null,
		data.customerColumns.map((c) => c.column)
	);
}
