// The BG/NBD maximum-likelihood fit: the model on the published CDNOW summary (the end-to-end
// test through a user's file is the section's), recovery of simulated parameters, grouping and
// the failure modes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitBgnbd } from '../../../../src/analyses/clv/model/bgnbd';
import { simulateBgnbd } from '../../../../src/analyses/clv/model/simulate';
import type { BgnbdParams, SummaryGroup } from '../../../../src/analyses/clv/model/types';
import { datasetPath, datasetPresent } from '../../../helpers/datasets';

const SUMMARY = datasetPath('cdnow/cdnow_customers_summary.csv');

/** ID,frequency,recency,T rows → one group per distinct (x, t_x, T). */
function readSummary(file: string): SummaryGroup[] {
	const groups = new Map<string, SummaryGroup>();
	for (const line of readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1)) {
		const [, x, tx, T] = line.split(',').map(Number) as [number, number, number, number];
		const key = `${x},${tx},${T}`;
		const seen = groups.get(key);
		if (seen) seen.weight++;
		else groups.set(key, { x, tx, T, weight: 1 });
	}
	return [...groups.values()];
}

const within = (actual: number, expected: number, relative: number) =>
	expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(relative);

describe.skipIf(!datasetPresent(SUMMARY))(
	'the model on the published CDNOW summary (2,357 customers)',
	() => {
		const groups = readSummary(SUMMARY);

		it('has about 1,016 groups of identical (x, t_x, T) covering 2,357 customers', () => {
			expect(groups.reduce((s, g) => s + g.weight, 0)).toBe(2357);
			expect(Math.abs(groups.length - 1016)).toBeLessThan(30);
		});

		it('reproduces FHL 2005: r 0.243, α 4.414, a 0.793, b 2.426 (±0.5 %), log-likelihood −9582.4 (±0.1)', () => {
			const fit = fitBgnbd(groups);
			expect(fit.problem).toBeNull();
			expect(fit.converged).toBe(true);
			within(fit.params.r, 0.243, 0.005);
			within(fit.params.alpha, 4.414, 0.005);
			within(fit.params.a, 0.793, 0.005);
			within(fit.params.b, 2.426, 0.005);
			expect(Math.abs(fit.logLik - -9582.4)).toBeLessThanOrEqual(0.1);
			// lifetimes' optimum to its printed 6 digits: the published optimum is really reached.
			within(fit.params.r, 0.242593, 2e-5);
			within(fit.params.alpha, 4.413532, 2e-5);
			within(fit.params.a, 0.792886, 2e-5);
			within(fit.params.b, 2.425752, 2e-5);
			// Standard errors from the Hessian (lifetimes: 0.0126, 0.378, 0.186, 0.705).
			expect(fit.stdErrors?.r).toBeCloseTo(0.0126, 3);
			expect(fit.stdErrors?.alpha).toBeCloseTo(0.378, 2);
			expect(fit.stdErrors?.a).toBeCloseTo(0.186, 2);
			expect(fit.stdErrors?.b).toBeCloseTo(0.705, 2);
		});

		it('reaches the same optimum (4 significant digits) with Nelder-Mead and restarts alone', () => {
			const fit = fitBgnbd(groups, { method: 'nelder-mead' });
			expect(fit.converged).toBe(true);
			within(fit.params.r, 0.242593, 1e-4);
			within(fit.params.alpha, 4.413532, 1e-4);
			within(fit.params.a, 0.792886, 1e-4);
			within(fit.params.b, 2.425752, 1e-4);
			expect(fit.logLik).toBeCloseTo(-9582.4256, 3);
			expect(fit.iterations).toBeGreaterThan(100); // it really was the derivative-free path
		});

		it('gives the same fit on ungrouped rows (one per customer) as on the groups', () => {
			const rows = groups.flatMap((g) =>
				Array.from({ length: g.weight }, () => ({ ...g, weight: 1 }))
			);
			const a = fitBgnbd(rows).params;
			const b = fitBgnbd(groups).params;
			for (const k of ['r', 'alpha', 'a', 'b'] as const) within(a[k], b[k], 1e-6);
		});

		it('shrinks the parameters with a penalizer (lifetimes’ penalizer_coef)', () => {
			const plain = fitBgnbd(groups).params;
			const penalised = fitBgnbd(groups, { penalizer: 0.1 }).params;
			const size = (p: BgnbdParams) => p.r ** 2 + (p.alpha / 38.86) ** 2 + p.a ** 2 + p.b ** 2;
			expect(size(penalised)).toBeLessThan(size(plain));
		});

		it('reports progress through onIteration', () => {
			const seen: number[] = [];
			fitBgnbd(groups, { onIteration: ({ value }) => seen.push(value) });
			expect(seen.length).toBeGreaterThan(3);
			expect(seen.at(-1)!).toBeLessThanOrEqual(seen[0]!);
		});
	}
);

describe('fitBgnbd on simulated data', () => {
	const truth: BgnbdParams = { r: 0.5, alpha: 10, a: 0.7, b: 3 };
	// 20,000 customers, first purchases spread over two years (T in weeks, whole days).
	const customers = simulateBgnbd(truth, 20_000, 17, (random) => Math.floor(random() * 730) / 7);
	const groups = customers.map((c) => ({
		x: c.x,
		tx: Math.round(c.tx * 7) / 7,
		T: c.T,
		weight: 1
	}));

	it('recovers the parameters within 3 standard errors (seeded, 20,000 customers)', () => {
		const fit = fitBgnbd(groups);
		expect(fit.problem).toBeNull();
		expect(fit.stdErrors).not.toBeNull();
		for (const k of ['r', 'alpha', 'a', 'b'] as const) {
			expect(Math.abs(fit.params[k] - truth[k])).toBeLessThan(3 * fit.stdErrors![k]);
			// …and the standard errors are small enough for that to mean something.
			expect(fit.stdErrors![k] / truth[k]).toBeLessThan(0.12);
		}
	});

	it('costs per distinct group, not per customer: 1,000,000 customers as weights fit as fast as 20,000', () => {
		const heavy = groups.map((g) => ({ ...g, weight: 50 }));
		const started = performance.now();
		const fit = fitBgnbd(heavy);
		const elapsed = performance.now() - started;
		expect(heavy.reduce((s, g) => s + g.weight, 0)).toBe(1_000_000);
		expect(fit.problem).toBeNull();
		// Same maximum as the unweighted data (weights scale the likelihood), in well under 5 s.
		const light = fitBgnbd(groups).params;
		for (const k of ['r', 'alpha', 'a', 'b'] as const) within(fit.params[k], light[k], 1e-5);
		expect(elapsed).toBeLessThan(3000);
	});
});

describe('fitBgnbd failure modes (reported as problem codes, never thrown)', () => {
	it.each([
		['no-data', []],
		['invalid-input', [{ x: 1, tx: 5, T: 3, weight: 1 }]], // t_x > T
		['invalid-input', [{ x: 1, tx: NaN, T: 3, weight: 1 }]],
		['single-day', [{ x: 0, tx: 0, T: 0, weight: 40 }]],
		['too-few', [{ x: 0, tx: 0, T: 10, weight: 40 }]] // nobody came back
	] as [string, SummaryGroup[]][])('%s', (problem, groups) => {
		const fit = fitBgnbd(groups);
		expect(fit.problem).toBe(problem);
		expect(fit.converged).toBe(false);
	});

	it('fits but flags too-few with under 30 repeat buyers', () => {
		const customers = simulateBgnbd({ r: 0.5, alpha: 10, a: 0.7, b: 3 }, 40, 3, 52);
		const groups = customers.map((c) => ({ x: c.x, tx: c.tx, T: c.T, weight: 1 }));
		const repeat = customers.filter((c) => c.x > 0).length;
		expect(repeat).toBeGreaterThan(5);
		expect(repeat).toBeLessThan(30);
		const fit = fitBgnbd(groups);
		expect(fit.converged).toBe(true);
		expect(fit.problem).toBe('too-few');
		expect(Number.isFinite(fit.logLik)).toBe(true);
	});

	it('stops at maxIterations with problem max-iterations', () => {
		const customers = simulateBgnbd({ r: 0.5, alpha: 10, a: 0.7, b: 3 }, 2000, 5, 52);
		const fit = fitBgnbd(
			customers.map((c) => ({ x: c.x, tx: c.tx, T: c.T, weight: 1 })),
			{ maxIterations: 2 }
		);
		expect(fit.converged).toBe(false);
		expect(fit.problem).toBe('max-iterations');
	});
});
