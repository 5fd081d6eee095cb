/**
 * The customers table's columns with their display labels, and the options its ages are read
 * with: plain functions the page's state uses before the load pipeline (build.ts) is fetched.
 */
import { customerColumns, type CustomersOptions } from '../../core/customer-columns';
import type { CustomersMapping } from '../../core/types';
import type { LoadSummary } from './build';

/** Ages in a customers file are taken as of the year of the last order. */
export function customersOptions(summary: LoadSummary | null | undefined): CustomersOptions {
	const year = summary?.last_date ? Number(summary.last_date.slice(0, 4)) : undefined;
	return year ? { ageReferenceYear: year } : {};
}

export interface CustomerColumn {
	column: string;
	label: string;
	categorical: boolean;
}

/**
 * Columns of the canonical `customers` table besides customer_id, with display labels: an
 * attribute's own label, a role's source column, else the canonical name.
 */
export function customerColumnLabels(
	cm: CustomersMapping | null,
	summary: LoadSummary | null
): CustomerColumn[] {
	if (!cm || !cm.roles.customer_id) return [];
	const r = cm.roles;
	const roleLabels: Record<string, string | undefined> = {
		signup_date: r.signup_date,
		gender: r.gender,
		birth_year: r.birth_year ?? r.birth_date ?? r.age,
		region: r.region,
		income: r.income
	};
	return customerColumns(cm, customersOptions(summary)).map((column) => {
		const attr = cm.attributes.find((a) => a.column === column);
		return {
			column,
			label: attr?.label ?? roleLabels[column] ?? column,
			categorical: attr ? !attr.numeric : column === 'gender' || column === 'region'
		};
	});
}
