// The builder's edits: a field's type decides the conditions offered, and changing kind or field
// keeps the values that still make sense (issue 19).
import { describe, expect, it } from 'vitest';
import {
	isGroupOp,
	isUiKind,
	kindsFor,
	newCondition,
	uiKindOf,
	withDate,
	withKind,
	withNumber
} from '../../../../src/analyses/audience/edit';
import { readCondition, type Condition } from '../../../../src/analyses/audience/model';

describe('audience edits', () => {
	it('offers lists for text, comparisons for numbers, before/after for dates, missing for all', () => {
		expect(kindsFor('text')).toEqual(['in', 'equals', 'not_in', 'missing']);
		expect(kindsFor('number')).toEqual(['gt', 'ge', 'lt', 'le', 'between', 'missing']);
		expect(kindsFor('date')).toEqual(['before', 'after', 'missing']);
	});

	it('keeps the values across kinds on the same field, drops them on another field', () => {
		const c: Condition = { kind: 'in', field: 'customers:region', values: ['East', 'West'] };
		expect(withKind(c, c.field, 'not_in', '2025-01-01')).toEqual({ ...c, kind: 'not_in' });
		expect(withKind(c, c.field, 'equals', '2025-01-01')).toEqual({
			kind: 'equals',
			field: c.field,
			value: 'East'
		});
		expect(withKind(c, 'derived:rfm_segment', 'in', '2025-01-01')).toEqual({
			kind: 'in',
			field: 'derived:rfm_segment',
			values: []
		});
		const gt: Condition = { kind: 'compare', field: 'fact:revenue', op: 'gt', value: 500 };
		expect(withKind(gt, gt.field, 'le', 'x')).toEqual({ ...gt, op: 'le' });
		expect(withKind(gt, gt.field, 'between', 'x')).toEqual({
			kind: 'between',
			field: gt.field,
			low: 500,
			high: 600
		});
		expect(uiKindOf(gt)).toBe('gt');
	});

	it('every condition the builder makes is one a notebook file may hold', () => {
		const today = '2025-03-01';
		for (const [field, type] of [
			['fact:revenue', 'number'],
			['fact:first_order', 'date'],
			['customers:region', 'text']
		] as const) {
			for (const k of kindsFor(type)) {
				const c = withKind(newCondition(field, type, today), field, k, today);
				expect(readCondition(JSON.parse(JSON.stringify(c)))).toEqual(c);
			}
		}
	});

	it('typed edits from the inputs: a number goes to its part, a date to a date condition, select values are checked', () => {
		const cmp: Condition = { kind: 'compare', field: 'fact:revenue', op: 'gt', value: 1 };
		const rng: Condition = { kind: 'between', field: 'fact:orders', low: 1, high: 5 };
		const day: Condition = { kind: 'before', field: 'fact:first_order', date: '2024-01-01' };
		expect(withNumber(cmp, 'value', 9)).toEqual({ ...cmp, value: 9 });
		expect(withNumber(rng, 'low', 2)).toEqual({ ...rng, low: 2 });
		expect(withNumber(rng, 'high', 7)).toEqual({ ...rng, high: 7 });
		expect(withNumber(day, 'value', 3)).toBe(day);
		expect(withDate(day, '2024-02-02')).toEqual({ ...day, date: '2024-02-02' });
		expect(withDate(cmp, '2024-02-02')).toBe(cmp);
		expect([isUiKind('between'), isUiKind('gt'), isUiKind('drop table')]).toEqual([
			true,
			true,
			false
		]);
		expect([isGroupOp('and'), isGroupOp('or'), isGroupOp('xor')]).toEqual([true, true, false]);
	});
});
