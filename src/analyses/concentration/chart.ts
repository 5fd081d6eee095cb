// Concentration chart: cumulative share of revenue against cumulative share of customers (top
// customers first), with the equality diagonal and "k % of customers = s % of revenue" notes.
import * as Plot from '@observablehq/plot';
import type { LorenzPoint, TopShareRow } from './sql';
import type { ChartTextOptions } from '../rfm/chart';

export interface LorenzOptions extends ChartTextOptions {
	/** Which top-k rows to annotate (default [20]). */
	annotate?: readonly number[];
}

/** Whole-percent text for shares 0–1 ('74 %'). */
export function percentText(share: number): string {
	return `${Math.round(share * 100)} %`;
}

/** A tip value of a percent scale (already × 100) to one decimal: '70.8 %'. */
export function percentTip(value: number): string {
	return `${value.toFixed(1)} %`;
}

interface Note {
	x: number;
	y: number;
	text: string;
}

/**
 * labels.annotation is a template with {customers} and {revenue}, e.g.
 * '{customers} of customers = {revenue} of revenue' (translated by the caller).
 */
export function lorenzSpec(
	points: LorenzPoint[],
	topShares: TopShareRow[],
	opts: LorenzOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const n = points.at(-1)?.customers ?? 0;
	const template = opts.labels.annotation ?? '{customers} of customers = {revenue} of revenue';
	const wanted = new Set(opts.annotate ?? [20]);
	const notes: Note[] = topShares
		.filter((t) => wanted.has(t.top_percent) && t.share_revenue !== null && n > 0)
		.map((t) => ({
			x: t.customers / n,
			y: t.share_revenue ?? 0,
			text: template
				.replace('{customers}', percentText(t.customers / n))
				.replace('{revenue}', percentText(t.share_revenue ?? 0))
		}));
	const size = Math.min(opts.width, 520);
	return {
		width: size,
		height: size,
		x: { percent: true, domain: [0, 100], label: label('share_customers'), grid: true },
		y: { percent: true, domain: [0, 100], label: label('share_revenue'), grid: true },
		marks: [
			Plot.line(
				[
					[0, 0],
					[1, 1]
				],
				{ stroke: '#8c959f', strokeDasharray: '4 3' }
			),
			Plot.areaY(points, {
				x: 'share_customers',
				y1: 'share_customers',
				y2: 'share_revenue',
				fill: '#4269d0',
				fillOpacity: 0.12
			}),
			Plot.line(points, {
				x: 'share_customers',
				y: 'share_revenue',
				stroke: '#4269d0',
				strokeWidth: 2,
				// Shares to one decimal ('70.8 %'), not the raw '70.833' of the percent scale.
				tip: { format: { x: percentTip, y: percentTip } }
			}),
			Plot.dot(notes, { x: 'x', y: 'y', fill: '#4269d0', r: 4 }),
			Plot.text(notes, {
				x: 'x',
				y: 'y',
				text: 'text',
				textAnchor: 'start',
				dx: 8,
				dy: 10,
				fontWeight: 600
			})
		]
	};
}
