// Loyalty charts: members per tier over time (stacked areas), the points ledger per month
// (issued up, redeemed and expired down, outstanding as a line) and the tier migration matrix.
import * as Plot from '@observablehq/plot';
import type { ChartTextOptions } from '../rfm/chart';
import type { MonthRow } from './result';

export interface LoyaltyChartOptions extends ChartTextOptions {
	/** The tiers' names as shown, lowest first. */
	tiers: string[];
}

/** Colours of up to five tiers, lowest first: grey, silver-blue, gold, violet, dark. */
export const TIER_COLORS = ['#8c959f', '#4269d0', '#efb118', '#9c6ade', '#1f2328'];

const heightOf = (width: number) => Math.round(Math.min(360, Math.max(220, width * 0.38)));

export function tiersOverTimeSpec(
	rows: { date: string; tier: number; members: number }[],
	opts: LoyaltyChartOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const data = rows.map((r) => ({
		date: new Date(`${r.date}T00:00:00Z`),
		tier: opts.tiers[r.tier - 1] ?? String(r.tier),
		members: r.members
	}));
	return {
		width: opts.width,
		height: heightOf(opts.width),
		x: { type: 'utc', label: label('date') },
		y: { label: label('members'), grid: true, nice: true, tickFormat: opts.format },
		color: {
			domain: opts.tiers,
			range: TIER_COLORS.slice(0, opts.tiers.length),
			legend: true,
			// The tip's name of the colour channel.
			label: label('tier')
		},
		marks: [
			Plot.areaY(data, {
				x: 'date',
				y: 'members',
				fill: 'tier',
				order: opts.tiers,
				// The series (z, from fill) would repeat the tier under its field name.
				tip: { format: { z: false } }
			}),
			Plot.ruleY([0])
		]
	};
}

export function ledgerSpec(rows: MonthRow[], opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const flows = ['issued', 'redeemed', 'expired'].map(label);
	const bars = rows.flatMap((r) => {
		const date = new Date(`${r.month}-01T00:00:00Z`);
		return [
			{ date, month: r.month, flow: flows[0]!, points: r.issued },
			{ date, month: r.month, flow: flows[1]!, points: -r.redeemed },
			{ date, month: r.month, flow: flows[2]!, points: -r.expired }
		];
	});
	return {
		width: opts.width,
		height: heightOf(opts.width),
		x: { type: 'utc', label: label('month') },
		y: { label: label('points'), grid: true, nice: true, tickFormat: opts.format },
		color: {
			domain: flows,
			range: ['#4269d0', '#3ca951', '#ff725c'],
			legend: true,
			label: label('flow')
		},
		marks: [
			Plot.rectY(bars, {
				x: 'date',
				interval: 'month',
				y: 'points',
				fill: 'flow',
				inset: 0.5,
				// The month ('2024-02'), not the bar's day range ('2024-02-01–2024-03-01').
				channels: { month: { value: 'month', label: label('month') } },
				tip: { format: { y: opts.format, fill: true, month: true, x: false } }
			}),
			Plot.ruleY([0])
		]
	};
}

/** Points outstanding at each month's end, and their value (the liability) in the tip. */
export function outstandingSpec(
	rows: MonthRow[],
	pointValue: number,
	opts: ChartTextOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const data = rows.map((r) => ({
		date: new Date(`${r.month}-01T00:00:00Z`),
		points: r.outstanding,
		liability: r.outstanding * pointValue
	}));
	return {
		width: opts.width,
		height: Math.round(heightOf(opts.width) * 0.75),
		x: { type: 'utc', label: label('month') },
		y: { label: label('outstanding'), grid: true, nice: true, tickFormat: opts.format },
		marks: [
			Plot.areaY(data, { x: 'date', y: 'points', fill: '#4269d0', fillOpacity: 0.15 }),
			Plot.lineY(data, {
				x: 'date',
				y: 'points',
				stroke: '#4269d0',
				strokeWidth: 2,
				tip: true,
				channels: { liability: { value: 'liability', label: label('liability') } }
			}),
			Plot.ruleY([0])
		]
	};
}

export function migrationSpec(
	rows: { tier_from: number; tier_to: number; members: number }[],
	opts: LoyaltyChartOptions
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const from = [label('not_yet'), ...opts.tiers];
	const cells = rows.map((r) => ({
		from: r.tier_from === 0 ? label('not_yet') : (opts.tiers[r.tier_from - 1] ?? ''),
		to: opts.tiers[r.tier_to - 1] ?? '',
		members: r.members
	}));
	const max = Math.max(1, ...cells.map((c) => c.members));
	return {
		width: Math.min(opts.width, 120 + 130 * opts.tiers.length),
		height: 70 + 36 * from.length,
		padding: 0.05,
		marginTop: 36,
		x: { type: 'band', domain: opts.tiers, axis: 'top', label: label('to') },
		y: { type: 'band', domain: from, label: label('from') },
		// No legend; the label names the count in the tip.
		color: { type: 'sqrt', scheme: 'blues', domain: [0, max], label: label('members') },
		marks: [
			Plot.cell(cells, { x: 'to', y: 'from', fill: 'members', tip: true }),
			Plot.text(cells, {
				x: 'to',
				y: 'from',
				text: (d: { members: number }) => opts.format(d.members),
				fill: (d: { members: number }) => (d.members > max * 0.45 ? 'white' : 'black')
			})
		]
	};
}
