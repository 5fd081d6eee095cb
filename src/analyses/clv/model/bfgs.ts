// BFGS quasi-Newton minimisation with a backtracking (Armijo) line search, for smooth objectives
// with an analytic gradient (Nocedal & Wright 2006, Algorithm 6.1 with the inverse-Hessian update
// 6.17 and the initial scaling 6.20). Used by the BG/NBD fit, whose likelihood is expensive on
// large data; Nelder-Mead (optimize.ts) remains the fallback.
import type { MinimizeResult } from './optimize';

/** Value and gradient at x; the gradient is written into `grad`. */
export type ValueAndGradient = (x: readonly number[], grad: Float64Array) => number;

export interface BfgsOptions {
	maxIterations?: number;
	/** Converged when max |∂f/∂xᵢ| falls below this. Default 1e-8. */
	gradientTolerance?: number;
	onIteration?: (iteration: number, best: number) => void;
}

/** A gradient this small with no descent left is rounding noise, not a missed optimum. */
const PRECISION_FLOOR = 1e-5;
/** Longest first trial step per coordinate (x are log-parameters in the fits: a factor e). */
const MAX_STEP = 1;

const dot = (u: ArrayLike<number>, v: ArrayLike<number>): number => {
	let s = 0;
	for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
	return s;
};

/**
 * Minimise f from x0. Non-finite values count as failures of the line search step, which then
 * backtracks. Stops (converged) on a small gradient, or (not converged) at maxIterations or when
 * no step along a steepest-descent direction lowers f.
 */
export function bfgs(
	f: ValueAndGradient,
	x0: readonly number[],
	options: BfgsOptions = {}
): MinimizeResult {
	const n = x0.length;
	const maxIterations = options.maxIterations ?? 200;
	const gtol = options.gradientTolerance ?? 1e-8;
	let x = x0.slice();
	let g = new Float64Array(n);
	let fx = f(x, g);
	let evaluations = 1;
	const identity = (): number[][] =>
		Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
	let H = identity();
	let fresh = true;
	let iterations = 0;
	let tiny = 0;
	const gmax = (v: Float64Array): number => v.reduce((m, c) => Math.max(m, Math.abs(c)), 0);
	if (!Number.isFinite(fx)) return { x, fx, iterations, evaluations, converged: false };
	while (iterations < maxIterations) {
		if (gmax(g) <= gtol) return { x, fx, iterations, evaluations, converged: true };
		iterations++;
		if (options.onIteration) options.onIteration(iterations, fx);
		let d = H.map((row) => -dot(row, g));
		let slope = dot(g, d);
		if (!(slope < 0)) {
			H = identity();
			fresh = true;
			d = Array.from(g, (v) => -v);
			slope = dot(g, d);
		}
		// Backtracking line search for the Armijo condition f(x + t d) ≤ f(x) + 1e-4 · t · gᵀd.
		// Cap the first trial step at MAX_STEP in every coordinate: a long first step lands where
		// the objective is non-finite or far worse and costs many backtracks.
		const longest = d.reduce((m, c) => Math.max(m, Math.abs(c)), 0);
		let t = longest > MAX_STEP ? MAX_STEP / longest : 1;
		// Strict decrease too: at the rounding floor fx + 1e-4·t·gᵀd == fx and a step that changes
		// nothing would pass Armijo's test forever.
		const accepted = (value: number, step: number): boolean =>
			Number.isFinite(value) && value < fx && value <= fx + 1e-4 * step * slope;
		const gNew = new Float64Array(n);
		let xNew: number[] = x;
		let fNew = Infinity;
		for (let k = 0; k < 60; k++) {
			xNew = x.map((v, i) => v + t * d[i]!);
			fNew = f(xNew, gNew);
			evaluations++;
			if (accepted(fNew, t)) break;
			if (t * longest < 1e-12) break; // the step no longer moves x
			t *= k < 2 ? 0.5 : 0.1;
		}
		if (!accepted(fNew, t)) {
			// No descent: f is flat to rounding here. That is the optimum if the gradient is small on
			// the scale of its own rounding noise (sums over many customers); else retry along −g.
			const flat = gmax(g) <= PRECISION_FLOOR;
			if (fresh || flat) return { x, fx, iterations, evaluations, converged: flat };
			H = identity();
			fresh = true;
			continue;
		}
		const s = xNew.map((v, i) => v - x[i]!);
		const y = Array.from(gNew, (v, i) => v - g[i]!);
		const sy = dot(s, y);
		if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
			if (fresh) {
				// Scale the first inverse-Hessian guess to the observed curvature (N&W 6.20).
				const scale = sy / dot(y, y);
				H = H.map((row) => row.map((v) => v * scale));
				fresh = false;
			}
			// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs)  (N&W 6.17)
			const rho = 1 / sy;
			const Hy = H.map((row) => dot(row, y));
			const yHy = dot(y, Hy);
			H = H.map((row, i) =>
				row.map(
					(v, j) =>
						v - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!
				)
			);
		}
		// Two steps in a row that gain nothing measurable, with a near-zero gradient: done.
		tiny = fx - fNew <= 1e-14 * (1 + Math.abs(fx)) ? tiny + 1 : 0;
		x = xNew;
		fx = fNew;
		g = gNew;
		if (tiny >= 2 && gmax(g) <= PRECISION_FLOOR) {
			return { x, fx, iterations, evaluations, converged: true };
		}
	}
	return { x, fx, iterations, evaluations, converged: gmax(g) <= gtol };
}
