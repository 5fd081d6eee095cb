// Bought-together charts: the rules as a support × confidence scatter coloured by lift (arules'
// default plot of a rule set), and the items' frequency bars (arules' itemFrequencyPlot).
import * as Plot from '@observablehq/plot';
import { namedField } from '../../charts/channel';
import type { BasketItemRow, BasketRuleRow } from './result';
import type { ChartTextOptions } from '../rfm/chart';

/** At most this many rules are drawn (the strongest by lift); the table holds them all. */
// 500: drawing 2,000 took ~90 ms of the page's thread and 1,000 ~65 ms on a loaded machine,
// near the 100 ms a task may take; the table holds every rule.
export const MAX_SCATTER_RULES = 500;

/** "{a, b} ⇒ {c}" for a tip or a table cell. */
export function ruleText(rule: Pick<BasketRuleRow, 'lhs' | 'rhs'>): string {
	return `{${rule.lhs.join(', ')}} ⇒ {${rule.rhs}}`;
}

/**
 * Support (x) × confidence (y), one dot per rule, colour = lift (lift 1 = independence, the
 * diverging scale's pivot). Rules beyond MAX_SCATTER_RULES: only the highest lifts are drawn.
 */
export function ruleScatterSpec(rules: BasketRuleRow[], opts: ChartTextOptions): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const drawn =
		rules.length > MAX_SCATTER_RULES
			? rules
					.slice()
					.sort((a, b) => b.lift - a.lift)
					.slice(0, MAX_SCATTER_RULES)
			: rules;
	const points = drawn.map((r) => ({ ...r, rule: ruleText(r) }));
	const width = Math.min(opts.width, 720);
	return {
		width,
		height: Math.round(width * 0.62),
		// Room around the dots: the extreme rules sit on the domain's edges and were cut in half.
		inset: 8,
		x: { label: `${label('support')} (%)`, grid: true, percent: true, nice: true },
		y: { label: `${label('confidence')} (%)`, grid: true, percent: true, nice: true },
		color: {
			type: 'diverging-log',
			pivot: 1,
			scheme: 'BuRd',
			label: label('lift'),
			legend: true,
			// Plain numbers on the legend (the default SI format wrote lift 0.1 as "100m").
			tickFormat: '~g'
		},
		marks: [
			Plot.dot(points, {
				x: 'support',
				y: 'confidence',
				fill: 'lift',
				r: 3,
				fillOpacity: 0.8,
				channels: { rule: { value: 'rule', label: label('rule') } },
				tip: {
					format: { x: (v: number) => `${v.toFixed(2)} %`, y: (v: number) => `${v.toFixed(1)} %` }
				}
			})
		]
	};
}

/** The `top` most frequent items (rows come most frequent first), share of baskets as bars. */
export function itemFrequencySpec(
	items: BasketItemRow[],
	opts: ChartTextOptions & { top?: number }
): Plot.PlotOptions {
	const label = (key: string) => opts.labels[key] ?? key;
	const shown = items.slice(0, opts.top ?? 20);
	return {
		width: Math.min(opts.width, 720),
		height: 24 + shown.length * 18,
		marginLeft: 150,
		x: { label: `${label('support')} (%)`, grid: true, percent: true },
		y: { label: null, domain: shown.map((i) => i.item) },
		marks: [
			Plot.barX(shown, {
				x: 'support',
				// The axis has no title (the chart's title says what it lists), but the tip names the item.
				y: namedField('item', label('item')),
				fill: '#4269d0',
				tip: { format: { x: (v: number) => `${v.toFixed(1)} %` } }
			}),
			Plot.ruleX([0])
		]
	};
}
