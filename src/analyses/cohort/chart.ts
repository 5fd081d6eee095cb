// Cohort charts: the retention triangle (cohort × k, % labels, incomplete cells lighter with a dashed
// outline, a left-censored first cohort marked ◆ on its label, the size-weighted average of the
// complete cells as the last row), retention curves and cumulative revenue (LTV) curves per cohort
// with the average drawn thicker where it is defined. Split results are faceted by split value.
import * as Plot from '@observablehq/plot';
import { namedField } from '../../charts/channel';
import type { CohortAverageRow, CohortResult, CohortRow } from './sql';

export interface CohortChartOptions {
	width: number;
	/**
	 * Translated titles: cohort, k, retention, cum_revenue_per_customer, average, incomplete,
	 * cohorts (how many cohorts an average cell averages), censored (the ◆ legend), split (the
	 * facets of a split result).
	 */
	labels: Record<string, string>;
	/** Money format (LTV axis and tips). */
	format: (n: number) => string;
	/** Display of a cohort key ('2024-03-01' → '2024-03' for months); default: the date. */
	cohortLabel?: (cohort: string) => string;
}

/** Key of the average row on the y axis of the triangle (after all cohorts). */
export const AVERAGE_KEY = 'average';
/** Appended to a left-censored cohort's label, and the legend's symbol. */
export const CENSORED_MARK = '◆';

interface Cell {
	split: string | null;
	row: string;
	k: number;
	retention: number;
	customers: number;
	cohort_size: number;
	complete: boolean;
	/** Average cells: how many cohorts they average. */
	cohorts?: number;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

function cellsOf(result: CohortResult): Cell[] {
	const cohort = (r: CohortRow): Cell => ({ ...r, row: r.cohort });
	const avg = (r: CohortAverageRow): Cell => ({ ...r, row: AVERAGE_KEY, complete: true });
	return [...result.rows.map(cohort), ...result.average.map(avg)];
}

export function cohortHeatmapSpec(
	result: CohortResult,
	opts: CohortChartOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const cells = cellsOf(result);
	const cohorts = [...new Set(result.rows.map((r) => r.cohort))].sort();
	const split = result.rows.some((r) => r.split !== null);
	const facet = split ? { fy: 'split' } : {};
	const ks = [...new Set(cells.map((c) => c.k))].sort((a, b) => a - b);
	const complete = cells.filter((c) => c.complete);
	const incomplete = cells.filter((c) => !c.complete);
	const censored = new Set(result.rows.filter((r) => r.censored).map((r) => r.cohort));
	const legend = [
		...(censored.size > 0 ? [`${CENSORED_MARK} ${label('censored')}`] : []),
		`⬚ ${label('incomplete')}`
	].join('   ');
	const marginLeft = 90;
	// % labels only where they fit: 9–11 px text needs a cell of about 22 px or more.
	const cellWidth = (opts.width - marginLeft - 20) / Math.max(1, ks.length);
	const fontSize = cellWidth >= 30 ? 11 : cellWidth >= 22 ? 9 : 0;
	const cohortLabel = opts.cohortLabel ?? ((c: string) => c.slice(0, 10));
	const rowName = (d: string) =>
		d === AVERAGE_KEY
			? label('average')
			: censored.has(d)
				? `${cohortLabel(d)} ${CENSORED_MARK}`
				: cohortLabel(d);
	// The row axis has no title, so the tip names it; the tip shows rows as the axis does.
	const row = namedField('row', label('cohort'));
	const tip = { format: { fill: true, x: true, y: rowName } };
	return {
		width: opts.width,
		height: Math.max(
			160,
			26 * (cohorts.length + 1) * (split ? new Set(cells.map((c) => c.split)).size : 1) + 60
		),
		marginLeft,
		marginTop: 48,
		// The split's axis and tip name it in the page's language, not by its field name.
		...(split ? { fy: { label: label('split') } } : {}),
		padding: 0.05,
		x: { type: 'band', domain: ks, label: label('k'), axis: 'top', labelOffset: 36 },
		// No y axis label: rotated, it collided with the cohort names; the chart title says it.
		y: {
			type: 'band',
			domain: [...cohorts, AVERAGE_KEY],
			label: null,
			tickFormat: rowName
		},
		color: {
			type: 'linear',
			domain: [0, 1],
			scheme: 'blues',
			label: label('retention'),
			legend: true,
			tickFormat: pct
		},
		marks: [
			// The average cells (always complete) say in their tip how many cohorts they average.
			Plot.cell(complete, {
				x: 'k',
				y: row,
				fill: 'retention',
				channels: { [label('cohorts')]: 'cohorts' },
				...facet,
				tip
			}),
			Plot.cell(incomplete, {
				x: 'k',
				y: row,
				fill: 'retention',
				fillOpacity: 0.45,
				stroke: '#57606a',
				strokeDasharray: '3,2',
				...facet,
				tip
			}),
			...(fontSize > 0
				? [
						Plot.text(cells, {
							x: 'k',
							y: 'row',
							text: (d: Cell) => pct(d.retention),
							fill: (d: Cell) => (d.retention > 0.5 && d.complete ? 'white' : 'black'),
							fontSize,
							...facet
						})
					]
				: []),
			// One legend line at the right: the source note takes the left of the same line.
			Plot.text([legend], { frameAnchor: 'bottom-right', dy: 28, fill: '#57606a' })
		]
	};
}

interface CurvePoint {
	split: string | null;
	series: string;
	k: number;
	value: number;
	complete: boolean;
}

/** The curves' points; an average without a value at k (too few cohorts) has no point there. */
function curves(
	result: CohortResult,
	field: 'retention' | 'cum_revenue_per_customer'
): CurvePoint[] {
	return [
		...result.rows.map((r) => ({
			split: r.split,
			series: r.cohort,
			k: r.k,
			value: r[field],
			complete: r.complete
		})),
		...result.average.flatMap((r) => {
			const value = r[field];
			return value === null
				? []
				: [{ split: r.split, series: AVERAGE_KEY, k: r.k, value, complete: true }];
		})
	];
}

function curveSpec(
	result: CohortResult,
	field: 'retention' | 'cum_revenue_per_customer',
	opts: CohortChartOptions,
	yFormat: (n: number) => string
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const points = curves(result, field);
	const split = result.rows.some((r) => r.split !== null);
	const facet = split ? { fy: 'split' } : {};
	const cohorts = points.filter((p) => p.series !== AVERAGE_KEY);
	const average = points.filter((p) => p.series === AVERAGE_KEY);
	return {
		width: opts.width,
		height: Math.round(Math.min(420, Math.max(240, opts.width * 0.45))),
		...(split ? { fy: { label: label('split') } } : {}),
		x: { label: label('k'), tickFormat: (d: number) => String(d), grid: true },
		y: { label: label(field), tickFormat: yFormat, grid: true, nice: true, zero: true },
		color: { type: 'ordinal', scheme: 'tableau10', label: label('cohort') },
		marks: [
			Plot.lineY(cohorts, {
				x: 'k',
				y: 'value',
				stroke: 'series',
				strokeOpacity: 0.5,
				...facet,
				// The cohort as the triangle names it; the series (z, from stroke) would repeat it
				// under its field name.
				tip: { format: { stroke: opts.cohortLabel ?? ((c: string) => c.slice(0, 10)), z: false } }
			}),
			Plot.lineY(average, { x: 'k', y: 'value', stroke: '#1f2328', strokeWidth: 3, ...facet }),
			// Incomplete periods as hollow dots.
			Plot.dot(
				points.filter((p) => !p.complete),
				{ x: 'k', y: 'value', stroke: '#57606a', fill: 'white', r: 3, ...facet }
			)
		]
	};
}

export function retentionCurvesSpec(
	result: CohortResult,
	opts: CohortChartOptions
): Plot.PlotOptions {
	return curveSpec(result, 'retention', opts, pct);
}

export function cumulativeRevenueSpec(
	result: CohortResult,
	opts: CohortChartOptions
): Plot.PlotOptions {
	return curveSpec(result, 'cum_revenue_per_customer', opts, opts.format);
}
