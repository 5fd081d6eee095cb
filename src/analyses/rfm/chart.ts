// RFM charts: the 5×5 recency × frequency heatmap (customers per cell, counts written in the
// cells, colour legend) and the segment bars (share of customers, sorted, percentage axis).
import * as Plot from '@observablehq/plot';
import { namedField } from '../../charts/channel';
import type { RfmGridRow, RfmSegmentRow } from './sql';

export interface ChartTextOptions {
	width: number;
	/** Translated axis titles and segment names, by key; missing keys fall back to the key. */
	labels: Record<string, string>;
	/** Number format for counts and money (the caller's locale). */
	format: (n: number) => string;
}

const SCORES = [1, 2, 3, 4, 5];

/** Heatmap of customers per (R, F) cell; R 5 (most recent) at the top, F 5 at the right. */
export function rfmHeatmapSpec(rows: RfmGridRow[], opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const max = Math.max(0, ...rows.map((r) => r.customers));
	const size = Math.min(opts.width, 560);
	return {
		width: size,
		height: Math.round(size * 0.8),
		padding: 0.04,
		// Room above the top axis so its label clears the tick labels.
		marginTop: 48,
		x: { type: 'band', domain: SCORES, label: label('f'), axis: 'top', labelOffset: 36 },
		y: { type: 'band', domain: [...SCORES].reverse(), label: label('r') },
		color: {
			type: 'linear',
			scheme: 'blues',
			domain: [0, Math.max(1, max)],
			legend: true,
			label: label('customers'),
			tickFormat: opts.format
		},
		marks: [
			Plot.cell(rows, {
				x: 'f',
				y: 'r',
				fill: 'customers',
				inset: 0.5,
				tip: { format: { customers: opts.format, avg_monetary: opts.format, fill: false } },
				channels: {
					customers: { value: 'customers', label: label('customers') },
					avg_monetary: { value: 'avg_monetary', label: label('avg_monetary') }
				}
			}),
			Plot.text(rows, {
				x: 'f',
				y: 'r',
				text: (d: RfmGridRow) => opts.format(d.customers),
				// Dark cells get white text so the count stays readable.
				fill: (d: RfmGridRow) => (d.customers > max * 0.55 ? 'white' : 'black'),
				fontSize: 13
			})
		]
	};
}

/** Horizontal bars: share of customers per segment, largest first, percentage axis. */
export function rfmSegmentsSpec(rows: RfmSegmentRow[], opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const data = rows
		.map((r) => ({
			name: label(r.segment),
			segment: r.segment,
			share: r.share_customers ?? 0,
			customers: r.customers,
			revenue: r.revenue
		}))
		.sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
	return {
		width: opts.width,
		height: 40 + 28 * data.length,
		marginRight: 60,
		x: { percent: true, label: label('share_customers'), grid: true, nice: true },
		y: { type: 'band', domain: data.map((d) => d.name), label: null },
		marks: [
			Plot.barX(data, {
				x: 'share',
				// The axis has no title; the tip names the segment.
				y: namedField('name', label('segment')),
				fill: '#4269d0',
				tip: { format: { customers: opts.format, revenue: opts.format, x: true } },
				channels: {
					customers: { value: 'customers', label: label('customers') },
					revenue: { value: 'revenue', label: label('revenue') }
				}
			}),
			Plot.text(data, {
				x: 'share',
				y: 'name',
				text: (d: { customers: number }) => opts.format(d.customers),
				textAnchor: 'start',
				dx: 4
			}),
			Plot.ruleX([0])
		]
	};
}
