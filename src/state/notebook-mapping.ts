// The column mapping saved with a notebook (model.ts NotebookMapping) and the session's: what to
// save, whether the loaded data is what the notebook was written for, and what an opened
// notebook's mapping would change in the loaded data (offered, applied only when the user agrees;
// never written into the remembered mappings: a link or file from elsewhere must not change how
// the user's later files are read).
import { headerSignature } from '../core/columns';
import { fitFormats, type FormatMisfit } from '../core/formats-fit';
import type { FileMapping, NotebookMapping } from '../core/notebook/model';
import type { ReturnsPolicy } from '../core/types';
import type { LoadReport } from '../core/ingest/types';
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

/** The loaded orders file and how it is mapped (on the mapping screen or in force). */
export interface LoadedOrders {
	file: string;
	signature: string;
	columns: { name: string; samples: string[] }[];
	roles: Record<string, string>;
	dateFormat: string;
	decimal: '.' | ',';
	returns: ReturnsPolicy;
}

export function loadedOrders(session: Session): LoadedOrders | null {
	const report = session.ordersReport;
	const m = session.mapping;
	if (!report || !m || (session.phase !== 'ready' && session.phase !== 'mapping')) return null;
	return {
		file: report.file,
		signature: signatureOf(report),
		columns: report.columns.map((c) => ({ name: c.name, samples: c.samples })),
		roles: roles(m.roles),
		dateFormat: m.dateFormat.format,
		decimal: m.numberFormat.decimal,
		returns: session.returns
	};
}

/** What applying an opened notebook's mapping would change in the loaded orders file. */
export interface MappingOffer {
	/** The file the notebook was written for, and the loaded one (same columns). */
	expected: string;
	loaded: string;
	/** What differs; null/false where the notebook agrees with the loaded data. */
	roles: boolean;
	dateFormat: string | null;
	decimal: '.' | ',' | null;
	returns: ReturnsPolicy | null;
	/** Offered formats that do not fit the loaded file's values (a warning beside the offer). */
	misfits: FormatMisfit[];
}

/**
 * The notebook's orders mapping as an offer for the loaded file: null unless the file has the
 * same columns (header signature) and the notebook maps it differently.
 */
export function mappingOffer(
	saved: NotebookMapping,
	loaded: LoadedOrders | null
): MappingOffer | null {
	const o = saved.orders;
	if (!loaded || loaded.signature !== o.signature) return null;
	const names = new Set(loaded.columns.map((c) => c.name));
	if (!Object.values(o.roles).every((c) => names.has(c))) return null;
	const offer: MappingOffer = {
		expected: o.file,
		loaded: loaded.file,
		roles: JSON.stringify(sorted(o.roles)) !== JSON.stringify(sorted(loaded.roles)),
		dateFormat: o.dateFormat !== loaded.dateFormat ? o.dateFormat : null,
		decimal: o.decimal !== loaded.decimal ? o.decimal : null,
		returns: saved.returns !== loaded.returns ? saved.returns : null,
		misfits: []
	};
	if (!offer.roles && !offer.dateFormat && !offer.decimal && !offer.returns) return null;
	const samples = (col: string | undefined) =>
		loaded.columns.find((c) => c.name === col)?.samples ?? [];
	const fit = fitFormats(
		{ dateFormat: { format: o.dateFormat }, numberFormat: { decimal: o.decimal } },
		{ date: samples(o.roles.order_date), amount: samples(o.roles.amount ?? o.roles.unit_price) }
	);
	offer.misfits = fit.misfits.filter((m) => (m.kind === 'date' ? offer.dateFormat : offer.decimal));
	return offer;
}

/** The file names a notebook needs, orders first. */
export function expectedFiles(m: NotebookMapping | null): string[] {
	if (!m) return [];
	return [m.orders.file, ...(m.customers ? [m.customers.file] : [])];
}
