// Feedback charts: the score by month with its 95 % interval band and n, the score by customer
// group as bars with interval whiskers, comments per complaint theme, and themes by month.
import * as Plot from '@observablehq/plot';
import { namedField } from '../../charts/channel';
import type { ChartTextOptions } from '../rfm/chart';

const BLUE = '#4269d0';
const RED = '#cf222e';
const GREY = '#6e7781';

/** A scored set of responses as a chart draws it. */
export interface ScorePoint {
	score: number | null;
	low: number | null;
	high: number | null;
	n: number;
	small: boolean;
}

export interface MonthPoint extends ScorePoint {
	/** 'YYYY-MM-DD', the month's first day. */
	month: string;
}

export interface GroupBar extends ScorePoint {
	/** The group's name as shown. */
	label: string;
}

export interface FeedbackChartOptions extends ChartTextOptions {
	/** NPS (−100 … 100, a zero line) or CSAT (0 … 100). */
	nps: boolean;
}

const date = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * Month ticks for `months` months across `width` px: every 1, 2, 3, 6 or 12 months, about 70 px
 * apart (Plot's own choice over a few months is days or weeks, finer than the data).
 */
export function monthTicks(months: number, width: number): string {
	const step = [1, 2, 3, 6, 12].find((k) => (months / k) * 70 <= width) ?? 12;
	return step === 1 ? 'month' : `${step} months`;
}

/** Left margin that fits the longest of `labels` (about 7 px a character, CJK twice that). */
function labelMargin(labels: readonly string[]): number {
	const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 13 : 7), 0);
	return Math.min(240, Math.max(60, ...labels.map(width)) + 12);
}

/** The score by month: interval band, line, dots (hollow where n is small), n along the bottom. */
export function feedbackTrendSpec(
	rows: MonthPoint[],
	opts: FeedbackChartOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const points = rows.filter((r) => r.score !== null).map((r) => ({ ...r, date: date(r.month) }));
	// n under each point while they stand apart (about 44 px each); else in the tip and the table.
	const counts = points.length * 44 <= opts.width ? points : [];
	return {
		width: opts.width,
		height: Math.round(Math.min(340, Math.max(240, opts.width * 0.35))),
		marginBottom: 44,
		x: {
			type: 'utc',
			label: label('month'),
			labelAnchor: 'right',
			ticks: monthTicks(points.length, opts.width)
		},
		y: { label: label('score'), grid: true, nice: true, domain: opts.nps ? undefined : [0, 100] },
		marks: [
			Plot.areaY(points, { x: 'date', y1: 'low', y2: 'high', fill: BLUE, fillOpacity: 0.15 }),
			Plot.lineY(points, { x: 'date', y: 'score', stroke: BLUE, strokeWidth: 2 }),
			Plot.dot(points, {
				x: 'date',
				y: 'score',
				r: 4,
				stroke: BLUE,
				fill: (d: MonthPoint) => (d.small ? 'white' : BLUE),
				tip: {
					format: { x: (d: Date) => d.toISOString().slice(0, 7), y: (v: number) => v.toFixed(1) }
				},
				channels: {
					n: { value: 'n', label: label('n') },
					low: { value: (d: MonthPoint) => d.low?.toFixed(1) ?? '', label: label('low') },
					high: { value: (d: MonthPoint) => d.high?.toFixed(1) ?? '', label: label('high') }
				}
			}),
			Plot.text(counts, {
				x: 'date',
				text: (d: MonthPoint) => `n=${opts.format(d.n)}`,
				frameAnchor: 'bottom',
				dy: -4,
				fontSize: 9,
				fill: GREY
			}),
			...(opts.nps ? [Plot.ruleY([0], { stroke: GREY })] : [])
		]
	};
}

/** From the lowest interval end (or 0) to the highest (or 0). */
function extent(rows: readonly ScorePoint[]): [number, number] {
	const ends = rows.flatMap((r) => [r.low ?? r.score ?? 0, r.high ?? r.score ?? 0]);
	return [Math.min(0, ...ends), Math.max(0, ...ends)];
}

/** The score per group: bars from zero, the 95 % interval as a whisker, n beside it. */
export function feedbackGroupSpec(rows: GroupBar[], opts: FeedbackChartOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const bars = rows.filter((r) => r.score !== null);
	const names = bars.map((r) => r.label);
	return {
		width: opts.width,
		height: 50 + 30 * Math.max(1, bars.length),
		marginLeft: labelMargin(names),
		marginRight: 60,
		// The intervals and zero in view, not the whole scale: differences between groups stay legible.
		x: { label: label('score'), grid: true, nice: true, domain: extent(bars) },
		y: { label: null, domain: names },
		marks: [
			Plot.barX(bars, {
				// The axis has no title; the tip names the group.
				y: namedField('label', label('group')),
				x: 'score',
				fill: (d: GroupBar) => ((d.score ?? 0) < 0 ? RED : BLUE),
				fillOpacity: (d: GroupBar) => (d.small ? 0.35 : 0.85),
				// The opacity only marks small groups (n says it): not a value for the tip.
				tip: { format: { x: (v: number) => v.toFixed(1), fillOpacity: false } },
				channels: { n: { value: 'n', label: label('n') } }
			}),
			Plot.ruleY(bars, { y: 'label', x1: 'low', x2: 'high', stroke: '#24292f' }),
			Plot.text(bars, {
				y: 'label',
				// Right of the whisker, and of the zero line for negative scores (clear of the bar).
				x: (d: GroupBar) => Math.max(d.high ?? 0, 0),
				text: (d: GroupBar) => `n=${opts.format(d.n)}${d.small ? ` (${label('few')})` : ''}`,
				textAnchor: 'start',
				dx: 6,
				fill: GREY
			}),
			Plot.ruleX([0], { stroke: GREY })
		]
	};
}

export interface ThemeBar {
	label: string;
	responses: number;
	detractor_share: number | null;
}

/** Comments per theme, with the share of detractors written beside each bar. */
export function feedbackThemesSpec(rows: ThemeBar[], opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const names = rows.map((r) => r.label);
	return {
		width: opts.width,
		height: 50 + 30 * Math.max(1, rows.length),
		marginLeft: labelMargin(names),
		marginRight: 140,
		x: { label: label('comments'), grid: true, nice: true, tickFormat: opts.format },
		y: { label: null, domain: names },
		marks: [
			Plot.barX(rows, {
				// The axis has no title; the tip names the theme.
				y: namedField('label', label('theme')),
				x: 'responses',
				fill: BLUE,
				tip: true
			}),
			Plot.text(rows, {
				y: 'label',
				x: 'responses',
				text: (d: ThemeBar) =>
					d.detractor_share === null
						? ''
						: `${label('detractors')} ${Math.round(d.detractor_share * 100)} %`,
				textAnchor: 'start',
				dx: 6,
				fill: GREY
			}),
			Plot.ruleX([0])
		]
	};
}

export interface ThemeMonth {
	label: string;
	month: string;
	responses: number;
}

export interface ThemeTrendOptions extends ChartTextOptions {
	/** Every theme's name, in the dictionary's order. */
	themes: readonly string[];
}

/** Comments per theme and month, one line per theme (the colour legend names them). */
export function feedbackThemeTrendSpec(
	rows: ThemeMonth[],
	opts: ThemeTrendOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	// A month in which a theme had no comment is a 0, not a gap the line would bridge.
	const months = [...new Set(rows.map((r) => r.month))].sort();
	const count = new Map(rows.map((r) => [`${r.label}\u0000${r.month}`, r.responses]));
	const points = opts.themes.flatMap((theme) =>
		months.map((month) => ({
			label: theme,
			month,
			date: date(month),
			responses: count.get(`${theme}\u0000${month}`) ?? 0
		}))
	);
	return {
		width: opts.width,
		height: Math.round(Math.min(320, Math.max(220, opts.width * 0.3))),
		// The dictionary's order: the same colour for a theme in either language.
		// The label is the tip's name of the theme (the swatches legend draws no title).
		color: { legend: true, type: 'categorical', domain: [...opts.themes], label: label('theme') },
		x: {
			type: 'utc',
			label: label('month'),
			labelAnchor: 'right',
			ticks: monthTicks(months.length, opts.width)
		},
		y: { label: label('comments'), grid: true, nice: true, tickFormat: opts.format },
		marks: [
			Plot.lineY(points, { x: 'date', y: 'responses', stroke: 'label', strokeWidth: 1.5 }),
			// The tip names the month (YYYY-MM) as the score's chart does, not its first day.
			Plot.dot(points, {
				x: 'date',
				y: 'responses',
				fill: 'label',
				r: 2.5,
				tip: { format: { x: (d: Date) => d.toISOString().slice(0, 7) } }
			}),
			Plot.ruleY([0])
		]
	};
}
