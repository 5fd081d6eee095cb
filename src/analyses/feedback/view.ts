// What the feedback section shows, computed from the result without the page: group and theme
// names, the rows of the by-group chart and the export's columns.
import { ANALYSES } from '../index';
import { derivedFields } from '../registry-tools';
import { messageKey } from '../types';
import { messages, type FeedbackKey } from './messages';
import {
	NO_VALUE,
	UNMATCHED,
	type FeedbackDimension,
	type FeedbackDimensionRow,
	type FeedbackGroup,
	type ResolvedScale
} from './result';

type Translate = (key: FeedbackKey, params?: Record<string, string | number>) => string;
/** The page's translation of another analysis' message (i18n.scoped of its owner). */
export type OwnerTranslate = (owner: (typeof ANALYSES)[number], key: string) => string;

/** A response group's name on the scale read: promoters (9–10) on NPS, satisfied on CSAT. */
export function groupName(t: Translate, scale: ResolvedScale, grp: FeedbackGroup): string {
	const kind = scale === 'nps' ? 'nps' : 'csat';
	return t(`fb.grp.${kind}.${grp}`);
}

/** A theme's name: a default theme's translation, or the name the user gave it. */
export function themeName(t: Translate, name: string): string {
	const key = messageKey(messages, `fbtheme.${name}`);
	return key ? t(key) : name;
}

/** The field's name (its owner's label), or its key when the registry has no such field. */
export function dimensionName(own: OwnerTranslate, dimension: FeedbackDimension): string {
	const f = derivedFields(ANALYSES).find((x) => x.field.key === dimension);
	return f ? own(f.owner, f.field.label) : dimension;
}

/** A by-dimension value's name: the field's own value names, not matched, no value. */
export function dimensionValueName(
	t: Translate,
	own: OwnerTranslate,
	dimension: FeedbackDimension,
	value: string
): string {
	if (value === UNMATCHED) return t('fb.notMatched');
	if (value === NO_VALUE) return t('fb.noValue');
	const f = derivedFields(ANALYSES).find((x) => x.field.key === dimension);
	const key = f?.field.valueLabel(value);
	return f && key ? own(f.owner, key) : value;
}

/** The rows of one dimension, named. */
export function dimensionRows(
	rows: readonly FeedbackDimensionRow[],
	dimension: FeedbackDimension,
	name: (value: string) => string
): (FeedbackDimensionRow & { label: string })[] {
	return rows.filter((r) => r.dimension === dimension).map((r) => ({ ...r, label: name(r.value) }));
}

/** The per-customer export's columns, in order (stable keys; sql.ts buildCustomersQuery). */
export const CUSTOMER_CSV_COLUMNS = [
	'customer_id',
	'responses',
	'latest_date',
	'latest_score',
	'nps_group',
	'rfm_segment',
	'lifecycle_stage',
	'abc_tier',
	'themes',
	'comment'
] as const;
