import type { Scope } from '../core/scope';
import type { OrdersMapping, ReturnsPolicy } from '../core/types';
import type { LoadedData } from '../analyses/types';
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

/** What the session holds that decides what the analyses read (Session provides it). */
export interface LoadedSource {
	/** The orders' load summary: set once they are built. */
	summary: object | null;
	/** The basket files' summary, a new object per load. */
	basketsSummary: object | null;
	mapping: OrdersMapping | null;
	/** The feedback files' summary (issue 21), a new object per load; absent or null: none. */
	feedbackSummary?: object | null;
}

/** The loaded data set as the analyses' prepare sees it (PrepareContext.data). */
export function loadedData(s: LoadedSource): LoadedData {
	const roles = s.mapping?.roles ?? {};
	return {
		orders: s.summary !== null,
		baskets: s.basketsSummary !== null,
		lineRoles: (['product', 'category'] as const).filter((r) => Boolean(roles[r])),
		feedback: s.feedbackSummary != null
	};
}
