import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { lorenzSpec, percentText } from '../../../src/analyses/concentration/chart';
import type { LorenzPoint, TopShareRow } from '../../../src/analyses/concentration/sql';

type MarkParts = Plot.Mark & { data: unknown[]; channels: Record<string, { value: unknown }> };

const points: LorenzPoint[] = [0, 1, 2, 3, 4, 5].map((k) => ({
	customers: k,
	share_customers: k / 5,
	share_revenue: [0, 0.5, 0.74, 0.85, 0.95, 1][k]!
}));
const tops: TopShareRow[] = [
	{ top_percent: 1, customers: 1, revenue: 50, share_revenue: 0.5 },
	{ top_percent: 20, customers: 1, revenue: 50, share_revenue: 0.5 },
	{ top_percent: 40, customers: 2, revenue: 74, share_revenue: 0.74 }
];
const labels = {
	share_customers: 'Customers (%)',
	share_revenue: 'Revenue (%)',
	annotation: '{customers} of customers = {revenue} of revenue'
};
const opts = { width: 600, labels, format: (n: number) => String(n) };

describe('lorenzSpec', () => {
	const spec = lorenzSpec(points, tops, { ...opts, annotate: [40] });
	const marks = spec.marks as unknown as MarkParts[];

	it('draws the equality diagonal, the curve and the gap between them', () => {
		expect(marks.map((m) => m.constructor.name)).toEqual(['Line', 'Area', 'Line', 'Dot', 'Text']);
		expect(marks[0]!.data).toEqual([
			[0, 0],
			[1, 1]
		]);
		expect(marks[2]!.data).toBe(points);
		expect(marks[2]!.channels.x?.value).toBe('share_customers');
		expect(marks[2]!.channels.y?.value).toBe('share_revenue');
	});

	it('uses percentage axes over [0, 1] with translated titles', () => {
		expect(spec.x?.percent).toBe(true);
		expect(spec.y?.percent).toBe(true);
		expect(spec.x?.domain).toEqual([0, 100]);
		expect(spec.y?.domain).toEqual([0, 100]);
		expect(spec.x?.label).toBe('Customers (%)');
		expect(spec.y?.label).toBe('Revenue (%)');
	});

	it('annotates the chosen top-k point in words', () => {
		expect(marks[4]!.data).toEqual([
			{ x: 0.4, y: 0.74, text: '40 % of customers = 74 % of revenue' }
		]);
		// default: the top 20 % (here 1 of 5 customers)
		const def = lorenzSpec(points, tops, opts).marks as unknown as MarkParts[];
		expect((def[4]!.data[0] as { text: string }).text).toBe('20 % of customers = 50 % of revenue');
		expect(lorenzSpec([], [], opts).marks).toHaveLength(5);
		expect(percentText(0.745)).toBe('75 %');
	});
});

describe('Pareto tip', () => {
	it('shows shares to one decimal ("70.8 %"), not the raw "70.833" of the percent scale', () => {
		const spec = lorenzSpec(points, tops, opts);
		const curve = (spec.marks as unknown as (MarkParts & { tip?: unknown })[])[2];
		const tip = curve?.tip as { format?: { x?: (v: number) => string } } | undefined;
		expect(tip?.format?.x?.(70.8333)).toBe('70.8 %');
	});
});
