/**
 * The canonical `customers` table's columns as a mapping gives them: plain, without the SQL that
 * builds the table (canonical-customers.ts), so the page's state can list them before the load
 * pipeline is fetched.
 */
import type { CustomersMapping } from './types';

export interface CustomersOptions {
	/** Year the ages in the file refer to; without it an `age` column gives no birth_year. */
	ageReferenceYear?: number;
}

/** The canonical column names `customers` will have besides customer_id, in order. */
export function customerColumns(m: CustomersMapping, opts: CustomersOptions = {}): string[] {
	const r = m.roles;
	const cols: string[] = [];
	if (r.signup_date) cols.push('signup_date');
	if (r.gender) cols.push('gender');
	if (r.birth_date || r.birth_year || (r.age && opts.ageReferenceYear !== undefined)) {
		cols.push('birth_year');
	}
	if (r.region) cols.push('region');
	if (r.income) cols.push('income');
	return [...cols, ...m.attributes.map((a) => a.column)];
}
