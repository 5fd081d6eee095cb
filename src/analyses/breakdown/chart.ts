// Breakdown charts: horizontal bars of one KPI per group, sorted by that KPI (descending, the Other
// and unknown groups kept last), with small groups (< 30 customers) lighter and marked '*'; and the
// cross-tab heatmap of two dimensions. Groups are told apart by position (unique per group) and
// named from their flags (names.ts), so a real value "Other" or "unknown" is a bar like any other.
import * as Plot from '@observablehq/plot';
import type { BreakdownRow, CrossRow } from './sql';
import { crossGroup, groupName, rowGroup, type Group } from './names';

export interface BreakdownChartOptions {
	width: number;
	/**
	 * Translated titles: the KPI names, Other, unknown, small_group (legend note), customers,
	 * revenue, and the tips' names of the groups: dimension (bars, cross-tab rows) and cross
	 * (cross-tab columns).
	 */
	labels: Record<string, string>;
	/** Format of the KPI's values. */
	format: (n: number) => string;
}

export type BreakdownKpi =
	| 'customers'
	| 'orders'
	| 'revenue'
	| 'revenue_share'
	| 'aov'
	| 'orders_per_customer'
	| 'repeat_rate'
	| 'median_recency';

/** Rows sorted by the KPI, descending, with the Other and unknown groups (by flag) last. */
export function sortedRows(rows: BreakdownRow[], kpi: BreakdownKpi): BreakdownRow[] {
	const v = (r: BreakdownRow) => r[kpi] ?? -Infinity;
	const tail = (r: BreakdownRow) => Number(r.is_other || r.is_unknown);
	return [...rows].sort((a, b) => tail(a) - tail(b) || v(b) - v(a));
}

/** Group names from the labels: `short` for axis ticks (tickLabel), else the full text for tips. */
function namer(label: (key: string) => string, short: boolean): (g: Group) => string {
	const names = {
		other: label('Other'),
		unknown: label('unknown'),
		value: short ? tickLabel : (v: string) => v
	};
	return (g) => groupName(g, names);
}

/** A position channel, with the label the tip shows for it (the group's name is its format). */
function positionChannel<T>(of: (d: T) => number, label: string): Plot.ChannelTransform {
	return { transform: (data: T[]) => data.map(of), label };
}

export function breakdownBarsSpec(
	rows: BreakdownRow[],
	kpi: BreakdownKpi,
	opts: BreakdownChartOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const shown = rows.filter((r) => r[kpi] !== null);
	const byPosition = new Map(shown.map((r) => [r.position, r]));
	const group = (p: number): Group => {
		const r = byPosition.get(p);
		return r ? rowGroup(r) : { value: String(p), other: false, unknown: false };
	};
	const short = namer(label, true);
	const full = namer(label, false);
	const tick = (p: number) => `${short(group(p))}${byPosition.get(p)?.small_group ? ' *' : ''}`;
	const domain = sortedRows(shown, kpi).map((r) => r.position);
	const y = positionChannel((d: BreakdownRow) => d.position, label('dimension'));
	return {
		width: opts.width,
		height: 60 + 26 * domain.length,
		marginLeft: labelMargin(domain.map(tick)),
		marginRight: 60,
		x: { label: label(kpi), grid: true, tickFormat: opts.format },
		y: { domain, label: null, tickFormat: tick },
		marks: [
			Plot.barX(shown, {
				x: kpi,
				y,
				fill: '#4269d0',
				fillOpacity: (d: BreakdownRow) => (d.small_group ? 0.4 : 1),
				// The opacity only marks small groups: not a value to show in the tip. The group is
				// named in full (the axis may cut it).
				tip: { format: { x: true, y: (p: number) => full(group(p)), fillOpacity: false } }
			}),
			Plot.text(shown, {
				x: kpi,
				y,
				text: (d: BreakdownRow) => opts.format(d[kpi] ?? 0),
				textAnchor: 'start',
				dx: 4
			}),
			Plot.ruleX([0]),
			...(shown.some((r) => r.small_group)
				? [
						Plot.text([`* ${label('small_group')}`], {
							frameAnchor: 'bottom-right',
							dy: 28,
							fill: '#57606a'
						})
					]
				: [])
		]
	};
}

export function crossTabSpec(
	rows: CrossRow[],
	metric: 'customers' | 'revenue',
	opts: BreakdownChartOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	// Each side's groups by position (unique per group), in position order.
	const side = (s: 'a' | 'b') => {
		const groups = new Map(rows.map((r) => [r[`${s}_position`], crossGroup(r, s)]));
		const of = (p: number): Group =>
			groups.get(p) ?? { value: String(p), other: false, unknown: false };
		return { of, domain: [...groups.keys()].sort((x, y) => x - y) };
	};
	const a = side('a');
	const b = side('b');
	const short = namer(label, true);
	const full = namer(label, false);
	const x = positionChannel((d: CrossRow) => d.b_position, label('cross'));
	const y = positionChannel((d: CrossRow) => d.a_position, label('dimension'));
	return {
		width: opts.width,
		height: 80 + 28 * a.domain.length,
		marginLeft: 120,
		padding: 0.05,
		x: {
			type: 'band',
			domain: b.domain,
			label: null,
			tickFormat: (p: number) => short(b.of(p)),
			axis: 'top'
		},
		y: { type: 'band', domain: a.domain, label: null, tickFormat: (p: number) => short(a.of(p)) },
		color: { type: 'linear', scheme: 'blues', label: label(metric), legend: true },
		marks: [
			Plot.cell(rows, {
				x,
				y,
				fill: metric,
				tip: {
					// The order Plot gives the channels by default (fill, then x, y).
					format: { fill: true, x: (p: number) => full(b.of(p)), y: (p: number) => full(a.of(p)) }
				}
			}),
			Plot.text(rows, { x, y, text: (d: CrossRow) => opts.format(d[metric]) })
		]
	};
}

/** Longest group name drawn as an axis label; the full name stays in the tip and the table. */
export const TICK_LABEL_MAX = 26;

/** Right-to-left letters (Hebrew, Arabic…) and direction controls. */
const BIDI = /[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc]/;

/**
 * A file's group name as an axis label: cut to TICK_LABEL_MAX characters (whole code points, so
 * an emoji is not split) with an ellipsis, and — when it holds right-to-left text or a direction
 * control — isolated (U+2068 … U+2069) so it cannot reorder the rest of the label.
 */
export function tickLabel(v: string): string {
	const chars = [...v];
	const cut = chars.length > TICK_LABEL_MAX ? `${chars.slice(0, TICK_LABEL_MAX - 1).join('')}…` : v;
	return BIDI.test(cut) ? `\u2068${cut}\u2069` : cut;
}

/** Approximate width in px of `label` in Plot's 10 px sans-serif: wide letters, CJK and emoji count more. */
function labelWidth(label: string): number {
	let w = 0;
	for (const ch of label) {
		const cp = ch.codePointAt(0) ?? 0;
		if (cp === 0x2068 || cp === 0x2069) continue;
		if (cp >= 0x2e80) w += 12;
		else if (/[MW@%mw]/.test(ch)) w += 11;
		else if (/[A-Z0-9]/.test(ch)) w += 8;
		else w += 6.5;
	}
	return w;
}

/** Left margin (px) that fits the longest tick label, 120 to 320 px. */
export function labelMargin(labels: readonly string[]): number {
	const widest = Math.max(0, ...labels.map(labelWidth));
	return Math.round(Math.min(320, Math.max(120, widest + 20)));
}
