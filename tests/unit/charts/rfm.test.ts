import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { rfmHeatmapSpec, rfmSegmentsSpec } from '../../../src/analyses/rfm/chart';
import type { RfmGridRow, RfmSegmentRow } from '../../../src/analyses/rfm/sql';

type Channel = { value: unknown; label?: string };
type MarkParts = Plot.Mark & { data: unknown[]; channels: Record<string, Channel> };

const labels = {
	r: 'Recency score',
	f: 'Frequency score',
	customers: 'Customers',
	avg_monetary: 'Avg. revenue',
	share_customers: 'Share of customers (%)',
	champions: 'Champions',
	at_risk: 'At risk',
	hibernating: 'Hibernating'
};
const format = (n: number) => n.toFixed(0);
const opts = { width: 800, labels, format };

const grid: RfmGridRow[] = [];
for (let r = 1; r <= 5; r++)
	for (let f = 1; f <= 5; f++)
		grid.push({ r, f, customers: r === 1 && f === 1 ? 40 : r * f, avg_monetary: 10 });

function valueOf(mark: MarkParts, channel: string, datum: unknown): unknown {
	const v = mark.channels[channel]?.value;
	return typeof v === 'function' ? (v as (d: unknown, i: number) => unknown)(datum, 0) : v;
}

describe('rfmHeatmapSpec', () => {
	const spec = rfmHeatmapSpec(grid, opts);
	const marks = spec.marks as unknown as MarkParts[];

	it('draws a cell per R×F pair and writes the count in it', () => {
		expect(marks[0]).toBeInstanceOf(Plot.Cell);
		expect(marks[1]).toBeInstanceOf(Plot.Text);
		expect(marks[0]!.data).toHaveLength(25);
		expect(marks[0]!.channels.fill?.value).toBe('customers');
		expect(valueOf(marks[1]!, 'text', grid[0])).toBe('40');
		// the darkest cell (40 of max 40) gets white text, a light one black
		expect(valueOf(marks[1]!, 'fill', grid[0])).toBe('white');
		expect(valueOf(marks[1]!, 'fill', grid[1])).toBe('black');
	});

	it('puts R 5 at the top and F 1 … 5 left to right, with translated titles', () => {
		expect(spec.y?.domain).toEqual([5, 4, 3, 2, 1]);
		expect(spec.x?.domain).toEqual([1, 2, 3, 4, 5]);
		expect(spec.x?.label).toBe('Frequency score');
		expect(spec.y?.label).toBe('Recency score');
	});

	it('has a colour legend from 0 to the largest cell', () => {
		expect(spec.color?.legend).toBe(true);
		expect(spec.color?.domain).toEqual([0, 40]);
		expect(spec.color?.label).toBe('Customers');
		expect(rfmHeatmapSpec([], opts).color?.domain).toEqual([0, 1]);
	});
});

describe('rfmSegmentsSpec', () => {
	const seg = (segment: RfmSegmentRow['segment'], customers: number): RfmSegmentRow => ({
		segment,
		customers,
		orders: customers,
		revenue: customers * 10,
		share_customers: customers / 10,
		share_revenue: customers / 10,
		aov: 10,
		median_recency: 1,
		median_frequency: 1,
		median_monetary: 10
	});
	const spec = rfmSegmentsSpec(
		[seg('champions', 2), seg('at_risk', 5), seg('hibernating', 3)],
		opts
	);
	const marks = spec.marks as unknown as MarkParts[];

	it('sorts bars by share, largest first, with translated names', () => {
		expect(marks[0]).toBeInstanceOf(Plot.BarX);
		expect(spec.y?.domain).toEqual(['At risk', 'Hibernating', 'Champions']);
		const data = marks[0]!.data as { name: string; share: number }[];
		expect(data.map((d) => [d.name, d.share])).toEqual([
			['At risk', 0.5],
			['Hibernating', 0.3],
			['Champions', 0.2]
		]);
	});

	it('uses a percentage axis and labels bars with counts', () => {
		expect(spec.x?.percent).toBe(true);
		expect(spec.x?.label).toBe('Share of customers (%)');
		expect(marks[1]).toBeInstanceOf(Plot.Text);
		expect(valueOf(marks[1]!, 'text', { customers: 5 })).toBe('5');
	});
});
