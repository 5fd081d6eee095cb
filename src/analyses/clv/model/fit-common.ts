// The part of a maximum-likelihood fit both models share: minimise the mean negative
// log-likelihood over log-parameters from several starts, then standard errors from the numerical
// Hessian of the total negative log-likelihood (delta method back from logs). With a gradient the
// minimiser is BFGS (Nelder-Mead polishes if it stops short); without, Nelder-Mead with restarts.
import { bfgs, type ValueAndGradient } from './bfgs';
import { invertSpd, minimize, numericalHessian, type MinimizeResult } from './optimize';
import type { FitOptions } from './types';

export interface LogFit {
	/** Best log-parameters found. */
	theta: number[];
	/** Mean negative log-likelihood (plus penalty) there. */
	value: number;
	iterations: number;
	converged: boolean;
	/** Standard errors of exp(θ) (in the fit's own scale), or null when the Hessian is not positive definite. */
	stdErrors: number[] | null;
}

export interface LogObjective {
	/** Mean negative log-likelihood at θ = log-parameters. */
	meanNll: (theta: readonly number[]) => number;
	/** The same with its gradient in θ (optional; enables BFGS). */
	meanNllGrad?: ValueAndGradient;
	/** Total weight: turns the mean back into the total for the Hessian. */
	weightSum: number;
}

/** Hessian by central differences of an analytic gradient, symmetrised. */
function hessianFromGradient(fg: ValueAndGradient, x: readonly number[], h = 1e-5): number[][] {
	const n = x.length;
	const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	const plus = new Float64Array(n);
	const minus = new Float64Array(n);
	for (let j = 0; j < n; j++) {
		const step = h * Math.max(1, Math.abs(x[j]!));
		fg(
			x.map((v, i) => (i === j ? v + step : v)),
			plus
		);
		fg(
			x.map((v, i) => (i === j ? v - step : v)),
			minus
		);
		for (let i = 0; i < n; i++) H[i]![j] = (plus[i]! - minus[i]!) / (2 * step);
	}
	return H.map((row, i) => row.map((v, j) => (v + H[j]![i]!) / 2));
}

/**
 * Minimise `meanNll(θ) + penalizer · Σ exp(θ)²` (lifetimes' penalizer_coef) from each start, keep
 * the best, and get standard errors of exp(θ) from the Hessian of the total objective.
 */
export function fitLogParameters(
	objectiveParts: LogObjective,
	starts: readonly (readonly number[])[],
	options: FitOptions
): LogFit {
	const { meanNll, meanNllGrad, weightSum } = objectiveParts;
	const penalizer = options.penalizer ?? 0;
	const objective = (theta: readonly number[]): number => {
		let penalty = 0;
		for (const t of theta) penalty += Math.exp(2 * t);
		return meanNll(theta) + penalizer * penalty;
	};
	const withGradient: ValueAndGradient | undefined =
		meanNllGrad && options.method !== 'nelder-mead'
			? (theta, grad) => {
					let value = meanNllGrad(theta, grad);
					for (let i = 0; i < theta.length; i++) {
						const p2 = Math.exp(2 * theta[i]!);
						value += penalizer * p2;
						grad[i] = grad[i]! + 2 * penalizer * p2;
					}
					return value;
				}
			: undefined;
	const budget = options.maxIterations ?? 5000;
	const fTolerance = options.tolerance ?? 1e-12;
	let iterations = 0;
	const report = options.onIteration
		? (i: number, value: number) => options.onIteration?.({ iteration: iterations + i, value })
		: undefined;
	const nelderMead = (start: readonly number[]): MinimizeResult =>
		minimize(objective, start, {
			maxIterations: Math.max(1, budget - iterations),
			fTolerance,
			xTolerance: 1e-9,
			initialStep: 0.5,
			onIteration: report
		});
	let best: MinimizeResult | null = null;
	for (const start of starts) {
		// Later starts are fallbacks: with a gradient one converged run is the optimum (the
		// likelihood is smooth and, on the data seen, unimodal in θ); without, every start runs.
		if (budget - iterations <= 0 || (withGradient && best?.converged)) break;
		const result = withGradient
			? bfgs(withGradient, start, { maxIterations: budget - iterations, onIteration: report })
			: nelderMead(start);
		iterations += result.iterations;
		// A converged run beats one that stopped short; among equals the lower value wins.
		const better =
			!best ||
			(result.converged && !best.converged) ||
			(result.converged === best.converged && result.fx < best.fx);
		if (better) best = result;
	}
	if (!best) throw new Error('fitLogParameters needs at least one start and a positive budget');
	if (withGradient && !best.converged && budget - iterations > 0) {
		const polished = nelderMead(best.x);
		iterations += polished.iterations;
		if (polished.fx <= best.fx) best = polished;
	}
	const theta = best.x;
	// Hessian of the total (not mean) objective: the observed information of the whole sample.
	const H = withGradient
		? hessianFromGradient(withGradient, theta).map((row) => row.map((v) => v * weightSum))
		: numericalHessian((t) => objective(t) * weightSum, theta);
	const cov = invertSpd(H);
	const stdErrors = cov ? theta.map((t, i) => Math.exp(t) * Math.sqrt(cov[i]![i]!)) : null;
	return { theta, value: best.fx, iterations, converged: best.converged, stdErrors };
}
