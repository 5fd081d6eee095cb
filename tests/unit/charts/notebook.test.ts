import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
	MAX_CATEGORIES,
	MAX_FACETS,
	MAX_POINTS,
	notebookChartSpec
} from '../../../src/charts/notebook';
import { columnClass, defaultChart } from '../../../src/core/notebook/chart';
import { emptyChart, type ChartSettings } from '../../../src/core/notebook/model';

type Channel = { value: unknown };
type MarkParts = Plot.Mark & { data: Record<string, unknown>[]; channels: Record<string, Channel> };

const columns = [
	{ name: 'day', type: 'Date32<DAY>' },
	{ name: 'segment', type: 'Utf8' },
	{ name: 'revenue', type: 'Decimal[18e+2]' },
	{ name: 'orders', type: 'Int64' }
];
const rows = [
	{ day: '2024-01-02', segment: 'Champions', revenue: 10.5, orders: 2 },
	{ day: '2024-01-01', segment: 'At risk', revenue: 3, orders: 1 }
];
const chart = (patch: Partial<ChartSettings>): ChartSettings => ({ ...emptyChart(), ...patch });
const marksOf = (spec: Plot.PlotOptions) => (spec.marks ?? []) as unknown as MarkParts[];

describe('chart cell defaults', () => {
	it('classifies Arrow and DuckDB type names', () => {
		expect(
			['Int32', 'Float64', 'Decimal[38e0]', 'BIGINT', 'DOUBLE', 'Uint8'].map(columnClass)
		).toEqual(Array(6).fill('number'));
		expect(['Date32<DAY>', 'Timestamp<MICROSECOND>', 'DATE', 'TIMESTAMP'].map(columnClass)).toEqual(
			Array(4).fill('time')
		);
		expect(['Utf8', 'Bool', 'List<Int32>', 'VARCHAR'].map(columnClass)).toEqual(
			Array(4).fill('text')
		);
	});
	it('draws a time column as a line, a text column as bars, two numbers as dots', () => {
		expect(defaultChart(columns, emptyChart())).toMatchObject({
			mark: 'line',
			x: 'day',
			y: 'revenue'
		});
		expect(defaultChart(columns.slice(1), emptyChart())).toMatchObject({
			mark: 'bar',
			x: 'segment',
			y: 'revenue'
		});
		expect(defaultChart(columns.slice(2), emptyChart())).toMatchObject({
			mark: 'dot',
			x: 'revenue',
			y: 'orders'
		});
	});
	it('keeps the user’s choices while their columns exist', () => {
		const mine = chart({ mark: 'area', x: 'segment', y: 'orders', color: 'gone' });
		expect(defaultChart(columns, mine)).toEqual({ ...mine, color: null });
	});
});

describe('notebookChartSpec', () => {
	it('is null without an x column of the result', () => {
		expect(notebookChartSpec(rows, columns, chart({ x: null }), 600)).toBeNull();
		expect(notebookChartSpec(rows, columns, chart({ x: 'nope' }), 600)).toBeNull();
	});
	it('bars of y by category, with a zero rule and axis labels from the columns', () => {
		const r = notebookChartSpec(
			rows,
			columns,
			chart({ mark: 'bar', x: 'segment', y: 'revenue' }),
			600
		)!;
		const [bar, rule] = marksOf(r.spec);
		expect(bar).toBeInstanceOf(Plot.BarY);
		expect(rule).toBeInstanceOf(Plot.RuleY);
		expect(r.spec.x).toMatchObject({ label: 'segment' });
		expect(r.spec.y).toMatchObject({ label: 'revenue' });
		expect(r).toMatchObject({ shown: 2, total: 2, cut: false });
	});
	it('draws dates on a band axis as date labels, on an explicit band scale', () => {
		const timed = [{ day: '2024-03-01 00:00:00', segment: 'x', revenue: 1, orders: 1 }];
		const cols = [{ name: 'day', type: 'Timestamp<MICROSECOND>' }, ...columns.slice(1)];
		const r = notebookChartSpec(timed, cols, chart({ mark: 'bar', x: 'day', y: 'revenue' }), 600)!;
		expect(marksOf(r.spec)[0]!.data.map((d) => d.day)).toEqual(['2024-03-01']);
		expect(r.spec.x).toMatchObject({ type: 'band' });
	});
	it('colours a heatmap by the first other number column when no colour is chosen', () => {
		const r = notebookChartSpec(
			rows,
			columns,
			chart({ mark: 'cell', x: 'segment', y: 'day' }),
			600
		)!;
		expect(r.spec.color).toMatchObject({ legend: true, label: 'revenue', scheme: 'blues' });
	});
	it('counts rows per category when no y is chosen', () => {
		const r = notebookChartSpec(rows, columns, chart({ mark: 'bar', x: 'segment' }), 600)!;
		expect(r.spec.y).toMatchObject({ label: 'count' });
		expect(marksOf(r.spec)[0]).toBeInstanceOf(Plot.BarY);
	});
	it('a bar chart counting rows names its y axis in the page’s language (it said "count" in Chinese)', () => {
		const bar = chart({ mark: 'bar', x: 'segment' });
		expect(notebookChartSpec(rows, columns, bar, 600, '计数')!.spec.y).toMatchObject({
			label: '计数'
		});
		// A chosen y column keeps its own name.
		const withY = chart({ mark: 'bar', x: 'segment', y: 'revenue' });
		expect(notebookChartSpec(rows, columns, withY, 600, '计数')!.spec.y).not.toMatchObject({
			label: '计数'
		});
	});
	it('turns a number-by-category bar chart horizontal', () => {
		const r = notebookChartSpec(
			rows,
			columns,
			chart({ mark: 'bar', x: 'revenue', y: 'segment' }),
			600
		)!;
		expect(marksOf(r.spec)[0]).toBeInstanceOf(Plot.BarX);
	});
	it('draws time columns as dates, sorted along x, with colour and facets', () => {
		const r = notebookChartSpec(
			rows,
			columns,
			chart({ mark: 'line', x: 'day', y: 'revenue', color: 'segment', facet: 'segment' }),
			600
		)!;
		const [line] = marksOf(r.spec);
		expect(line).toBeInstanceOf(Plot.Line);
		// The rows come newest first; the line joins them in date order.
		expect(line!.data.map((d) => d.day)).toEqual([
			new Date('2024-01-01T00:00:00Z'),
			new Date('2024-01-02T00:00:00Z')
		]);
		expect(r.spec.color).toMatchObject({ legend: true, label: 'segment' });
		const fx = r.spec.fx as { tickFormat: (d: unknown) => string };
		expect(fx.tickFormat('At risk')).toBe('segment: At risk');
		expect((line as unknown as { fx: unknown }).fx).toBe('segment');
	});
	it.each(['area', 'dot', 'cell'] as const)('draws %s marks', (mark) => {
		const r = notebookChartSpec(
			rows,
			columns,
			chart({ mark, x: 'segment', y: 'day', color: 'revenue' }),
			600
		)!;
		const want = { area: Plot.Area, dot: Plot.Dot, cell: Plot.Cell }[mark];
		expect(marksOf(r.spec)[0]).toBeInstanceOf(want);
	});
	it('caps the points, categories and facets it draws, and says so', () => {
		const many = Array.from({ length: MAX_POINTS + 500 }, (_, i) => ({
			day: '2024-01-01',
			segment: `customer number ${i}`,
			revenue: i,
			orders: i % 10
		}));
		const points = notebookChartSpec(
			many,
			columns,
			chart({ mark: 'dot', x: 'revenue', y: 'orders' }),
			600
		)!;
		expect(points).toMatchObject({ shown: MAX_POINTS, total: MAX_POINTS + 500, cut: true });
		const bars = notebookChartSpec(
			many,
			columns,
			chart({ mark: 'bar', x: 'segment', y: 'revenue' }),
			600
		)!;
		expect(bars.shown).toBe(MAX_CATEGORIES);
		expect(bars.cut).toBe(true);
		// Many categories: labels rotated, shortened, with room below the axis.
		expect(bars.spec.x).toMatchObject({ tickRotate: -45 });
		const format = (bars.spec.x as { tickFormat: (d: unknown) => string }).tickFormat;
		expect(format('customer number 123456789')).toBe('customer number 123…');
		expect(bars.spec.marginBottom).toBeGreaterThan(100);
		const facets = notebookChartSpec(
			many,
			columns,
			chart({ mark: 'dot', x: 'revenue', y: 'orders', facet: 'segment' }),
			600
		)!;
		expect(new Set(marksOf(facets.spec).flatMap((m) => m.data.map((d) => d.segment))).size).toBe(
			MAX_FACETS
		);
	});
});
