/**
 * View names of SQL cells. A name is a plain identifier (letters, digits, underscore; not
 * starting with a digit; at most 63 characters) so it can be typed unquoted in other cells, and
 * it is still always quoted with ident() when we build SQL. DuckDB compares identifiers without
 * regard to case, so uniqueness does too. Names of the app's own tables and views are refused:
 * a cell must never replace the data the dashboard reads.
 */
import type { Cell } from './model';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Tables and views the app creates (session, canonical views); `__` is our internal prefix. */
export const RESERVED_NAMES: readonly string[] = [
	'tx',
	'tx_rejects',
	'orders',
	'customers',
	'customer_facts',
	'raw_orders',
	'raw_customers',
	// Basket files' items (core/canonical-baskets), which the market-basket analysis reads.
	'baskets',
	// Feedback files' responses and rows set aside (core/canonical-feedback), issue 21.
	'feedback',
	'feedback_rejects'
];

/** A few SQL keywords that would make the unquoted name unusable in a FROM clause. */
const KEYWORDS = new Set([
	'select',
	'from',
	'where',
	'with',
	'table',
	'view',
	'as',
	'join',
	'on',
	'group',
	'order',
	'by',
	'limit',
	'union',
	'values',
	'null',
	'true',
	'false',
	'and',
	'or',
	'not'
]);

export type NameProblem = 'empty' | 'invalid' | 'reserved' | 'duplicate';

/** Why `name` cannot be the view name of cell `selfId`, or null when it can. */
export function checkCellName(
	name: string,
	cells: readonly Cell[],
	selfId?: string
): NameProblem | null {
	if (name.trim() === '') return 'empty';
	if (!NAME.test(name)) return 'invalid';
	const lower = name.toLowerCase();
	if (RESERVED_NAMES.includes(lower) || KEYWORDS.has(lower) || lower.startsWith('__')) {
		return 'reserved';
	}
	const clash = cells.some(
		(c) => c.kind === 'sql' && c.id !== selfId && c.name.toLowerCase() === lower
	);
	return clash ? 'duplicate' : null;
}

/** The first free default name: cell_1, cell_2, … */
export function defaultCellName(cells: readonly Cell[]): string {
	const taken = new Set(cells.flatMap((c) => (c.kind === 'sql' ? [c.name.toLowerCase()] : [])));
	let n = 1;
	while (taken.has(`cell_${n}`)) n++;
	return `cell_${n}`;
}

/** `base` made into a valid, free name (for cells opened from the dashboard: rfm_segments, …). */
export function uniqueCellName(base: string, cells: readonly Cell[]): string {
	let clean = base
		.replace(/[^A-Za-z0-9_]+/g, '_')
		.replace(/^(?=\d)/, '_')
		.slice(0, 56);
	if (clean === '' || checkCellName(clean, []) !== null) clean = `cell_${clean}`.slice(0, 56);
	if (checkCellName(clean, cells) === null) return clean;
	let n = 2;
	while (checkCellName(`${clean}_${n}`, cells) !== null) n++;
	return `${clean}_${n}`;
}
