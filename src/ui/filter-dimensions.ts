// The columns the global dimension filter offers, with the labels the page shows for them: the
// Controls list them, and the chart caption and download names name the chosen one the same way.
import type { Session } from '../state/session.svelte';
import type { MessageKey } from '../i18n/messages.en';

export interface FilterDimension {
	/** '<table>:<column>', the select's value. */
	key: string;
	table: 'orders' | 'customers';
	column: string;
	label: string;
}

type FilterSource = Pick<Session, 'mapping' | 'summary' | 'customersMapping' | 'customerColumns'>;

/** Orders dimensions, the category role, then the customers file's categorical columns. */
export function filterDimensions(
	session: FilterSource,
	t: (key: MessageKey) => string
): FilterDimension[] {
	const out: FilterDimension[] = [];
	for (const d of session.mapping?.dimensions ?? []) {
		out.push({ key: `orders:${d.column}`, table: 'orders', column: d.column, label: d.label });
	}
	if (session.mapping?.roles.category) {
		out.push({
			key: 'orders:category',
			table: 'orders',
			column: 'category',
			label: t('role.category')
		});
	}
	if (session.summary && session.customersMapping) {
		for (const c of session.customerColumns.filter((x) => x.categorical)) {
			out.push({
				key: `customers:${c.column}`,
				table: 'customers',
				column: c.column,
				label: c.label
			});
		}
	}
	return out;
}
