import type { I18n } from '../i18n/i18n.svelte';
import type { Session } from '../state/session.svelte';

/** A dimension the user can pick (breakdown, cohort split, filter). */
export interface DimensionOption {
	key: string;
	table: 'orders' | 'customers';
	column: string;
	label: string;
	numeric: boolean;
}

/**
 * The loaded data set's dimensions: the orders' category and extra columns, then the customers
 * file's columns (its signup date is a date, not a dimension).
 */
export function dimensionOptions(
	session: Pick<Session, 'mapping' | 'customerColumns'>,
	i18n: I18n
): DimensionOption[] {
	const out: DimensionOption[] = [];
	const m = session.mapping;
	if (m?.roles.category) {
		out.push({
			key: 'orders:category',
			table: 'orders',
			column: 'category',
			label: i18n.t('role.category'),
			numeric: false
		});
	}
	for (const d of m?.dimensions ?? []) {
		out.push({
			key: `orders:${d.column}`,
			table: 'orders',
			column: d.column,
			label: d.label,
			numeric: d.numeric === true
		});
	}
	for (const c of session.customerColumns) {
		if (c.column === 'signup_date') continue;
		out.push({
			key: `customers:${c.column}`,
			table: 'customers',
			column: c.column,
			label: c.label,
			numeric: !c.categorical
		});
	}
	return out;
}
