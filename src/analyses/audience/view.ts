// How the builder shows a field: its name, its group in the picker, its values' names.
import type { FieldType } from './fields';
import type { AudienceKey } from './messages';

export interface FieldView {
	key: string;
	label: string;
	/** The picker's group (purchases, customers file, analyses). */
	group: string;
	type: FieldType;
	/** A value as the page shows it (a segment key's name), else the value itself. */
	valueLabel: (value: string) => string;
}

export type Translate = (key: AudienceKey, params?: Record<string, string | number>) => string;

/** The two audiences compared: '' = the one being edited, else a saved one's name; null = none. */
export interface Pair {
	a: string | null;
	b: string | null;
}

/** The breakdown's messages: the comparison shows the breakdown's KPIs under their own names. */
export { messages as kpiMessages } from '../breakdown/messages';
