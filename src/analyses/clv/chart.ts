// Customer value forecast charts: the tracking plot (cumulative repeat purchases, actual vs
// expected, calibration end marked), holdout bars by calibration repeat purchases, the P(alive)
// heatmap over frequency × recency, and the CLV distribution.
import * as Plot from '@observablehq/plot';
import { namedField } from '../../charts/channel';
import type { AliveMatrix, ClvBin, HoldoutRow, TrackingPoint } from './result';
import type { ChartTextOptions } from '../rfm/chart';

const ACTUAL = '#4269d0';
const EXPECTED = '#ff725c';

function height(width: number): number {
	return Math.round(Math.min(340, Math.max(220, width * 0.35)));
}

/**
 * Cumulative repeat purchases by date: actual (solid) and the model's expectation (dashed); a rule
 * at the calibration end. `dateOf` turns a day offset into a Date.
 */
export function clvTrackingSpec(
	rows: TrackingPoint[],
	calibrationDay: number,
	dateOf: (day: number) => Date,
	opts: ChartTextOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const long = rows.flatMap((r) => [
		{ date: dateOf(r.day), value: r.actual, series: label('actual') },
		{ date: dateOf(r.day), value: r.expected, series: label('expected') }
	]);
	const cal = dateOf(calibrationDay);
	return {
		width: opts.width,
		height: height(opts.width),
		marginTop: 24,
		marginLeft: 56,
		x: { type: 'utc', label: null },
		y: { label: label('cumulative'), grid: true, nice: true, tickFormat: opts.format },
		color: {
			domain: [label('actual'), label('expected')],
			range: [ACTUAL, EXPECTED],
			legend: true
		},
		marks: [
			Plot.ruleX([cal], { stroke: '#8c959f', strokeDasharray: '4 3' }),
			Plot.text([cal], {
				x: (d: Date) => d,
				frameAnchor: 'top',
				text: () => label('calibrationEnd'),
				textAnchor: 'end',
				dx: -4,
				fill: '#57606a'
			}),
			Plot.line(
				long.filter((d) => d.series === label('actual')),
				{ x: 'date', y: 'value', stroke: 'series', strokeWidth: 2 }
			),
			Plot.line(
				long.filter((d) => d.series === label('expected')),
				{ x: 'date', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6 3' }
			),
			// One tip for both series: the nearest point's date, actual and expected.
			Plot.tip(
				rows.map((r) => ({ date: dateOf(r.day), actual: r.actual, expected: r.expected })),
				Plot.pointerX({
					// The axis has no title (month ticks speak for themselves); the tip names the date.
					x: namedField('date', label('date')),
					y: 'actual',
					channels: { [label('expected')]: 'expected', [label('actual')]: 'actual' },
					format: { y: false, x: true },
					maxRadius: 40
				})
			),
			Plot.ruleY([0])
		]
	};
}

/** Expected vs actual holdout purchases by calibration repeat purchases (0 … 7+). */
export function clvHoldoutSpec(rows: HoldoutRow[], opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const name = (x: number) => (x >= 7 ? '7+' : String(x));
	const long = rows.flatMap((r) => [
		{ x: name(r.x_bucket), series: label('actual'), value: r.actual },
		{ x: name(r.x_bucket), series: label('expected'), value: r.expected }
	]);
	return {
		width: opts.width,
		height: height(opts.width),
		marginLeft: 56,
		fx: { label: label('repeatPurchases'), domain: rows.map((r) => name(r.x_bucket)) },
		x: { axis: null, domain: [label('actual'), label('expected')] },
		y: { label: label('holdoutPurchases'), grid: true, nice: true, tickFormat: opts.format },
		color: {
			domain: [label('actual'), label('expected')],
			range: [ACTUAL, EXPECTED],
			legend: true,
			// The tip's name of the bar's series (the swatches legend draws no title).
			label: label('series')
		},
		marks: [
			Plot.barY(long, {
				fx: 'x',
				x: 'series',
				y: 'value',
				fill: 'series',
				tip: { format: { y: opts.format, fx: true, x: false } }
			}),
			Plot.ruleY([0])
		]
	};
}

/**
 * P(alive) by repeat purchases (rows) and recency t_x (columns) for a customer observed for T: one
 * raster image (a cell per (x, t_x) of the matrix), not hundreds of rects, so it draws in a few
 * milliseconds.
 */
export function clvAliveSpec(m: AliveMatrix, opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const step = m.txs.length > 1 ? m.txs[1]! - m.txs[0]! : 1;
	const cols = m.txs.length;
	const rows = m.xs.length;
	const at = (tx: number, x: number) => {
		const i = Math.min(rows - 1, Math.max(0, Math.floor(x + 0.5)));
		const j = Math.min(cols - 1, Math.max(0, Math.floor(tx / step + 0.5)));
		return m.p[i]![j]!;
	};
	return {
		width: opts.width,
		height: Math.max(220, Math.min(420, 16 * rows + 90)),
		marginLeft: 48,
		x: { label: label('recency'), domain: [-step / 2, m.txs.at(-1)! + step / 2] },
		y: { label: label('repeatPurchases'), domain: [rows - 0.5, -0.5] },
		color: {
			type: 'linear',
			domain: [0, 1],
			scheme: 'RdYlGn',
			legend: true,
			label: label('pAlive')
		},
		marks: [
			Plot.raster({
				x1: -step / 2,
				x2: m.txs.at(-1)! + step / 2,
				y1: -0.5,
				y2: rows - 0.5,
				width: cols,
				height: rows,
				fill: (tx: number, x: number) => at(tx, x),
				imageRendering: 'pixelated'
			})
		]
	};
}

/** Customers by CLV (20 bins up to the 99th percentile; the last bin holds the rest). */
export function clvDistributionSpec(rows: ClvBin[], opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	return {
		width: opts.width,
		height: height(opts.width),
		marginLeft: 56,
		x: { label: label('clv'), tickFormat: opts.format },
		y: { label: label('customers'), grid: true, nice: true, tickFormat: opts.format },
		marks: [
			Plot.rectY(rows, {
				x1: 'lo',
				x2: 'hi',
				y: 'customers',
				inset: 0.5,
				fill: (d: ClvBin) => (d.is_last ? '#8c959f' : ACTUAL),
				tip: { format: { y: opts.format } }
			}),
			Plot.ruleY([0])
		]
	};
}
