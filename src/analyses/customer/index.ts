/**
 * Customer search and the one-customer profile (issue 19).
 *
 * Not a manifest of the registry, on purpose: an analysis there runs over the whole scope after
 * every load and scope change, has a section in the page's order, notebook cells and a native run
 * in the bench. The profile computes nothing over the scope of its own: it reads, for one customer
 * the person picks, what the registered analyses compute (their derived fields with their current
 * settings, the RFM list's row, the lifecycle thresholds), with single-customer predicates, when
 * asked. So it is a feature of the page (App.svelte: the search in the controls bar, the profile
 * as a dialog over whatever view is open, opened from any customer id through the app context's
 * openCustomer), kept in this folder with its SQL (search.ts, sql.ts), chart and messages.
 */
export { messages, type CustomerKey } from './messages';

/** The chart specs (one loader, so the chunk is fetched once). */
export const charts = () => import('./chart');
