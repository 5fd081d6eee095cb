/**
 * Roles guessed from a file's values where its header names say nothing (issue 15): a file with
 * columns `who,when,paid`, or a header-less one (`column_1 … column_5`, CDNOW's), still has an
 * obvious customer id, date and amount to anyone who looks at the values. Every guess is 'low'
 * confidence, so the mapping screen stops and shows it; nothing is built on a guess unconfirmed.
 *
 * The rules, applied only to columns no name-based role took:
 * - order_date: the first date or timestamp column;
 * - amount: the first decimal column;
 * - quantity: an integer column right beside a guessed amount whose values are clearly counts
 *   (small whole numbers ≥ 0 without leading zeros, few distinct values) — CDNOW's number of CDs;
 * - customer_id: the integer or text column with repeated values (fewer distinct values than
 *   rows, at least two) that has the most distinct values; ties go to the first column.
 */
import { SAMPLE_WINDOW } from './ingest/profile';
import type { RoleDetection } from './columns';
import type { ColumnProfile, OrderRole } from './types';

/** Largest value a count column's samples may hold, and most distinct values it may have. */
const MAX_COUNT = 1000;
const MAX_COUNT_VALUES = 100;

/** A count: a whole number ≥ 0 written without leading zeros (ids are often zero-padded). */
function isCount(s: string): boolean {
	return /^(0|[1-9][0-9]*)$/.test(s.trim()) && Number(s) <= MAX_COUNT;
}

function clearlyCounts(c: ColumnProfile): boolean {
	return (
		c.kind === 'integer' &&
		c.distinct <= MAX_COUNT_VALUES &&
		c.samples.length > 0 &&
		c.samples.every(isCount)
	);
}

/**
 * Whether a column repeats values among `rows` rows: fewer distinct values than rows (the window's
 * rows when the profile counted only its first records), and at least two.
 */
function repeats(c: ColumnProfile, rows: number): boolean {
	const seen = c.counted ? rows : Math.min(rows, SAMPLE_WINDOW);
	return c.distinct >= 2 && c.distinct < seen;
}

/**
 * The order roles `columns` suggest from their values alone, for the roles `known` lacks and the
 * columns it does not use. `rows`: the file's loaded rows. Returns only the guessed roles.
 */
export function guessOrderRoles(
	columns: readonly ColumnProfile[],
	rows: number,
	known: Partial<Record<OrderRole, string>> = {}
): Partial<Record<OrderRole, string>> {
	const used = new Set(Object.values(known));
	const free = columns.filter((c) => !used.has(c.name) && c.kind !== 'empty');
	const guess: Partial<Record<OrderRole, string>> = {};
	const take = (role: OrderRole, c: ColumnProfile | undefined) => {
		if (!c || known[role] !== undefined) return;
		guess[role] = c.name;
		used.add(c.name);
	};
	const open = () => free.filter((c) => !used.has(c.name));
	take(
		'order_date',
		open().find((c) => c.kind === 'date' || c.kind === 'timestamp')
	);
	const priced = known.quantity !== undefined && known.unit_price !== undefined;
	if (!priced)
		take(
			'amount',
			open().find((c) => c.kind === 'decimal')
		);
	// Only beside a guessed amount: a file whose amount is named keeps its own columns' meaning.
	const amount = guess.amount;
	if (amount !== undefined && known.quantity === undefined) {
		const at = columns.findIndex((c) => c.name === amount);
		const beside = [columns[at - 1], columns[at + 1]].filter(
			(c): c is ColumnProfile => c !== undefined && !used.has(c.name) && clearlyCounts(c)
		);
		take('quantity', beside[0]);
	}
	const ids = open().filter((c) => (c.kind === 'integer' || c.kind === 'text') && repeats(c, rows));
	const best = ids.reduce<ColumnProfile | undefined>(
		(b, c) => (b === undefined || c.distinct > b.distinct ? c : b),
		undefined
	);
	take('customer_id', best);
	return guess;
}

/**
 * `det` (a name-based detection of an orders file) with the roles it lacks guessed from the values
 * (guessOrderRoles), each at 'low' confidence; `missing`, `required` and `dimensions` follow.
 */
export function withGuessedRoles(
	det: RoleDetection<OrderRole>,
	columns: readonly ColumnProfile[],
	rows: number
): RoleDetection<OrderRole> {
	const guess = guessOrderRoles(columns, rows, det.roles);
	const added = Object.keys(guess) as OrderRole[];
	if (added.length === 0) return det;
	const roles = { ...det.roles, ...guess };
	const confidence = { ...det.confidence };
	for (const r of added) confidence[r] = 'low';
	const missing: OrderRole[] = [];
	if (!roles.customer_id) missing.push('customer_id');
	if (!roles.order_date) missing.push('order_date');
	const required: OrderRole[] = ['customer_id', 'order_date'];
	if (roles.amount) required.push('amount');
	else if (roles.quantity && roles.unit_price) required.push('quantity', 'unit_price');
	else missing.push('amount');
	const used = new Set(Object.values(roles));
	return {
		roles,
		confidence,
		missing,
		required: required.filter((r) => roles[r] !== undefined),
		dimensions: det.dimensions.filter((d) => !used.has(d.source))
	};
}
