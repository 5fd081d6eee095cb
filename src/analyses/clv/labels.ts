// Message keys the forecast's section names by a value (unit, fit stage, problem code): typed
// lookups, so the section needs no cast from a built string to a message key.
import { messageKey } from '../types';
import { messages, type ClvKey } from './messages';
import type { ClvUnit } from './settings';

export const UNITS: readonly ClvUnit[] = ['day', 'week', 'month'];

/** The unit's name in the unit select ("Week"). */
export const UNIT_LABEL: Record<ClvUnit, ClvKey> = {
	day: 'clv.unit.day',
	week: 'clv.unit.week',
	month: 'clv.unit.month'
};

/** The unit after a number ("52 weeks"). */
export const UNITS_LABEL: Record<ClvUnit, ClvKey> = {
	day: 'clv.units.day',
	week: 'clv.units.week',
	month: 'clv.units.month'
};

/** Whether a select's value is one of the units. */
export function isClvUnit(value: string): value is ClvUnit {
	return UNITS.some((u) => u === value);
}

/** The explanation of a fit problem code, or null when the section has none for it. */
export function problemKey(code: string): ClvKey | null {
	return messageKey(messages, `clv.problem.${code}`);
}

/** The name of a fitting stage reported by the worker, or null for an unknown one. */
export function stageKey(stage: string): ClvKey | null {
	return messageKey(messages, `clv.stage.${stage}`);
}
