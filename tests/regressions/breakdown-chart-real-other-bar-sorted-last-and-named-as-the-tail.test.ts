// @vitest-environment jsdom
// Issue 14: the breakdown chart kept bars whose value read 'Other' or 'unknown' last and drew them
// with the translated tail names, so a real value "Other" (or the text "unknown") lost its place
// in the KPI order and was labelled as the folded group (or the blanks).
import { describe, expect, it } from 'vitest';
import { renderChart, PLOT_CLASS } from '../../src/charts/render';
import { breakdownBarsSpec, crossTabSpec } from '../../src/analyses/breakdown/chart';
import type { BreakdownRow, CrossRow } from '../../src/analyses/breakdown/sql';

const row = (
	value: string,
	position: number,
	revenue: number,
	flags: { other?: boolean; unknown?: boolean } = {}
): BreakdownRow => ({
	value,
	position,
	is_other: flags.other ?? false,
	is_unknown: flags.unknown ?? false,
	customers: 40,
	orders: 10,
	revenue,
	revenue_share: revenue / 2000,
	aov: revenue / 10,
	orders_per_customer: 1,
	repeat_rate: 0,
	median_recency: 5,
	small_group: false
});

// The real "Other" and "unknown" have the most revenue; the folded group and the blanks the least.
const rows = [
	row('Other', 1, 900),
	row('unknown', 2, 600),
	row('web', 3, 300),
	row('unknown', 4, 20, { unknown: true }),
	row('Other', 5, 50, { other: true })
];
const opts = {
	width: 500,
	labels: { revenue: 'Revenue', Other: 'Andere', unknown: 'unbekannt', small_group: 'small' },
	format: (n: number) => n.toFixed(0)
};

function ticks(spec: Parameters<typeof renderChart>[0], axis: 'x' | 'y'): string[] {
	const figure = renderChart(spec, { title: 't', note: 'n', width: 524, locale: 'en' });
	const svg = figure.querySelector(`svg.${PLOT_CLASS}`)!;
	const texts = svg.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`);
	return [...texts].map((t) => t.textContent ?? '');
}

describe('breakdown chart with real values "Other" and "unknown"', () => {
	it('sorts them by the KPI and names them by their text; only the flagged groups go last', () => {
		expect(ticks(breakdownBarsSpec(rows, 'revenue', opts), 'y')).toEqual([
			'Other',
			'unknown',
			'web',
			'Andere',
			'unbekannt'
		]);
	});

	it('names cross-tab rows and columns by their flags, not their text', () => {
		const cell = (a: BreakdownRow, b: BreakdownRow): CrossRow => ({
			a: a.value,
			b: b.value,
			a_position: a.position,
			b_position: b.position,
			a_other: a.is_other,
			a_unknown: a.is_unknown,
			b_other: b.is_other,
			b_unknown: b.is_unknown,
			customers: 1,
			revenue: 1
		});
		const cross = [cell(rows[0]!, rows[1]!), cell(rows[4]!, rows[3]!), cell(rows[1]!, rows[0]!)];
		const spec = { ...crossTabSpec(cross, 'customers', opts), color: { legend: false } };
		expect(ticks(spec, 'y')).toEqual(['Other', 'unknown', 'Andere']);
		expect(ticks(spec, 'x')).toEqual(['Other', 'unknown', 'unbekannt']);
	});
});
