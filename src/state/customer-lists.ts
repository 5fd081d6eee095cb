import type { Engine } from '../db/engine';
import type { Sql } from '../core/sql';
import {
	contactColumns,
	perCustomerColumns,
	perCustomerStatsQuery,
	withContacts,
	type ContactColumn,
	type ContactSources,
	type ListFilter
} from '../core/contacts';

/** A customer list's rows and the contact columns they carry (keyed by ContactColumn.key). */
export interface CustomerList {
	rows: Record<string, unknown>[];
	contacts: ContactColumn[];
}

/**
 * Customer lists for download with their contact columns (core/contacts.ts). Which orders-file
 * columns are per-customer is counted once per data set (one pass over the lines), not per list.
 */
export class CustomerLists {
	private perCustomerKey: string | null = null;
	private perCustomerColumns: string[] = [];

	/** The list `q` with `sources`' contact columns, only the rows `keep` keeps. */
	async query(
		engine: Engine,
		dataVersion: number,
		q: Sql,
		sources: ContactSources,
		keep?: ListFilter
	): Promise<CustomerList> {
		const contacts = contactColumns(sources, await this.perCustomer(engine, dataVersion, sources));
		const rows = await engine.query<Record<string, unknown>>(
			withContacts(q, sources, contacts, keep)
		);
		return { rows, contacts };
	}

	private async perCustomer(
		engine: Engine,
		dataVersion: number,
		sources: ContactSources
	): Promise<string[]> {
		const o = sources.orders;
		if (!o || o.columns.length === 0) return [];
		const key = JSON.stringify([dataVersion, o]);
		if (key !== this.perCustomerKey) {
			const [stats] = await engine.query<Record<string, unknown>>(perCustomerStatsQuery(o));
			this.perCustomerColumns = perCustomerColumns(o, stats ?? {});
			this.perCustomerKey = key;
		}
		return this.perCustomerColumns;
	}
}
