// The scope and settings the dashboard uses right after a load (src/state/dashboard.svelte.ts:
// reset(as_of), default settings, each analysis's `prepare`), and the filter date both sides use.

/** Scope after Dashboard.reset(asOf) with no customers file. */
export function defaultScope(asOf) {
	return { asOf, from: null, to: null, filter: null, hasCustomers: false, customerColumns: [] };
}

/** Settings as Dashboard.prepared() builds them with nothing changed by the user. */
export function preparedSettings(analyses, a, scope) {
	const settingsOf = (id) => ({ ...(analyses.find((x) => x.def.id === id)?.defaults ?? {}) });
	const settings = { ...a.defaults };
	return a.prepare ? a.prepare(scope, settings, settingsOf) : settings;
}

/** 'YYYY-MM-DD' one year before the as-of date, or the first order date if that is later. */
export function filterDate(asOf, firstDate) {
	const d = new Date(`${asOf}T00:00:00Z`);
	d.setUTCFullYear(d.getUTCFullYear() - 1);
	const iso = d.toISOString().slice(0, 10);
	return firstDate && firstDate > iso ? firstDate : iso;
}
