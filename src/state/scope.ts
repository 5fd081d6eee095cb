import type { Scope } from '../core/scope';
import type { ReturnsPolicy } from '../core/types';
import type { Dashboard } from './dashboard.svelte';

/** What the scope needs from the loaded data set (Session provides it). */
export interface ScopeData {
	customersMapping: object | null;
	customerColumns: readonly { column: string }[];
	/** How the load treated returns (the overview reads `tx` lines without a customer id). */
	returns?: ReturnsPolicy;
}

/**
 * The one scope builder: the dashboard's controls (as-of, date range, filter) over the loaded data
 * set (customers file or not, its columns). Null until a data set sets the as-of date.
 */
export function currentScope(data: ScopeData, dashboard: Dashboard): Scope | null {
	const scope = dashboard.scope(
		data.customersMapping !== null,
		data.customerColumns.map((c) => c.column)
	);
	return scope && data.returns === 'exclude' ? { ...scope, returns: 'exclude' } : scope;
}
