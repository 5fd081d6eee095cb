// One customer's order timeline: each order a dot at its date, its area by the order's value
// (absolute: a return's size is what it gave back), purchases filled, returns as red crosses.
import * as Plot from '@observablehq/plot';
import type { ProfileOrder } from './sql';
import type { ChartTextOptions } from '../rfm/chart';

interface Dot {
	date: Date;
	value: number;
	size: number;
	order: string;
	kind: string;
}

/** Orders → dots; `labels`: 'date', 'revenue', 'purchase', 'return', 'order'. */
export function orderTimelineSpec(
	orders: ProfileOrder[],
	opts: ChartTextOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const dots: Dot[] = orders.map((o) => ({
		date: new Date(o.order_date),
		value: o.revenue,
		size: Math.abs(o.revenue),
		order: o.order_id,
		kind: o.is_return ? label('return') : label('purchase')
	}));
	const purchases = dots.filter((d) => d.kind === label('purchase'));
	const returns = dots.filter((d) => d.kind === label('return'));
	const tip = {
		format: { x: true, y: (n: number) => opts.format(n), r: false, symbol: false, stroke: false }
	};
	return {
		width: opts.width,
		height: Math.round(Math.min(260, Math.max(180, opts.width * 0.3))),
		marginLeft: 56,
		x: { type: 'utc', label: label('date'), labelAnchor: 'right' },
		y: { label: label('revenue'), grid: true, nice: true, tickFormat: opts.format },
		r: { range: [3, 14] },
		symbol: {
			legend: true,
			domain: [label('purchase'), label('return')],
			range: ['circle', 'times']
		},
		marks: [
			Plot.ruleY([0], { stroke: '#d0d7de' }),
			Plot.dot(purchases, {
				x: 'date',
				y: 'value',
				r: 'size',
				symbol: 'kind',
				fill: '#4269d0',
				fillOpacity: 0.6,
				stroke: '#1d4ed8',
				tip,
				channels: { order: { value: 'order', label: label('order') } }
			}),
			Plot.dot(returns, {
				x: 'date',
				y: 'value',
				r: 'size',
				symbol: 'kind',
				stroke: '#dc2626',
				strokeWidth: 2,
				tip,
				channels: { order: { value: 'order', label: label('order') } }
			})
		]
	};
}
