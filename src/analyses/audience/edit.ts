// What the builder offers per field type, and turning one condition into another when the person
// picks another field or kind (the values carried over where they still make sense).
import type { FieldType } from './fields';
import type { Comparison, Condition } from './model';

/** The builder's condition choices: the comparisons are kinds of their own there. */
export type UiKind =
	'equals' | 'in' | 'not_in' | Comparison | 'between' | 'before' | 'after' | 'missing';

const KINDS: Record<FieldType, readonly UiKind[]> = {
	text: ['in', 'equals', 'not_in', 'missing'],
	number: ['gt', 'ge', 'lt', 'le', 'between', 'missing'],
	date: ['before', 'after', 'missing']
};

export function kindsFor(type: FieldType): readonly UiKind[] {
	return KINDS[type];
}

export function uiKindOf(c: Condition): UiKind {
	return c.kind === 'compare' ? c.op : c.kind;
}

function valuesOf(c: Condition): string[] {
	if (c.kind === 'equals') return c.value === '' ? [] : [c.value];
	if (c.kind === 'in' || c.kind === 'not_in') return c.values;
	return [];
}

function numberOf(c: Condition): number {
	if (c.kind === 'compare') return c.value;
	if (c.kind === 'between') return c.low;
	return 0;
}

/** `c` as kind `kind` on `field`; `today` is the date a new date condition starts at. */
export function withKind(c: Condition, field: string, kind: UiKind, today: string): Condition {
	const same = c.field === field;
	const values = same ? valuesOf(c) : [];
	const n = same ? numberOf(c) : 0;
	const date = same && (c.kind === 'before' || c.kind === 'after') ? c.date : today;
	switch (kind) {
		case 'equals':
			return { kind, field, value: values[0] ?? '' };
		case 'in':
		case 'not_in':
			return { kind, field, values };
		case 'gt':
		case 'ge':
		case 'lt':
		case 'le':
			return { kind: 'compare', field, op: kind, value: n };
		case 'between':
			return {
				kind,
				field,
				low: n,
				high: same && c.kind === 'between' ? c.high : Math.max(n, n + 100)
			};
		case 'before':
		case 'after':
			return { kind, field, date };
		case 'missing':
			return { kind, field };
	}
}

/** A new condition on `field` of `type`: its first kind. */
export function newCondition(field: string, type: FieldType, today: string): Condition {
	return withKind({ kind: 'missing', field: '' }, field, kindsFor(type)[0]!, today);
}

const UI_KINDS: readonly UiKind[] = [...new Set([...KINDS.text, ...KINDS.number, ...KINDS.date])];

/** Whether a select's value is one of the builder's kinds. */
export function isUiKind(value: string): value is UiKind {
	return UI_KINDS.some((k) => k === value);
}

/** Whether a select's value is a group's operator. */
export function isGroupOp(value: string): value is 'and' | 'or' {
	return value === 'and' || value === 'or';
}

/**
 * `c` with a number typed into one of its inputs: the compared value, or a range's low or high
 * end; other kinds have no number and are returned as they are.
 */
export function withNumber(c: Condition, part: 'value' | 'low' | 'high', n: number): Condition {
	if (c.kind === 'compare' && part === 'value') return { ...c, value: n };
	if (c.kind === 'between' && part === 'low') return { ...c, low: n };
	if (c.kind === 'between' && part === 'high') return { ...c, high: n };
	return c;
}

/** `c` with a date picked (before / after); other kinds are returned as they are. */
export function withDate(c: Condition, date: string): Condition {
	return c.kind === 'before' || c.kind === 'after' ? { ...c, date } : c;
}
