import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
	breakdownBarsSpec,
	crossTabSpec,
	sortedRows,
	tickLabel,
	labelMargin,
	TICK_LABEL_MAX
} from '../../../src/analyses/breakdown/chart';
import type { BreakdownRow, CrossRow } from '../../../src/analyses/breakdown/sql';

type AnyMark = Plot.Mark & { data: unknown[]; channels: Record<string, { value: unknown }> };
const marks = (spec: Plot.PlotOptions) => (spec.marks ?? []) as unknown as AnyMark[];

const row = (
	value: string,
	position: number,
	customers: number,
	revenue: number,
	aov: number | null,
	flag: 'other' | 'unknown' | null = null
): BreakdownRow => ({
	value,
	position,
	is_other: flag === 'other',
	is_unknown: flag === 'unknown',
	customers,
	orders: 1,
	revenue,
	revenue_share: revenue / 1000,
	aov,
	orders_per_customer: 1,
	repeat_rate: 0,
	median_recency: 5,
	small_group: customers < 30
});
const rows = [
	row('web', 1, 40, 300, 10),
	row('shop', 2, 35, 500, 20),
	row('Other', 3, 50, 900, 5, 'other'),
	row('unknown', 4, 3, 10, null, 'unknown')
];
const opts = {
	width: 500,
	labels: {
		revenue: 'Revenue',
		Other: 'Andere',
		unknown: 'unbekannt',
		small_group: 'fewer than 30 customers'
	},
	format: (n: number) => n.toFixed(0)
};

describe('breakdownBarsSpec', () => {
	it('sorts bars by the KPI with Other and unknown last', () => {
		expect(sortedRows(rows, 'revenue').map((r) => r.value)).toEqual([
			'shop',
			'web',
			'Other',
			'unknown'
		]);
		const spec = breakdownBarsSpec(rows, 'revenue', opts);
		expect(marks(spec).map((m) => m.constructor.name)).toEqual(['BarX', 'Text', 'RuleX', 'Text']);
		// Bars are keyed by position (unique per group), named by the tick format.
		expect(spec.y?.domain).toEqual([2, 1, 3, 4]);
		const tick = spec.y?.tickFormat as (p: number) => string;
		expect([2, 1, 3, 4].map(tick)).toEqual(['shop', 'web', 'Andere', 'unbekannt *']);
		expect(spec.x?.label).toBe('Revenue');
	});
	it('flags small groups visibly (lighter, starred tick, note) and translates Other/unknown', () => {
		const spec = breakdownBarsSpec(rows, 'revenue', opts);
		const bar = marks(spec)[0]!;
		const opacity = bar.channels.fillOpacity!.value as (d: BreakdownRow) => number;
		expect(bar.data.map((d) => opacity(d as BreakdownRow))).toEqual([1, 1, 1, 0.4]);
		const tick = spec.y?.tickFormat as (p: number) => string;
		expect([tick(1), tick(3), tick(4)]).toEqual(['web', 'Andere', 'unbekannt *']);
		expect(marks(spec)[3]!.data).toEqual(['* fewer than 30 customers']);
	});
	it('leaves out values whose KPI is undefined (null) and the note when no group is small', () => {
		const spec = breakdownBarsSpec(rows.slice(0, 3), 'aov', opts);
		expect(spec.y?.domain).toEqual([2, 1, 3]);
		expect(marks(spec)).toHaveLength(3);
	});
});

describe('tickLabel', () => {
	it('cuts long names on code points and isolates their direction', () => {
		expect(tickLabel('web')).toBe('web');
		const long = 'W'.repeat(100);
		expect(tickLabel(long)).toBe(`${'W'.repeat(TICK_LABEL_MAX - 1)}…`);
		// An emoji at the cut is kept whole, not split into a lone surrogate.
		const emoji = `${'a'.repeat(TICK_LABEL_MAX - 2)}🛒🎉xyz`;
		expect(tickLabel(emoji)).toBe(`${'a'.repeat(TICK_LABEL_MAX - 2)}🛒…`);
		// A direction override inside stays inside the isolate.
		expect(tickLabel('\u202Eevil')).toBe('\u2068\u202Eevil\u2069');
		expect(tickLabel('عربي')).toBe('\u2068عربي\u2069');
	});
	it('widens the left margin for long labels, within bounds', () => {
		expect(labelMargin(['web', 'shop'])).toBe(120);
		expect(labelMargin([tickLabel('W'.repeat(200))])).toBeGreaterThanOrEqual(300);
		expect(labelMargin(['W'.repeat(200)])).toBe(320);
		expect(labelMargin([tickLabel('abcdefghijklmnopqrstuvwx')])).toBe(185);
		expect(breakdownBarsSpec(rows, 'revenue', opts).marginLeft).toBe(120);
	});
});

describe('crossTabSpec', () => {
	const cross: CrossRow[] = [
		{
			a: 'web',
			b: '<25',
			a_position: 1,
			b_position: 1,
			a_other: false,
			a_unknown: false,
			b_other: false,
			b_unknown: false,
			customers: 2,
			revenue: 100
		},
		{
			a: 'Other',
			b: 'unknown',
			a_position: 3,
			b_position: 1_000_000,
			a_other: true,
			a_unknown: false,
			b_other: false,
			b_unknown: true,
			customers: 1,
			revenue: 5
		},
		{
			a: 'app',
			b: '25–34',
			a_position: 2,
			b_position: 2,
			a_other: false,
			a_unknown: false,
			b_other: false,
			b_unknown: false,
			customers: 0,
			revenue: 50
		}
	];
	it('is a heatmap with both axes in result position order and counts as text', () => {
		const spec = crossTabSpec(cross, 'customers', opts);
		const m = marks(spec);
		expect(m.map((x) => x.constructor.name)).toEqual(['Cell', 'Text']);
		expect(spec.y?.domain).toEqual([1, 2, 3]);
		expect(spec.x?.domain).toEqual([1, 2, 1_000_000]);
		const name = (axis: 'x' | 'y') => spec[axis]?.tickFormat as (p: number) => string;
		expect([1, 2, 3].map(name('y'))).toEqual(['web', 'app', 'Andere']);
		expect([1, 2, 1_000_000].map(name('x'))).toEqual(['<25', '25–34', 'unbekannt']);
		expect(m[0]!.channels.fill!.value).toBe('customers');
		const text = m[1]!.channels.text!.value as (d: CrossRow) => string;
		expect(cross.map(text)).toEqual(['2', '1', '0']);
	});
});
