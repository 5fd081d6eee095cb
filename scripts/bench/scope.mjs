// The scope the dashboard uses right after a load (src/state/dashboard.svelte.ts: reset(as_of)),
// and the filter date both sides use. Settings: defaultPreparedSettings (src/analyses).

/** Scope after Dashboard.reset(asOf) with no customers file. */
export function defaultScope(asOf) {
	return { asOf, from: null, to: null, filter: null, hasCustomers: false, customerColumns: [] };
}

/** 'YYYY-MM-DD' one year before the as-of date, or the first order date if that is later. */
export function filterDate(asOf, firstDate) {
	const d = new Date(`${asOf}T00:00:00Z`);
	d.setUTCFullYear(d.getUTCFullYear() - 1);
	const iso = d.toISOString().slice(0, 10);
	return firstDate && firstDate > iso ? firstDate : iso;
}
