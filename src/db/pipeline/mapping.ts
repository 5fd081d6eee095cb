/**
 * Mapping detection: which column plays which role, in which date and number format, for a
 * loaded orders or customers file — from the header names and sampled values (core/columns,
 * core/formats), or from a mapping remembered for the same header layout. No engine needed: the
 * file's profile (LoadReport.columns) holds everything the detection reads.
 */
import {
	detectCustomerRoles,
	detectOrderRoles,
	headerSignature,
	requiredSatisfied,
	type RoleDetection
} from '../../core/columns';
import { sniffDateFormat, sniffNumberFormat } from '../../core/formats';
import { withGuessedRoles } from '../../core/role-guess';
import { fitFormats, type FormatMisfit } from '../../core/formats-fit';
import type { LoadReport } from '../../core/ingest/types';
import type { CustomerRole, CustomersMapping, OrderRole, OrdersMapping } from '../../core/types';
import { RAW_CUSTOMERS, RAW_ORDERS } from '../tables';

/** What is remembered of a confirmed orders mapping, per header layout (state/mapping-memory). */
export type RememberedMapping = Pick<OrdersMapping, 'roles' | 'dateFormat' | 'numberFormat'>;

/** Look up the mapping remembered for a header signature (core/columns headerSignature). */
export type RecallMapping = (signature: string) => RememberedMapping | null;

/** The orders file's detected (or remembered) mapping, as the mapping screen shows it. */
export interface OrdersMappingProposal {
	detection: RoleDetection<OrderRole>;
	mapping: OrdersMapping;
	/** A remembered mapping for this header layout was used (every column it names is here). */
	remembered: boolean;
	/** Remembered formats that did not fit this file's values (the file's own are used). */
	misfits: FormatMisfit[];
}

export interface CustomersMappingProposal {
	detection: RoleDetection<CustomerRole>;
	mapping: CustomersMapping;
}

/** The header signature of a loaded file: the key its mapping is remembered under. */
export function signatureOf(report: LoadReport): string {
	// An appended set's source column is ours, not the files' layout.
	const names = report.columns.map((c) => c.name).filter((n) => n !== report.sourceColumn);
	return headerSignature(names);
}

/**
 * Propose the orders mapping of a loaded file: the remembered one for its header layout when every
 * column it names is in the file, else the detected roles. A remembered format is checked against
 * this file's values first: where it fits fewer of them than the file's own, the file's is used
 * and listed in `misfits` (the mapping screen stops and says so).
 */
export function proposeOrdersMapping(
	report: LoadReport,
	recall: RecallMapping = () => null
): OrdersMappingProposal {
	// Roles the header names do not give are guessed from the values, at low confidence.
	const detection = withGuessedRoles(
		detectOrderRoles(report.columns),
		report.columns,
		report.rowsLoaded
	);
	const saved = recall(signatureOf(report));
	const names = new Set(report.columns.map((c) => c.name));
	const valid =
		saved !== null && Object.values(saved.roles).every((c) => c === undefined || names.has(c));
	const roles = valid && saved ? { ...saved.roles } : { ...detection.roles };
	const dateCol = report.columns.find((c) => c.name === roles.order_date);
	const amountCol = report.columns.find((c) => c.name === (roles.amount ?? roles.unit_price));
	const samples = { date: dateCol?.samples ?? [], amount: amountCol?.samples ?? [] };
	const formats =
		valid && saved
			? fitFormats(saved, samples)
			: {
					dateFormat: sniffDateFormat(samples.date) ?? { format: '%Y-%m-%d' },
					numberFormat: sniffNumberFormat(samples.amount),
					misfits: []
				};
	const used = Object.values(roles);
	return {
		detection,
		remembered: valid,
		misfits: formats.misfits,
		mapping: {
			table: RAW_ORDERS,
			roles,
			dateFormat: formats.dateFormat,
			numberFormat: formats.numberFormat,
			dimensions: detection.dimensions.filter((d) => !used.includes(d.source))
		}
	};
}

/**
 * The orders mapping `m` gives (roles and formats, e.g. from an opened notebook) for a loaded
 * file, with the file's other detected columns as dimensions; null when `m` names a column the
 * file does not have.
 */
export function mappingFor(
	report: LoadReport,
	detection: RoleDetection<OrderRole> | null,
	m: RememberedMapping
): OrdersMapping | null {
	const names = new Set(report.columns.map((c) => c.name));
	if (!Object.values(m.roles).every((c) => c === undefined || names.has(c))) return null;
	const used = new Set(Object.values(m.roles));
	return {
		table: RAW_ORDERS,
		roles: { ...m.roles },
		dateFormat: { ...m.dateFormat },
		numberFormat: { ...m.numberFormat },
		dimensions: (detection?.dimensions ?? []).filter((d) => !used.has(d.source))
	};
}

/** Propose the customers mapping of a loaded file from its detected roles and sampled formats. */
export function proposeCustomersMapping(report: LoadReport): CustomersMappingProposal {
	const detection = detectCustomerRoles(report.columns);
	const dateCol = report.columns.find((c) => c.name === detection.roles.signup_date);
	const numCol = report.columns.find((c) => c.name === detection.roles.income);
	return {
		detection,
		mapping: {
			table: RAW_CUSTOMERS,
			roles: { ...detection.roles },
			dateFormat: dateCol ? (sniffDateFormat(dateCol.samples) ?? undefined) : undefined,
			numberFormat: sniffNumberFormat(numCol?.samples ?? []),
			attributes: detection.dimensions
		}
	};
}

/**
 * Whether the tables can be built without asking: dates not ambiguous, remembered formats fit,
 * and either a remembered mapping or every required role found with high confidence.
 */
export function mappingConfident(p: OrdersMappingProposal): boolean {
	const det = p.detection;
	if (p.mapping.dateFormat.ambiguous) return false;
	if (p.misfits.length > 0) return false;
	if (p.remembered) return true;
	if (!requiredSatisfied(det)) return false;
	const required: OrderRole[] = ['customer_id', 'order_date'];
	const amountRoles: OrderRole[] = det.roles.amount ? ['amount'] : ['quantity', 'unit_price'];
	return [...required, ...amountRoles].every((r) => det.confidence[r] === 'high');
}

/**
 * Whether the proposal could be confirmed as it stands: every required role found and the date
 * order not ambiguous (the person would otherwise have to choose on the mapping screen).
 */
export function mappingComplete(p: OrdersMappingProposal): boolean {
	return p.detection.missing.length === 0 && !p.mapping.dateFormat.ambiguous;
}
