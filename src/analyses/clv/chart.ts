// Customer value forecast charts: the tracking plot (cumulative repeat purchases, actual vs
// expected, calibration end marked), holdout bars by calibration repeat purchases, the P(alive)
// heatmap over frequency × recency, and the CLV distribution.
import * as Plot from '@observablehq/plot';
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
				{
					x: 'date',
					y: 'value',
					stroke: 'series',
					strokeWidth: 2,
					tip: { format: { y: opts.format } }
				}
			),
			Plot.line(
				long.filter((d) => d.series === label('expected')),
				{
					x: 'date',
					y: 'value',
					stroke: 'series',
					strokeWidth: 2,
					strokeDasharray: '6 3',
					tip: { format: { y: opts.format } }
				}
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
			legend: true
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

/** P(alive) by repeat purchases (rows) and recency t_x (columns) for a customer observed for T. */
export function clvAliveSpec(m: AliveMatrix, opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const step = m.txs.length > 1 ? m.txs[1]! - m.txs[0]! : 1;
	const cells = m.xs.flatMap((x, i) =>
		m.txs.map((tx, j) => ({ x, tx1: tx - step / 2, tx2: tx + step / 2, p: m.p[i]![j]! }))
	);
	return {
		width: opts.width,
		height: Math.max(220, Math.min(420, 24 + 16 * m.xs.length + 40)),
		marginLeft: 48,
		x: { label: label('recency') },
		y: { label: label('repeatPurchases'), reverse: true },
		color: {
			type: 'linear',
			domain: [0, 1],
			scheme: 'RdYlGn',
			legend: true,
			label: label('pAlive')
		},
		marks: [
			Plot.rect(cells, {
				x1: 'tx1',
				x2: 'tx2',
				y1: (d: { x: number }) => d.x - 0.5,
				y2: (d: { x: number }) => d.x + 0.5,
				fill: 'p',
				tip: { format: { fill: (v: number) => `${Math.round(v * 100)} %` } }
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
