import { contactSources, type ContactSources } from '../core/contacts';
import type { Session } from '../state/session.svelte';

type LoadedFiles = Pick<
	Session,
	'mapping' | 'ordersReport' | 'customersMapping' | 'customersReport'
>;

/** The loaded files' raw tables and columns that customer lists read contact columns from. */
export function contactSourcesOf(session: LoadedFiles): ContactSources {
	const names = (r: { columns: readonly { name: string }[] }) => r.columns.map((c) => c.name);
	const { mapping, ordersReport, customersMapping, customersReport } = session;
	return contactSources(
		mapping && ordersReport ? { mapping, columns: names(ordersReport) } : null,
		customersMapping && customersReport
			? { mapping: customersMapping, columns: names(customersReport) }
			: null
	);
}
