/**
 * Why a file of a data set has its kind (file-kinds.ts): plain functions of a loaded file,
 * kept apart from reading files so that the page's state can use them before the load pipeline
 * is fetched.
 */
import type { LoadReport } from '../../core/ingest/types';
import type { LoadedFile } from './files';

/**
 * Why a file has its kind (messages `fileKind.reason.<code>`):
 * - orders: 'dates-amounts' (order dates and amounts recognised by name), 'dates-quantity-price'
 *   (dates, quantities and unit prices), 'appended' (same columns as the orders before it),
 *   'guessed' (no file was recognised as orders: this one's roles are guessed from its values);
 * - customers: 'id-attributes' (a customer id and attributes, no order dates and amounts),
 *   'appended';
 * - baskets: 'baskets';
 * - feedback: 'scores-comments' (its headers name a score or a comment, no amount);
 * - unused: 'differ' (a second file of a kind with other columns), 'second-orders' (another file
 *   looks like orders too), 'unrecognised' (no customer id, date or amount recognised: it can be
 *   mapped by hand), 'one-column' (nothing to map), 'replaced' (a later file took its place);
 * - any kind: 'chosen' (the person chose it).
 */
export type FileReason =
	| 'dates-amounts'
	| 'dates-quantity-price'
	| 'appended'
	| 'guessed'
	| 'id-attributes'
	| 'baskets'
	| 'scores-comments'
	| 'differ'
	| 'second-orders'
	| 'unrecognised'
	| 'one-column'
	| 'replaced'
	| 'chosen';

/** A file of a data set with the reason for its kind. */
export interface DataSetFile extends LoadedFile {
	reason: FileReason;
}

/** Whether a file could be mapped by hand as orders: two or more columns that hold values. */
export function mappable(columns: LoadReport['columns']): boolean {
	return columns.filter((c) => c.kind !== 'empty').length >= 2;
}

/** What loadFiles may add to a file: the set it was appended to, the columns that differ. */
type Placed = LoadedFile & { set?: unknown; differ?: unknown };

/** The reason for a loaded file's kind, as loadFiles placed it. */
export function fileReason(f: Placed): FileReason {
	const roles = f.orderRoles.roles;
	const orderish =
		roles.order_date !== undefined &&
		(roles.amount !== undefined ||
			(roles.quantity !== undefined && roles.unit_price !== undefined));
	switch (f.kind) {
		case 'orders':
			if (f.set) return 'appended';
			return roles.amount !== undefined ? 'dates-amounts' : 'dates-quantity-price';
		case 'customers':
			return f.set ? 'appended' : 'id-attributes';
		case 'unused':
			if (f.differ) return 'differ';
			if (orderish) return 'second-orders';
			return mappable(f.report.columns) ? 'unrecognised' : 'one-column';
		case 'feedback':
			return 'scores-comments';
		default:
			return 'baskets';
	}
}

/** `files` with their reasons. */
export function withReasons(files: readonly LoadedFile[]): DataSetFile[] {
	return files.map((f) => ({ ...f, reason: fileReason(f) }));
}
