// @vitest-environment jsdom
// Issue 18: the bought-together charts' structure, and that each renders (jsdom, as render.test).
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import {
	MAX_SCATTER_RULES,
	itemFrequencySpec,
	ruleScatterSpec,
	ruleText
} from '../../../../src/analyses/basket/chart';
import { renderChart } from '../../../../src/charts/render';
import type { BasketItemRow, BasketRuleRow } from '../../../../src/analyses/basket/result';

type MarkParts = Plot.Mark & { data: unknown[]; channels: Record<string, { value: unknown }> };

function rule(i: number): BasketRuleRow {
	return {
		lhs: ['liquor', 'red/blush wine'],
		rhs: `item ${i}`,
		count: 19,
		support: 0.001 * (i + 1),
		confidence: 0.5 + (i % 5) / 10,
		lift: 0.5 + i / 10,
		coverage: 0.002,
		leverage: 0.001,
		conviction: i === 0 ? Infinity : 2
	};
}
const opts = { width: 600, labels: { support: 'Support', lift: 'Lift' }, format: String };

describe('ruleScatterSpec', () => {
	it('draws one dot per rule: support × confidence, filled by lift, with the rule in the tip', () => {
		const rules = [0, 1, 2].map(rule);
		const spec = ruleScatterSpec(rules, opts);
		const [dots] = spec.marks as unknown as MarkParts[];
		expect(dots!.data).toHaveLength(3);
		expect(dots!.channels.x?.value).toBe('support');
		expect(dots!.channels.y?.value).toBe('confidence');
		expect(dots!.channels.fill?.value).toBe('lift');
		expect((dots!.data[0] as { rule: string }).rule).toBe('{liquor, red/blush wine} ⇒ {item 0}');
		expect(spec.color).toMatchObject({ type: 'diverging-log', pivot: 1, label: 'Lift' });
		// jsdom has no canvas for the colour ramp (render.test.ts withoutRamp): drawn without it.
		const figure = renderChart(
			{ ...spec, color: { ...spec.color, legend: false } },
			{
				title: 'Rules',
				note: 'groceries.csv',
				width: 600,
				locale: 'en'
			}
		);
		expect(figure.querySelectorAll('circle')).toHaveLength(3);
	});

	it(`draws at most ${MAX_SCATTER_RULES} rules, the highest lifts`, () => {
		const rules = Array.from({ length: MAX_SCATTER_RULES + 10 }, (_, i) => rule(i));
		const [dots] = ruleScatterSpec(rules, opts).marks as unknown as MarkParts[];
		expect(dots!.data).toHaveLength(MAX_SCATTER_RULES);
		const lifts = (dots!.data as BasketRuleRow[]).map((r) => r.lift);
		expect(Math.min(...lifts)).toBeCloseTo(0.5 + 10 / 10, 12);
	});

	it('writes an empty left-hand side as {}', () => {
		expect(ruleText({ lhs: [], rhs: 'whole milk' })).toBe('{} ⇒ {whole milk}');
	});
});

describe('itemFrequencySpec', () => {
	const items: BasketItemRow[] = ['whole milk', 'other vegetables', 'rolls/buns'].map(
		(item, i) => ({ item, baskets: 100 - i, support: (100 - i) / 1000 })
	);

	it('bars the top items in the given order, as shares of baskets', () => {
		const spec = itemFrequencySpec(items, { ...opts, top: 2 });
		const [bars] = spec.marks as unknown as MarkParts[];
		expect(bars!.data).toHaveLength(2);
		expect(spec.y).toMatchObject({ domain: ['whole milk', 'other vegetables'] });
		const figure = renderChart(spec, { title: 'Items', note: 'x', width: 600, locale: 'en' });
		expect(figure.querySelectorAll('rect').length).toBeGreaterThanOrEqual(2);
	});
});
