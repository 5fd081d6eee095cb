// Overview chart: net revenue per calendar month as bars on a UTC time axis (one bar per month,
// silent months simply have no bar), with orders and customers in the hover tip. A month the
// window ends (or starts) inside is drawn as the cohort chart draws its unfinished period: lighter,
// with a dashed outline, and named in a legend line (how many of its days are in scope), so a
// short last month does not read as a collapse.
import * as Plot from '@observablehq/plot';

export interface RevenueByMonthRow {
	/** First day of the month, 'YYYY-MM-01'. */
	month: string;
	revenue: number;
	orders: number;
	customers: number;
	/** The window starts or ends inside the month; days of it in scope, of month_days. */
	partial?: boolean;
	days?: number;
	month_days?: number;
}

export interface RevenueByMonthOptions {
	width: number;
	/**
	 * Translated labels by key: month (alias x), revenue (alias y: the y axis), orders, customers.
	 * A missing key shows the key itself.
	 */
	labels: Record<string, string>;
	/** Money format for the y axis and the tip. */
	format: (n: number) => string;
	/** Legend text of a partial month (e.g. "unfinished month (Dec 2011: 9 of 31 days)"). */
	partialNote?: (month: string, days: number, total: number) => string;
}

/** The partial months' look, as the cohort chart's incomplete cells. */
const PARTIAL = { fillOpacity: 0.45, stroke: '#57606a', strokeDasharray: '3,2' } as const;

/** Label keys that may also be given under the axis name. */
const LABEL_ALIASES: Record<string, string> = { month: 'x', revenue: 'y' };

interface MonthDatum {
	month: Date;
	revenue: number;
	orders: number;
	customers: number;
	partial: boolean;
}

export function revenueByMonthSpec(
	rows: RevenueByMonthRow[],
	opts: RevenueByMonthOptions
): Plot.PlotOptions {
	const data: MonthDatum[] = rows
		.map((r) => ({ ...r, month: monthStart(r.month), partial: r.partial === true }))
		.sort((a, b) => a.month.getTime() - b.month.getTime());
	const partial = rows.filter((r) => r.partial === true);
	const note = (r: RevenueByMonthRow) =>
		opts.partialNote?.(r.month, r.days ?? 0, r.month_days ?? 0) ?? r.month.slice(0, 7);
	const legend = partial.length > 0 ? `⬚ ${partial.map(note).join('; ')}` : null;
	const label = (key: string) => opts.labels[key] ?? opts.labels[LABEL_ALIASES[key] ?? key] ?? key;
	const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
	return {
		width: opts.width,
		height: Math.round(Math.min(360, Math.max(220, opts.width * 0.35))),
		marginTop: 24,
		// Month ticks speak for themselves; an axis label would collide with the two-line year ticks.
		x: { type: 'utc', label: null },
		y: { grid: true, label: label('revenue'), tickFormat: opts.format, nice: true },
		marks: [
			bars(
				data.filter((d) => !d.partial),
				{}
			),
			...(legend
				? [
						bars(
							data.filter((d) => d.partial),
							PARTIAL
						),
						// Above the plot at the right: the y axis label takes the left of the same line.
						Plot.text([legend], { frameAnchor: 'top-right', dy: -16, fill: '#57606a' })
					]
				: []),
			Plot.ruleY([0])
		]
	};

	function bars(rowsOf: MonthDatum[], look: Partial<typeof PARTIAL>): Plot.Markish {
		return Plot.rectY(rowsOf, {
			x: 'month',
			y: 'revenue',
			interval: 'month',
			inset: 1,
			fill: '#4269d0',
			...look,
			// The month is shown as 'YYYY-MM' instead of the rect's x1–x2 day range.
			tip: {
				format: {
					month: true,
					x: false,
					y: opts.format,
					orders: (n: number) => count.format(n),
					customers: (n: number) => count.format(n)
				}
			},
			channels: {
				month: {
					value: (d: MonthDatum) => d.month.toISOString().slice(0, 7),
					label: label('month')
				},
				orders: { value: 'orders', label: label('orders') },
				customers: { value: 'customers', label: label('customers') }
			}
		});
	}
}

function monthStart(text: string): Date {
	const m = /^(\d{4})-(\d{2})/.exec(text);
	if (!m) throw new Error(`revenueByMonthSpec: month '${text}' is not YYYY-MM-01`);
	return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}
