// How a breakdown group is named: the folded tail and the blank values by their flags, every other
// group by its own value — so a real value "Other" or "unknown" keeps its text (issue 14).
import type { BreakdownRow, CrossRow } from './sql';

/** A group as the result describes it: its readable value and the two flags. */
export interface Group {
	value: string;
	/** The values past the top N, folded together. */
	other: boolean;
	/** The blank and NULL values. */
	unknown: boolean;
}

/** The words for the two flagged groups, and how any other value is shown. */
export interface GroupNames {
	other: string;
	unknown: string;
	value: (v: string) => string;
}

/** The group's name: decided by the flags, never by comparing the value with a label. */
export function groupName(g: Group, names: GroupNames): string {
	if (g.other) return names.other;
	if (g.unknown) return names.unknown;
	return names.value(g.value);
}

/** The group of a KPI row. */
export function rowGroup(r: BreakdownRow): Group {
	return { value: r.value, other: r.is_other, unknown: r.is_unknown };
}

/** The group on one side (a: rows, b: columns) of a cross-tab cell. */
export function crossGroup(r: CrossRow, side: 'a' | 'b'): Group {
	return side === 'a'
		? { value: r.a, other: r.a_other, unknown: r.a_unknown }
		: { value: r.b, other: r.b_other, unknown: r.b_unknown };
}
