// Purchase-cycle chart: histogram of gaps between purchase days (the overflow bin beyond the cap
// drawn in a muted colour and labelled "≥ N"), with a rule and label at the median gap.
import * as Plot from '@observablehq/plot';
import type { CycleBinRow, CycleSummary } from './sql';
import type { ChartTextOptions } from '../rfm/chart';

interface Bar {
	x1: number;
	x2: number;
	gaps: number;
	overflow: boolean;
	range: string;
}

export function cycleHistogramSpec(
	rows: CycleBinRow[],
	summary: Pick<CycleSummary, 'median_gap' | 'bin_days'>,
	opts: ChartTextOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const w = summary.bin_days;
	const bars: Bar[] = rows.map((r) => ({
		x1: r.bin_start,
		x2: r.bin_end ?? r.bin_start + w,
		gaps: r.gaps,
		overflow: r.is_overflow,
		range: r.bin_end === null ? `≥ ${r.bin_start}` : `${r.bin_start}–${r.bin_end - 1}`
	}));
	const median = summary.median_gap;
	const overflow = bars.find((b) => b.overflow);
	return {
		width: opts.width,
		height: Math.round(Math.min(340, Math.max(220, opts.width * 0.35))),
		marginTop: 24,
		x: { label: label('gap_days'), labelAnchor: 'right' },
		y: { label: label('gaps'), grid: true, nice: true, tickFormat: opts.format },
		marks: [
			Plot.rectY(bars, {
				x1: 'x1',
				x2: 'x2',
				y: 'gaps',
				inset: 0.5,
				fill: (d: Bar) => (d.overflow ? '#8c959f' : '#4269d0'),
				tip: { format: { x1: false, x2: false, y: opts.format } },
				channels: { range: { value: 'range', label: label('gap_days') } }
			}),
			Plot.text(overflow ? [overflow] : [], {
				x: (d: Bar) => (d.x1 + d.x2) / 2,
				y: 'gaps',
				text: 'range',
				dy: -8
			}),
			Plot.ruleX(median === null ? [] : [median], { stroke: '#cf222e', strokeDasharray: '4 3' }),
			Plot.text(median === null ? [] : [median], {
				x: (d: number) => d,
				frameAnchor: 'top',
				text: (d: number) => `${label('median_gap')}: ${opts.format(d)}`,
				textAnchor: 'start',
				dx: 4,
				fill: '#cf222e'
			}),
			Plot.ruleY([0])
		]
	};
}
