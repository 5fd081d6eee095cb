import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
	AVERAGE_KEY,
	CENSORED_MARK,
	cohortHeatmapSpec,
	cumulativeRevenueSpec,
	retentionCurvesSpec
} from '../../../src/analyses/cohort/chart';
import type { CohortResult, CohortRow } from '../../../src/analyses/cohort/sql';

type AnyMark = Plot.Mark & { data: unknown[]; channels: Record<string, { value: unknown }> };

const row = (cohort: string, k: number, retention: number, complete: boolean): CohortRow => ({
	split: null,
	cohort,
	cohort_size: 4,
	k,
	customers: retention * 4,
	retention,
	revenue: 10,
	revenue_retention: 1,
	cum_revenue_per_customer: 2.5 * (k + 1),
	complete,
	censored: false
});
const result: CohortResult = {
	rows: [
		row('2024-02-01', 0, 1, true),
		row('2024-02-01', 1, 0, false),
		row('2024-01-01', 0, 1, true),
		row('2024-01-01', 1, 0.25, true),
		row('2024-01-01', 2, 0.5, false)
	],
	average: [
		{
			split: null,
			k: 0,
			cohorts: 2,
			cohort_size: 8,
			customers: 8,
			retention: 1,
			revenue: 20,
			revenue_retention: 1,
			cum_revenue_per_customer: 2.5
		},
		{
			split: null,
			k: 1,
			cohorts: 2,
			cohort_size: 8,
			customers: 1,
			retention: 0.125,
			revenue: 20,
			revenue_retention: 1,
			cum_revenue_per_customer: 5
		},
		{
			split: null,
			k: 2,
			cohorts: 1,
			cohort_size: 4,
			customers: 2,
			retention: 0.5,
			revenue: 10,
			revenue_retention: 1,
			cum_revenue_per_customer: 7.5
		}
	],
	firstCohort: null
};
const opts = {
	width: 640,
	labels: { average: 'Average', incomplete: 'incomplete period', k: 'Months since first purchase' },
	format: (n: number) => `€${n}`
};
const marks = (spec: Plot.PlotOptions) => (spec.marks ?? []) as unknown as AnyMark[];

describe('cohortHeatmapSpec', () => {
	const spec = cohortHeatmapSpec(result, opts);
	it('formats cohort names and drops % labels when cells are too narrow for them', () => {
		const monthly = cohortHeatmapSpec(result, { ...opts, cohortLabel: (c) => c.slice(0, 7) });
		expect((monthly.y?.tickFormat as (d: string) => string)('2024-02-01')).toBe('2024-02');
		// 3 periods in 150 px: (150 − 90 − 20) / 3 ≈ 13 px per cell, too narrow for text.
		const narrow = cohortHeatmapSpec(result, { ...opts, width: 150 });
		expect(marks(narrow).map((x) => x.constructor.name)).toEqual(['Cell', 'Cell', 'Text']);
	});
	it('is a triangle of cells with % labels: cohorts on y (sorted, average last), k on x', () => {
		const m = marks(spec);
		expect(m.map((x) => x.constructor.name)).toEqual(['Cell', 'Cell', 'Text', 'Text']);
		expect(spec.y?.domain).toEqual(['2024-01-01', '2024-02-01', AVERAGE_KEY]);
		expect(spec.x?.domain).toEqual([0, 1, 2]);
		expect(spec.x?.label).toBe('Months since first purchase');
		const tick = spec.y?.tickFormat as (d: string) => string;
		expect(tick(AVERAGE_KEY)).toBe('Average');
		const text = m[2]!.channels.text!.value as (d: unknown) => string;
		expect(m[2]!.data.map((d) => text(d))).toEqual([
			'100%',
			'0%',
			'100%',
			'25%',
			'50%',
			'100%',
			'13%',
			'50%'
		]);
	});
	it('marks incomplete cells (lighter, dashed outline) and says so in a note', () => {
		const [complete, incomplete, , note] = marks(spec);
		expect(complete!.data).toHaveLength(6); // 3 complete cohort cells + the 3 average cells
		expect(incomplete!.data).toHaveLength(2);
		expect(incomplete!.data.every((d) => !(d as { complete: boolean }).complete)).toBe(true);
		expect((incomplete as unknown as { strokeDasharray: string }).strokeDasharray).toBe('3,2');
		expect(note!.data).toEqual(['⬚ incomplete period']);
		expect(spec.color?.domain).toEqual([0, 1]);
	});
});

describe('a left-censored first cohort', () => {
	const censored: CohortResult = {
		...result,
		rows: result.rows.map((r) => ({ ...r, censored: r.cohort === '2024-01-01' }))
	};
	const labels = { ...opts.labels, censored: 'first cohort starts before the data' };
	it('is marked ◆ on its label, with the symbol explained under the chart', () => {
		const spec = cohortHeatmapSpec(censored, { ...opts, labels });
		const tick = spec.y?.tickFormat as (d: string) => string;
		expect([tick('2024-01-01'), tick('2024-02-01')]).toEqual([
			`2024-01-01 ${CENSORED_MARK}`,
			'2024-02-01'
		]);
		expect(marks(spec).at(-1)!.data).toEqual([
			`${CENSORED_MARK} first cohort starts before the data   ⬚ incomplete period`
		]);
	});
	it('adds no symbol and no note otherwise', () => {
		const m = marks(cohortHeatmapSpec(result, { ...opts, labels }));
		expect(m.at(-1)!.data).toEqual(['⬚ incomplete period']);
	});
});

describe('retention and cumulative revenue curves', () => {
	it('draws one line per cohort plus a thick average line and hollow incomplete points', () => {
		const spec = retentionCurvesSpec(result, opts);
		const m = marks(spec);
		expect(m.map((x) => x.constructor.name)).toEqual(['Line', 'Line', 'Dot']);
		expect(m[0]!.data).toHaveLength(5);
		expect(m[1]!.data).toHaveLength(3);
		// Only the cohorts' unfinished cells: the average is over complete cells.
		expect(m[2]!.data).toHaveLength(2);
		expect((spec.y?.tickFormat as (n: number) => string)(0.25)).toBe('25%');
	});
	it('plots cumulative revenue per customer with the money format', () => {
		const spec = cumulativeRevenueSpec(result, opts);
		const avg = marks(spec)[1]!.data as { value: number }[];
		expect(avg.map((d) => d.value)).toEqual([2.5, 5, 7.5]);
		expect(spec.y?.tickFormat).toBe(opts.format);
	});
	it('draws no average point where too few cohorts give no average cumulative revenue', () => {
		const cut = {
			...result,
			average: result.average.map((a) => ({
				...a,
				cum_revenue_per_customer: a.cohorts < 2 ? null : a.cum_revenue_per_customer
			}))
		};
		const avg = marks(cumulativeRevenueSpec(cut, opts))[1]!.data as { k: number }[];
		expect(avg.map((d) => d.k)).toEqual([0, 1]);
	});
	it('facets split results by split value', () => {
		const split = {
			rows: result.rows.map((r) => ({ ...r, split: 'web' })),
			average: [],
			firstCohort: null
		};
		const m = marks(cohortHeatmapSpec(split, opts));
		expect((m[0] as unknown as { fy: unknown }).fy).toBe('split');
		expect(
			(marks(cohortHeatmapSpec(result, opts))[0] as unknown as { fy: unknown }).fy
		).toBeUndefined();
	});
});
