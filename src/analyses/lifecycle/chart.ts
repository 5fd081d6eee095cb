// Lifecycle charts: stage bars (evaluation order) with the thresholds in force written above them,
// stages over time as stacked areas, and the migration matrix as a heatmap with counts.
import * as Plot from '@observablehq/plot';
import {
	LIFECYCLE_STAGES,
	type LifecycleResult,
	type MigrationRow,
	type StageOverTimeRow
} from './sql';

export interface LifecycleChartOptions {
	width: number;
	/**
	 * Translated stage names (keys = stage keys and 'not_yet') and titles: customers, month_end,
	 * from_stage, to_stage, churn_after, risk_after, loyal_orders, days.
	 */
	labels: Record<string, string>;
	/** Number format for counts. */
	format: (n: number) => string;
}

/** Fixed colours per stage, so every lifecycle chart agrees. */
export const STAGE_COLORS: Readonly<Record<string, string>> = {
	prospect: '#bab0ac',
	churned: '#e15759',
	at_risk: '#f28e2c',
	new: '#4e79a7',
	reactivated: '#b07aa1',
	loyal: '#59a14f',
	active: '#76b7b2'
};
const STAGES: string[] = [...LIFECYCLE_STAGES];

function labeller(opts: LifecycleChartOptions) {
	return (key: string) => opts.labels[key] ?? key;
}

/** "churn after 30 days · at risk after 29 days · loyal from 4 orders" */
export function thresholdNote(
	t: LifecycleResult['thresholds'],
	opts: LifecycleChartOptions
): string {
	const label = labeller(opts);
	return [
		`${label('churn_after')}: ${t.churn_after} ${label('days')}`,
		`${label('risk_after')}: ${t.risk_after} ${label('days')}`,
		`${label('loyal_orders')}: ${t.loyal_orders}`
	].join(' · ');
}

export function stageBarsSpec(
	result: LifecycleResult,
	opts: LifecycleChartOptions
): Plot.PlotOptions {
	const label = labeller(opts);
	return {
		width: opts.width,
		height: 60 + 28 * STAGES.length,
		marginLeft: 110,
		// The count is written after each bar: the longest bar's ("3,512") needs room past the end.
		marginRight: 60,
		marginTop: 36,
		x: { label: label('customers'), grid: true, tickFormat: opts.format },
		y: { domain: STAGES, label: null, tickFormat: label },
		color: { domain: STAGES, range: STAGES.map((s) => STAGE_COLORS[s]!), label: label('stage') },
		marks: [
			Plot.barX(result.stages, {
				x: 'customers',
				y: 'stage',
				fill: 'stage',
				// The stage once, translated, with its colour (y holds the same key).
				tip: { format: { fill: label, y: false } }
			}),
			Plot.text(result.stages, {
				x: 'customers',
				y: 'stage',
				text: (d: { customers: number }) => opts.format(d.customers),
				textAnchor: 'start',
				dx: 4
			}),
			Plot.ruleX([0]),
			Plot.text([thresholdNote(result.thresholds, opts)], {
				frameAnchor: 'top-left',
				dy: -24,
				fill: '#57606a'
			})
		]
	};
}

interface OverTimeDatum extends StageOverTimeRow {
	date: Date;
}

export function stagesOverTimeSpec(
	rows: StageOverTimeRow[],
	opts: LifecycleChartOptions
): Plot.PlotOptions {
	const label = labeller(opts);
	const data: OverTimeDatum[] = rows.map((r) => ({
		...r,
		date: new Date(`${r.month_end}T00:00:00Z`)
	}));
	return {
		width: opts.width,
		height: Math.round(Math.min(400, Math.max(240, opts.width * 0.4))),
		x: { type: 'utc', label: label('month_end') },
		// nice: the top of the stack ends at a tick, not flush with the top of the frame.
		y: { label: label('customers'), grid: true, tickFormat: opts.format, nice: true },
		color: {
			domain: STAGES,
			range: STAGES.map((s) => STAGE_COLORS[s]!),
			legend: true,
			tickFormat: label,
			label: label('stage')
		},
		marks: [
			Plot.areaY(data, {
				x: 'date',
				y: 'customers',
				fill: 'stage',
				order: STAGES,
				// The stage translated; the series (z, from fill) would repeat its key.
				tip: { format: { fill: label, z: false } }
			}),
			Plot.ruleY([0])
		]
	};
}

export function migrationHeatmapSpec(
	rows: MigrationRow[],
	opts: LifecycleChartOptions
): Plot.PlotOptions {
	const label = labeller(opts);
	const from = ['not_yet', ...STAGES];
	const max = Math.max(1, ...rows.map((r) => r.customers));
	return {
		width: opts.width,
		height: 80 + 30 * from.length,
		// No fixed left margin: render.ts fits it to the row labels and the rotated "from" title,
		// which a fixed 110 px made touch the longest Chinese row label.
		padding: 0.05,
		marginTop: 44,
		// The top axis is drawn as a mark so long stage names wrap onto two lines instead of
		// running into each other in narrow columns. No axis label: the subtitle says what rows
		// and columns are.
		// The label only names the column in the tip: the axisX mark below draws no title.
		x: { type: 'band', domain: STAGES, axis: null, label: label('to_stage') },
		y: { type: 'band', domain: from, label: label('from_stage'), tickFormat: label },
		// sqrt: one dominant cell (churned → churned) must not wash out the moves that matter.
		// The legend's ticks are counts in the page's number format (Plot wrote one value as
		// '314.000000' when every cell had the same count).
		color: {
			type: 'sqrt',
			scheme: 'purples',
			label: label('customers'),
			legend: true,
			tickFormat: opts.format
		},
		marks: [
			Plot.axisX({ anchor: 'top', tickFormat: label, label: null, lineWidth: 6, tickSize: 0 }),
			Plot.cell(rows, {
				x: 'to_stage',
				y: 'from_stage',
				fill: 'customers',
				tip: { format: { fill: true, x: label, y: label } }
			}),
			Plot.text(rows, {
				x: 'to_stage',
				y: 'from_stage',
				text: (d: MigrationRow) => opts.format(d.customers),
				// Dark cells get white text so the count stays readable.
				fill: (d: MigrationRow) => (Math.sqrt(d.customers / max) > 0.6 ? 'white' : 'black')
			})
		]
	};
}
