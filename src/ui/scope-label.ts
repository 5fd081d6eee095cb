// The scope a result was computed under, as the page words it: the chart caption ("Source:
// orders.csv · 1 Jan 2024 – 30 Jun 2024 · region = Central · as of …") and the scope suffix of
// every download's name (export/scope-name.ts) both come from here, so they always agree.
import type { AppContext } from '../state/context';
import type { I18n } from '../i18n/i18n.svelte';
import type { ScopeLabel } from '../export/scope-name';
import { filterDimensions } from './filter-dimensions';

/** Filter values named in a caption before the rest are counted ("and 3 more"). */
const CAPTION_VALUES = 5;

/** The dashboard's date range and filter, the filter's column by its label on the page. */
export function currentScopeLabel(app: Pick<AppContext, 'session' | 'dashboard' | 'i18n'>) {
	const { session, dashboard, i18n } = app;
	const filter = dashboard.filter && dashboard.filter.values.length > 0 ? dashboard.filter : null;
	const dimension = filter
		? filterDimensions(session, i18n.t).find(
				(d) => d.table === filter.table && d.column === filter.column
			)
		: undefined;
	const label: ScopeLabel = {
		from: dashboard.from || null,
		to: dashboard.to || null,
		filter: filter ? { column: dimension?.label ?? filter.column, values: filter.values } : null
	};
	return label;
}

/** The scope's parts of a caption, each worded in the page language ([] when nothing is set). */
export function scopeCaptionParts(
	scope: ScopeLabel,
	i18n: Pick<I18n, 't' | 'date' | 'tag'>
): string[] {
	const parts: string[] = [];
	if (scope.from && scope.to) {
		parts.push(i18n.t('chart.noteRange', { from: i18n.date(scope.from), to: i18n.date(scope.to) }));
	} else if (scope.from) {
		parts.push(i18n.t('chart.noteFrom', { from: i18n.date(scope.from) }));
	} else if (scope.to) {
		parts.push(i18n.t('chart.noteUntil', { to: i18n.date(scope.to) }));
	}
	const filter = scope.filter;
	if (filter && filter.values.length > 0) {
		const shown = filter.values.slice(0, CAPTION_VALUES);
		const rest = filter.values.length - shown.length;
		const items = rest > 0 ? [...shown, i18n.t('chart.noteMore', { n: rest })] : shown;
		const values = new Intl.ListFormat(i18n.tag, { type: 'disjunction' }).format(items);
		parts.push(i18n.t('chart.noteFilter', { column: filter.column, values }));
	}
	return parts;
}

/** The caption under every chart (and in its SVG/PNG): source, scope, as-of date. */
export function chartNote(
	i18n: Pick<I18n, 't' | 'date' | 'tag'>,
	input: { file: string; asOf: string | null; scope: ScopeLabel }
): string {
	const scope = scopeCaptionParts(input.scope, i18n)
		.map((p) => ` · ${p}`)
		.join('');
	return i18n.t('chart.note', { file: input.file, scope, asOf: i18n.date(input.asOf) });
}
