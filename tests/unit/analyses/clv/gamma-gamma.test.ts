// Gamma-Gamma spend model: the published CDNOW fit, the conditional expectation and its failure
// mode q ≤ 1.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	expectedAverageValue,
	fitGammaGamma,
	gammaGammaLogLikelihood
} from '../../../../src/analyses/clv/model/gamma-gamma';
import { sampleGamma, seededRandom } from '../../../../src/analyses/clv/model/simulate';
import type { GammaGammaParams, SpendGroup } from '../../../../src/analyses/clv/model/types';
import { datasetPath, datasetPresent } from '../../../helpers/datasets';

const WITH_SPEND = datasetPath('cdnow/cdnow_customers_summary_with_transactions.csv');
const within = (actual: number, expected: number, relative: number) =>
	expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(relative);

/** Repeat buyers (x > 0) of ID,x,t_x,T,zbar (CRLF) as spend groups of one. */
function readSpend(file: string): SpendGroup[] {
	return readFileSync(file, 'utf8')
		.trim()
		.split(/\r?\n/)
		.slice(1)
		.map((line) => line.split(',').map(Number))
		.map(([, x = 0, , , m = 0]) => ({ x, m, weight: 1 }))
		.filter((g) => g.x > 0);
}

describe.skipIf(!datasetPresent(WITH_SPEND))('Gamma-Gamma on the published CDNOW summary', () => {
	const groups = readSpend(WITH_SPEND);

	it('reproduces FHL 2005 (JMR) on the 946 repeat buyers: p 6.25, q 3.74, γ 15.44 (±0.5 %)', () => {
		expect(groups).toHaveLength(946);
		const fit = fitGammaGamma(groups);
		expect(fit.problem).toBeNull();
		within(fit.params.p, 6.25, 0.005);
		within(fit.params.q, 3.74, 0.005);
		within(fit.params.gamma, 15.44, 0.005);
		// lifetimes' optimum (p 6.248802, q 3.744588, v 15.447748).
		within(fit.params.p, 6.248802, 1e-4);
		within(fit.params.q, 3.744588, 1e-4);
		within(fit.params.gamma, 15.447748, 1e-4);
		// The reported log-likelihood is the sum of the per-buyer ones, in dollars.
		const direct = groups.reduce((s, g) => s + gammaGammaLogLikelihood(fit.params, g.x, g.m), 0);
		expect(fit.logLik).toBeCloseTo(direct, 6);
		expect(fit.stdErrors).not.toBeNull();
		// Nelder-Mead alone lands on the same optimum.
		const nm = fitGammaGamma(groups, { method: 'nelder-mead' }).params;
		for (const k of ['p', 'q', 'gamma'] as const) within(nm[k], fit.params[k], 1e-4);
	});
});

describe('expectedAverageValue', () => {
	const p: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

	it('is the weighted mean of the population mean pγ/(q−1) and the customer’s mean', () => {
		const population = (6.25 * 15.44) / 2.74;
		const weight = (6.25 * 3) / (6.25 * 3 + 2.74);
		expect(expectedAverageValue(p, 3, 40)).toBeCloseTo((1 - weight) * population + weight * 40, 10);
	});

	it('is the population mean for a customer without repeat purchases', () => {
		expect(expectedAverageValue(p, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
	});

	it('is NaN where the model has no finite mean (q ≤ 1, x = 0)', () => {
		expect(expectedAverageValue({ ...p, q: 0.9 }, 0, 0)).toBeNaN();
	});
});

describe('fitGammaGamma on simulated spend', () => {
	/** x repeat purchases each worth Gamma(p, ν), ν ~ Gamma(q, γ) per customer. */
	function simulate(params: GammaGammaParams, count: number, seed: number): SpendGroup[] {
		const random = seededRandom(seed);
		return Array.from({ length: count }, () => {
			const x = 1 + Math.floor(random() * 6);
			const nu = sampleGamma(random, params.q, params.gamma);
			let sum = 0;
			for (let i = 0; i < x; i++) sum += sampleGamma(random, params.p, nu);
			return { x, m: sum / x, weight: 1 };
		});
	}

	it('recovers known parameters within 3 standard errors', () => {
		const truth = { p: 4, q: 5, gamma: 30 };
		const fit = fitGammaGamma(simulate(truth, 5000, 11));
		expect(fit.problem).toBeNull();
		for (const k of ['p', 'q', 'gamma'] as const) {
			expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.stdErrors![k]);
		}
	});

	it('reports q ≤ 1 as problem q-not-above-1 (infinite mean spend)', () => {
		const fit = fitGammaGamma(simulate({ p: 3, q: 0.7, gamma: 2 }, 5000, 12));
		expect(fit.params.q).toBeLessThanOrEqual(1);
		expect(fit.problem).toBe('q-not-above-1');
	});

	it('ignores customers without repeat purchases or with m ≤ 0, and says too-few when none are left', () => {
		expect(fitGammaGamma([{ x: 0, m: 0, weight: 10 }]).problem).toBe('too-few');
		expect(fitGammaGamma([{ x: 2, m: -1, weight: 10 }]).problem).toBe('too-few');
	});
});
