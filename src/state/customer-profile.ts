// Reading customer profiles (src/analyses/customer/) for the page: one set of derived-field tables
// (read.ts FieldTables) per dashboard, so what one profile built serves the next, and the search
// can build them while the person types.
import { ANALYSES } from '../analyses';
import { rfm } from '../analyses/rfm';
import { lifecycle } from '../analyses/lifecycle';
import { buildThresholdsQuery, type LifecycleThresholds } from '../analyses/lifecycle/sql';
import type { CustomerProfile } from '../analyses/customer/sql';
import { FieldTables, readCustomerProfile } from '../analyses/customer/read';
import { fieldInputs, profileInput } from '../analyses/customer/input';
import type { Scope } from '../core/scope';
import { measure } from '../core/timing';
import type { Dashboard } from './dashboard.svelte';

const tablesOf = new WeakMap<Dashboard, FieldTables>();

function tables(dashboard: Dashboard): FieldTables {
	let t = tablesOf.get(dashboard);
	if (!t) tablesOf.set(dashboard, (t = new FieldTables()));
	return t;
}

/**
 * Build the derived fields' tables for `scope` and the current settings ahead of a profile (the
 * search got the focus). `version`: the loaded data's (session.dataVersion).
 */
export async function prepareCustomerFields(
	dashboard: Dashboard,
	scope: Scope,
	version: number
): Promise<void> {
	await dashboard.onScope(scope, async (query, s) => {
		const settingsOf = (o: Parameters<Dashboard['settingsOf']>[0]) => dashboard.settingsOf(o);
		const t = tables(dashboard);
		await t.ensure(query, fieldInputs(ANALYSES, s, settingsOf, version, rfm));
		// The RFM list's table too: reading one customer's scores from it is a lookup.
		const input = profileInput(ANALYSES, s, '', settingsOf, null, rfm, version);
		if (input.rfmCustomers) await t.ensureRows(query, 'rfm', input.rfmCustomers, input.rfmIdentity);
	});
}

/**
 * Customer `id`'s profile over `scope` with every section's current settings: the RFM list's row,
 * the lifecycle section's thresholds (its result when it has one, else read), the derived fields.
 */
export async function readProfile(
	dashboard: Dashboard,
	scope: Scope,
	id: string,
	version: number
): Promise<CustomerProfile> {
	const t0 = performance.now();
	const lc = dashboard.stateOf(lifecycle);
	const known = lc.status === 'done' && lc.data ? lc.data.thresholds : null;
	const profile = await dashboard.onScope(scope, async (query, s) => {
		const [thresholds] = known
			? [known]
			: await query<LifecycleThresholds>(buildThresholdsQuery(s, dashboard.prepared(lifecycle, s)));
		const settingsOf = (o: Parameters<Dashboard['settingsOf']>[0]) => dashboard.settingsOf(o);
		const input = profileInput(ANALYSES, s, id, settingsOf, thresholds ?? null, rfm, version);
		return readCustomerProfile(query, input, tables(dashboard));
	});
	measure('customer profile', t0);
	return profile;
}
