// @vitest-environment jsdom
// CI failure, 2026-12-06: basket.spec measured one main-thread task of 101 ms (bound 100 ms) — the
// association-rules scatter's draw. A chart is rendered by Plot twice (the first render's ticks
// set the margins, the second draws at them), and both renders ran in the one task; for the 410
// rules each took ≈ 25–50 ms. The dashboard now draws in steps, giving the thread back between
// the two renders; the figure is the same one the one-task render makes.
import * as Plot from '@observablehq/plot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ruleScatterSpec } from '../../src/analyses/basket/chart';
import type { BasketRuleRow } from '../../src/analyses/basket/result';
import { renderChart, renderChartInSteps } from '../../src/charts/render';
import { drawLater, queuedDraws } from '../../src/charts/queue';
import { normalizeSvg } from '../helpers/svg-snapshot';

function rules(n: number): BasketRuleRow[] {
	return Array.from({ length: n }, (_, i) => ({
		lhs: ['liquor', `item ${i % 17}`],
		rhs: `item ${i}`,
		count: 10 + i,
		support: 0.001 + (i % 40) / 2000,
		confidence: 0.5 + (i % 9) / 20,
		lift: 0.4 + (i % 50) / 4,
		coverage: 0.002,
		leverage: 0.001,
		conviction: 2
	}));
}

const frame = { title: 'Rules', note: 'groceries.csv', width: 640, locale: 'en' };
const text = { width: 640, labels: { support: 'Support', lift: 'Lift' }, format: String };
let renders = 0;
/**
 * The scatter of n rules, with a render-function mark that counts Plot's renders. jsdom has no
 * canvas for the colour ramp (render.test.ts): the legend off.
 */
function scatter(n: number): Plot.PlotOptions {
	const spec = ruleScatterSpec(rules(n), text);
	const counter = () => {
		renders++;
		return null;
	};
	return { ...spec, color: { ...spec.color, legend: false }, marks: [...spec.marks!, counter] };
}

afterEach(() => {
	renders = 0;
	vi.unstubAllGlobals();
});

describe('a chart is drawn in steps, not in one task', () => {
	it('gives the thread back between the first render and the one at its margins', async () => {
		const seen: number[] = [];
		const drawn = await renderChartInSteps(scatter(410), frame, async () => {
			seen.push(renders);
			return true;
		});
		// One pause, after the first of two renders (the x label needs a line of its own).
		expect(seen).toEqual([1]);
		expect(renders).toBe(2);
		expect(drawn!.busy).toBeGreaterThan(0);
		expect(drawn!.figure.querySelectorAll('circle')).toHaveLength(410);
		// The same figure as the one-task render.
		const whole = renderChart(scatter(410), frame);
		expect(normalizeSvg(drawn!.figure.outerHTML)).toBe(normalizeSvg(whole.outerHTML));
	});

	it('stops, drawing nothing more, when the chart was asked for again during the pause', async () => {
		const drawn = await renderChartInSteps(scatter(50), frame, async () => false);
		expect(drawn).toBeNull();
		expect(renders).toBe(1);
	});

	it('the draw queue waits for a draw in steps before starting the next', async () => {
		vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) =>
			setTimeout(() => cb(performance.now()), 1)
		);
		const log: string[] = [];
		drawLater(async () => {
			log.push('a: first render');
			await new Promise((r) => setTimeout(r, 20));
			log.push('a: second render');
		});
		drawLater(() => {
			log.push('b');
		});
		for (let i = 0; i < 200 && queuedDraws() > 0; i++) await new Promise((r) => setTimeout(r, 5));
		expect(queuedDraws()).toBe(0);
		expect(log).toEqual(['a: first render', 'a: second render', 'b']);
	});
});
