// Breakdown charts: horizontal bars of one KPI per value, sorted by that KPI (descending, 'Other'
// and 'unknown' kept last), with small groups (< 30 customers) lighter and marked '*'; and the
// cross-tab heatmap of two dimensions.
import * as Plot from '@observablehq/plot';
import type { BreakdownRow, CrossRow } from '../core/analyses/breakdown';

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
	const name = (v: string) => (TAIL.has(v) ? label(v) : v);
	const small = new Set(shown.filter((r) => r.small_group).map((r) => r.value));
	return {
		width: opts.width,
		height: 60 + 26 * domain.length,
		marginLeft: 120,
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
				tip: true
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
	const name = (v: string) => (TAIL.has(v) ? label(v) : v);
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
