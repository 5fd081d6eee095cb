import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { revenueByMonthSpec, type RevenueByMonthRow } from '../../../src/analyses/overview/chart';

const rows: RevenueByMonthRow[] = [
	{ month: '2024-03-01', revenue: 300, orders: 3, customers: 2 },
	{ month: '2024-01-01', revenue: 100.5, orders: 1, customers: 1 },
	{ month: '2024-02-01', revenue: 0, orders: 0, customers: 0 }
];
const labels = { month: 'Month', revenue: 'Revenue (€)', orders: 'Orders', customers: 'Customers' };
const format = (n: number) => `€${n.toFixed(0)}`;

type MarkWithData = Plot.Mark & { data: unknown; channels: Record<string, { value: unknown }> };

function rectMark(spec: Plot.PlotOptions): MarkWithData {
	const marks = (spec.marks ?? []) as Plot.Mark[];
	const rect = marks.find((m) => m instanceof Plot.Rect);
	if (!rect) throw new Error('no Rect mark');
	return rect as unknown as MarkWithData;
}

describe('revenueByMonthSpec', () => {
	const spec = revenueByMonthSpec(rows, { width: 800, labels, format });

	it('draws one bar per month on a UTC time axis, plus a zero rule', () => {
		const marks = (spec.marks ?? []) as Plot.Mark[];
		expect(marks).toHaveLength(2);
		expect(marks[0]).toBeInstanceOf(Plot.Rect);
		expect(marks[1]).toBeInstanceOf(Plot.RuleY);
		expect(spec.x?.type).toBe('utc');
		expect(spec.width).toBe(800);
	});

	it('turns months into UTC dates in chronological order', () => {
		const data = rectMark(spec).data as { month: Date; revenue: number }[];
		expect(data.map((d) => d.month.toISOString())).toEqual([
			'2024-01-01T00:00:00.000Z',
			'2024-02-01T00:00:00.000Z',
			'2024-03-01T00:00:00.000Z'
		]);
		expect(data.map((d) => d.revenue)).toEqual([100.5, 0, 300]);
	});

	it('formats the y axis with the caller format and uses the given labels', () => {
		expect(spec.y?.tickFormat).toBe(format);
		expect(spec.y?.label).toBe('Revenue (€)');
		expect(spec.x?.label).toBeNull(); // month ticks are self-explanatory; 'Month' is in the tip
	});

	it('shows month, revenue, orders and customers in the tip, labelled', () => {
		const mark = rectMark(spec) as MarkWithData & {
			tip: unknown;
			channels: Record<string, { label?: string }>;
		};
		expect(mark.tip).toBeTruthy();
		expect(mark.channels.orders?.label).toBe('Orders');
		expect(mark.channels.customers?.label).toBe('Customers');
		expect(mark.channels.month?.label).toBe('Month');
	});

	it('accepts no rows and falls back to the key when a label is missing', () => {
		const empty = revenueByMonthSpec([], { width: 400, labels: {}, format });
		expect(rectMark(empty).data).toEqual([]);
		expect(empty.y?.label).toBe('revenue');
	});

	it('accepts x and y as aliases of the month and revenue labels', () => {
		const aliased = revenueByMonthSpec(rows, {
			width: 600,
			labels: { x: '月份', y: '收入', orders: '订单', customers: '客户' },
			format
		});
		expect(aliased.y?.label).toBe('收入');
		const mark = rectMark(aliased) as MarkWithData & {
			channels: Record<string, { label?: string }>;
		};
		expect(mark.channels.month?.label).toBe('月份');
	});

	it('rejects a month that is not YYYY-MM', () => {
		expect(() =>
			revenueByMonthSpec([{ month: 'March', revenue: 1, orders: 1, customers: 1 }], {
				width: 400,
				labels,
				format
			})
		).toThrow(/YYYY-MM/);
	});
});
