// The minimisers and the numerical Hessian on functions with known minima and derivatives.
import { describe, expect, it } from 'vitest';
import { bfgs } from '../../../../src/analyses/clv/model/bfgs';
import {
	invertSpd,
	minimize,
	nelderMead,
	numericalHessian
} from '../../../../src/analyses/clv/model/optimize';

const rosenbrock = ([x = 0, y = 0]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;

describe('nelderMead', () => {
	it('finds the Rosenbrock minimum (1, 1) from the classic start (−1.2, 1)', () => {
		const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 2000 });
		expect(result.converged).toBe(true);
		expect(result.x[0]).toBeCloseTo(1, 6);
		expect(result.x[1]).toBeCloseTo(1, 6);
		expect(result.fx).toBeLessThan(1e-10);
	});

	it('finds a shifted, scaled quadratic’s minimum in 4 dimensions, adaptive or standard', () => {
		const centre = [3, -2, 0.5, 10];
		const f = (x: readonly number[]) =>
			x.reduce((s, v, i) => s + (i + 1) * (v - centre[i]!) ** 2, 0) + 7;
		for (const adaptive of [true, false]) {
			const result = minimize(f, [0, 0, 0, 0], { adaptive, maxIterations: 5000 });
			expect(result.converged).toBe(true);
			result.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i]!, 4));
			expect(result.fx).toBeCloseTo(7, 8);
		}
	});

	it('takes the shrink step (where fmin throws) and still reaches the minimum', () => {
		// A wall of high values between the start vertices: reflection and both contractions of the
		// worst vertex land on it, so only a shrink towards the best vertex makes progress.
		const f = ([x = 0]: readonly number[]) => (x > 0.05 && x < 0.95 ? 10 : Math.abs(x - 0.01));
		const result = nelderMead(f, [0], { initialStep: 1, adaptive: false, maxIterations: 500 });
		expect(result.shrinks).toBeGreaterThan(0);
		expect(result.converged).toBe(true);
		expect(result.x[0]).toBeCloseTo(0.01, 6);
	});

	it('walks away from non-finite values instead of stopping on them', () => {
		const f = ([x = 0, y = 0]: readonly number[]) => (x < 0 ? NaN : (x - 2) ** 2 + (y + 1) ** 2);
		const result = minimize(f, [0.1, 0], { initialStep: 0.5 });
		expect(result.x[0]).toBeCloseTo(2, 5);
		expect(result.x[1]).toBeCloseTo(-1, 5);
	});

	it('stops at maxIterations and says it did not converge', () => {
		const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 5 });
		expect(result.iterations).toBe(5);
		expect(result.converged).toBe(false);
	});
});

describe('bfgs', () => {
	it('finds the Rosenbrock minimum with the analytic gradient', () => {
		const fg = ([x = 0, y = 0]: readonly number[], g: Float64Array) => {
			g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
			g[1] = 200 * (y - x * x);
			return rosenbrock([x, y]);
		};
		const result = bfgs(fg, [-1.2, 1], { maxIterations: 500 });
		expect(result.converged).toBe(true);
		expect(result.x[0]).toBeCloseTo(1, 6);
		expect(result.x[1]).toBeCloseTo(1, 6);
	});
});

describe('bfgs at the rounding floor', () => {
	it('stops when f no longer changes in double precision instead of iterating to the cap', () => {
		// The likelihood of a million customers is flat to rounding near its optimum while its
		// gradient (a sum of 400,000 terms) still shows noise around 1e-9: an Armijo test alone then
		// accepts steps that change nothing, and the fit ran to its iteration cap.
		const fg = ([x = 0]: readonly number[], g: Float64Array) => {
			g[0] = 2e-6 * (x - 1) + 1e-7;
			return 1 + 1e-20 * (x - 1) ** 2;
		};
		const result = bfgs(fg, [1.3], { maxIterations: 200 });
		expect(result.iterations).toBeLessThan(20);
		expect(result.converged).toBe(true);
	});
});

describe('numericalHessian and invertSpd', () => {
	it('recover a quadratic’s matrix and its inverse', () => {
		const A = [
			[4, 1, 0.5],
			[1, 3, 0.2],
			[0.5, 0.2, 2]
		];
		const f = (x: readonly number[]) =>
			0.5 * A.reduce((s, row, i) => s + row.reduce((t, a, j) => t + x[i]! * a * x[j]!, 0), 0);
		const H = numericalHessian(f, [0.3, -1, 2]);
		H.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(A[i]![j]!, 5)));
		const inv = invertSpd(A)!;
		// A · A⁻¹ = I
		A.forEach((row, i) =>
			row.forEach((_, j) =>
				expect(row.reduce((s, a, k) => s + a * inv[k]![j]!, 0)).toBeCloseTo(i === j ? 1 : 0, 12)
			)
		);
	});

	it('invertSpd returns null for an indefinite matrix', () => {
		expect(
			invertSpd([
				[1, 2],
				[2, 1]
			])
		).toBeNull();
	});
});
