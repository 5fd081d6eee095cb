// Roles guessed from values where the header names say nothing (src/core/role-guess.ts).
import { describe, expect, it } from 'vitest';
import { guessOrderRoles, withGuessedRoles } from '../../../src/core/role-guess';
import { detectOrderRoles } from '../../../src/core/columns';
import type { ColumnProfile } from '../../../src/core/types';

function col(
	name: string,
	kind: ColumnProfile['kind'],
	samples: string[],
	distinct = samples.length,
	counted = true
): ColumnProfile {
	return { name, kind, samples, distinct, counted, nulls: counted ? 0 : null };
}

/** CDNOW_sample.txt's profile (6,919 rows, no header), as the loader reads it. */
const CDNOW: ColumnProfile[] = [
	col('column_1', 'integer', ['00004', '00021', '00050'], 2357),
	col('column_2', 'integer', ['0001', '0002', '0003'], 2357),
	col('column_3', 'date', ['19970101', '19970118', '19970802'], 545),
	col('column_4', 'integer', ['2', '1', '3', '4', '10'], 26),
	col('column_5', 'decimal', ['29.33', '29.73', '14.96'], 2146)
];

const WHO = [
	col('who', 'text', ['Ann', 'Bob'], 2),
	col('when', 'date', ['2024-01-02', '2024-02-03', '2024-03-01'], 3),
	col('paid', 'decimal', ['10.5', '20', '7.25'], 3)
];

describe('guessOrderRoles', () => {
	it('CDNOW_sample: the first repeated id, the date, the decimal amount and the count beside it', () => {
		expect(guessOrderRoles(CDNOW, 6919)).toEqual({
			order_date: 'column_3',
			amount: 'column_5',
			quantity: 'column_4',
			customer_id: 'column_1'
		});
	});

	it('who,when,paid: names with repeats are the customer, the date the date, the decimal the amount', () => {
		expect(guessOrderRoles(WHO, 3)).toEqual({
			order_date: 'when',
			amount: 'paid',
			customer_id: 'who'
		});
	});

	it('a column of unique values is no customer id (one order per customer is not a repeat)', () => {
		const unique = [col('ref', 'text', ['a', 'b', 'c'], 3), ...WHO.slice(1)];
		expect(guessOrderRoles(unique, 3).customer_id).toBeUndefined();
	});

	it('a column with one value is no customer id', () => {
		const one = [col('cur', 'text', ['EUR'], 1), ...WHO.slice(1)];
		expect(guessOrderRoles(one, 3).customer_id).toBeUndefined();
	});

	it('prefers the repeated column with the most distinct values over a low-cardinality one', () => {
		const cols = [
			col('shop', 'text', ['N', 'S'], 2),
			col('buyer', 'text', ['x', 'y'], 40),
			...WHO.slice(1)
		];
		expect(guessOrderRoles(cols, 100).customer_id).toBe('buyer');
	});

	it('an uncounted profile compares distinct values with its sample window, not the whole file', () => {
		// 20,000 distinct among the first 20,000 records of a million: unique so far, not an id that repeats.
		const cols = [col('ref', 'text', ['a'], 20_000, false), ...WHO.slice(1)];
		expect(guessOrderRoles(cols, 1_000_000).customer_id).toBeUndefined();
	});

	it('zero-padded or large integers beside the amount are no quantity', () => {
		const padded = [
			...CDNOW.slice(0, 3),
			col('column_4', 'integer', ['0001', '0002'], 26),
			CDNOW[4]!
		];
		expect(guessOrderRoles(padded, 6919).quantity).toBeUndefined();
		const big = [...CDNOW.slice(0, 3), col('column_4', 'integer', ['5000', '1'], 26), CDNOW[4]!];
		expect(guessOrderRoles(big, 6919).quantity).toBeUndefined();
	});

	it('a count column away from the amount is no quantity', () => {
		const far = [CDNOW[3]!, ...CDNOW.slice(0, 3), CDNOW[4]!];
		expect(guessOrderRoles(far, 6919).quantity).toBeUndefined();
	});

	it('guesses nothing for roles the names already gave, and uses none of their columns', () => {
		expect(
			guessOrderRoles(WHO, 3, { customer_id: 'who', order_date: 'when', amount: 'paid' })
		).toEqual({});
		expect(guessOrderRoles(CDNOW, 6919, { customer_id: 'column_1', amount: 'column_5' })).toEqual({
			order_date: 'column_3'
		});
	});
});

describe('withGuessedRoles', () => {
	it('fills the roles the names left missing at low confidence; nothing is missing after', () => {
		const det = withGuessedRoles(detectOrderRoles(WHO), WHO, 3);
		expect(det.roles).toEqual({ customer_id: 'who', order_date: 'when', amount: 'paid' });
		expect(det.confidence).toEqual({ customer_id: 'low', order_date: 'low', amount: 'low' });
		expect(det.missing).toEqual([]);
		expect(det.required).toEqual(['customer_id', 'order_date', 'amount']);
		expect(det.dimensions).toEqual([]);
	});

	it('keeps a name-based role and its confidence', () => {
		const cols = [col('customer_id', 'text', ['A', 'B'], 2), ...WHO.slice(1)];
		const det = withGuessedRoles(detectOrderRoles(cols), cols, 3);
		expect(det.confidence.customer_id).toBe('high');
		expect(det.roles.amount).toBe('paid');
		expect(det.confidence.amount).toBe('low');
	});
});
