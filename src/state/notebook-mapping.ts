// The column mapping saved with a notebook (model.ts NotebookMapping) and the session's: what to
// save, whether the loaded data is what the notebook was written for, and restoring a notebook's
// mapping so that loading its files needs no mapping screen.
import { headerSignature } from '../core/columns';
import type { FileMapping, NotebookMapping } from '../core/notebook/model';
import type { LoadReport } from '../db/load-csv';
import { rememberMapping } from './mapping-memory';
import type { Session } from './session.svelte';

function roles(r: Record<string, string | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(r)) if (typeof v === 'string') out[k] = v;
	return out;
}

function signatureOf(report: LoadReport): string {
	return headerSignature(report.columns.map((c) => c.name));
}

/** The loaded data's mapping, or null when no data set is ready. */
export function sessionMapping(session: Session): NotebookMapping | null {
	const m = session.mapping;
	const report = session.ordersReport;
	if (!m || !report || !session.summary) return null;
	const cm = session.customersMapping;
	const customers = session.customersReport;
	return {
		orders: {
			file: report.file,
			signature: signatureOf(report),
			roles: roles(m.roles),
			dateFormat: m.dateFormat.format,
			decimal: m.numberFormat.decimal
		},
		customers:
			cm && customers
				? { file: customers.file, signature: signatureOf(customers), roles: roles(cm.roles) }
				: null,
		returns: session.returns
	};
}

export interface MappingDifference {
	kind: 'orders' | 'customers';
	/** The file the notebook was written for, and the one loaded (null: none). */
	expected: string;
	loaded: string | null;
	/** 'columns': the loaded file's header differs; 'roles': same header, other role choices. */
	what: 'missing' | 'columns' | 'roles';
}

/** How the loaded data differs from what the notebook expects (empty: it matches). */
export function mappingDifferences(
	saved: NotebookMapping,
	current: NotebookMapping | null
): MappingDifference[] {
	const out: MappingDifference[] = [];
	const compare = (
		kind: 'orders' | 'customers',
		want: FileMapping | null,
		have: FileMapping | null
	) => {
		if (!want) return;
		if (!have) out.push({ kind, expected: want.file, loaded: null, what: 'missing' });
		else if (have.signature !== want.signature) {
			out.push({ kind, expected: want.file, loaded: have.file, what: 'columns' });
		} else if (JSON.stringify(sorted(have.roles)) !== JSON.stringify(sorted(want.roles))) {
			out.push({ kind, expected: want.file, loaded: have.file, what: 'roles' });
		}
	};
	compare('orders', saved.orders, current?.orders ?? null);
	compare('customers', saved.customers, current?.customers ?? null);
	return out;
}

function sorted(r: Record<string, string>): [string, string][] {
	return Object.entries(r).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Remember the notebook's orders mapping for its header signature: when the user then loads a
 * file with that header, the mapping is applied without asking (mapping-memory).
 */
export function rememberNotebookMapping(m: NotebookMapping): void {
	rememberMapping(m.orders.signature, {
		table: 'raw_orders',
		roles: m.orders.roles,
		dateFormat: { format: m.orders.dateFormat },
		numberFormat: { decimal: m.orders.decimal },
		dimensions: []
	});
}

/** The file names a notebook needs, orders first. */
export function expectedFiles(m: NotebookMapping | null): string[] {
	if (!m) return [];
	return [m.orders.file, ...(m.customers ? [m.customers.file] : [])];
}
