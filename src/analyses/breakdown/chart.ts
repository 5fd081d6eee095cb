// Breakdown charts: horizontal bars of one KPI per value, sorted by that KPI (descending, 'Other'
// and 'unknown' kept last), with small groups (< 30 customers) lighter and marked '*'; and the
// cross-tab heatmap of two dimensions.
import * as Plot from '@observablehq/plot';
import type { BreakdownRow, CrossRow } from './sql';

export interface BreakdownChartOptions {
	width: number;
	/** Translated titles: the KPI names, Other, unknown, small_group (legend note), customers, revenue. */
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

const TAIL = new Set(['Other', 'unknown']);

/** Values sorted by the KPI, descending, with 'Other' and 'unknown' last. */
export function sortedValues(rows: BreakdownRow[], kpi: BreakdownKpi): string[] {
	const v = (r: BreakdownRow) => r[kpi] ?? -Infinity;
	return [...rows]
		.sort((a, b) => Number(TAIL.has(a.value)) - Number(TAIL.has(b.value)) || v(b) - v(a))
		.map((r) => r.value);
}

export function breakdownBarsSpec(
	rows: BreakdownRow[],
	kpi: BreakdownKpi,
	opts: BreakdownChartOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const shown = rows.filter((r) => r[kpi] !== null);
	const domain = sortedValues(shown, kpi);
	const name = (v: string) => (TAIL.has(v) ? label(v) : tickLabel(v));
	const small = new Set(shown.filter((r) => r.small_group).map((r) => r.value));
	return {
		width: opts.width,
		height: 60 + 26 * domain.length,
		marginLeft: labelMargin(domain.map((v) => (small.has(v) ? `${name(v)} *` : name(v)))),
		marginRight: 60,
		x: { label: label(kpi), grid: true, tickFormat: opts.format },
		y: {
			domain,
			label: null,
			tickFormat: (v: string) => (small.has(v) ? `${name(v)} *` : name(v))
		},
		marks: [
			Plot.barX(shown, {
				x: kpi,
				y: 'value',
				fill: '#4269d0',
				fillOpacity: (d: BreakdownRow) => (d.small_group ? 0.4 : 1),
				// The opacity only marks small groups: not a value to show in the tip.
				tip: { format: { fillOpacity: false } }
			}),
			Plot.text(shown, {
				x: kpi,
				y: 'value',
				text: (d: BreakdownRow) => opts.format(d[kpi] ?? 0),
				textAnchor: 'start',
				dx: 4
			}),
			Plot.ruleX([0]),
			...(small.size > 0
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
	const order = (pos: 'a_position' | 'b_position', key: 'a' | 'b') =>
		[...new Map(rows.map((r) => [r[key], r[pos]]))]
			.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
			.map((x) => x[0]);
	const a = order('a_position', 'a');
	const b = order('b_position', 'b');
	const name = (v: string) => (TAIL.has(v) ? label(v) : tickLabel(v));
	return {
		width: opts.width,
		height: 80 + 28 * a.length,
		marginLeft: 120,
		padding: 0.05,
		x: { type: 'band', domain: b, label: null, tickFormat: name, axis: 'top' },
		y: { type: 'band', domain: a, label: null, tickFormat: name },
		color: { type: 'linear', scheme: 'blues', label: label(metric), legend: true },
		marks: [
			Plot.cell(rows, { x: 'b', y: 'a', fill: metric, tip: true }),
			Plot.text(rows, { x: 'b', y: 'a', text: (d: CrossRow) => opts.format(d[metric]) })
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
