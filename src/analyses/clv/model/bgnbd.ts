// BG/NBD model (Fader, Hardie & Lee 2005, "'Counting your customers' the easy way: an alternative
// to the Pareto/NBD model", Marketing Science 24(2):275–284): the per-customer likelihood and the
// maximum-likelihood fit on grouped (x, t_x, T) summaries. Predictions live in bgnbd-predict.ts.
import { fitLogParameters } from './fit-common';
import { prepareBgnbd } from './bgnbd-data';
import { bgnbdTotal } from './bgnbd-likelihood';
import { lgamma, logAddExp } from './special';
import type { BgnbdParams, FitOptions, FitResult, SummaryGroup } from './types';

export { expectedPurchases, expectedPurchasesUnconditional, pAlive } from './bgnbd-predict';

/** Fewer repeat buyers than this: the fit is reported with problem 'too-few' (its estimates are noise). */
export const MIN_REPEAT_BUYERS = 30;

/**
 * Log-likelihood of one customer, FHL 2005 eq. 6:
 *   L = Γ(r+x)α^r/Γ(r) · B(a,b+x)/B(a,b) · [ (α+T)^−(r+x) + δ(x>0) a/(b+x−1) (α+t_x)^−(r+x) ],
 * as ln L = A₁ + A₂ + ln(e^A₃ + δ e^A₄) with the sum done by log-sum-exp, so x = 200 does not
 * overflow (lifetimes' _negative_log_likelihood returns −ln L averaged over customers). It is the
 * log of a density in the purchase times, so it can be positive.
 */
export function bgnbdLogLikelihood(p: BgnbdParams, x: number, tx: number, T: number): number {
	const { r, alpha, a, b } = p;
	const A1 = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
	const A2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
	const A3 = -(r + x) * Math.log(alpha + T);
	const A4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
	return A1 + A2 + logAddExp(A3, A4);
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Maximum-likelihood BG/NBD fit (FHL 2005 §3) on grouped summaries: identical (x, t_x, T) rows
 * are merged and weights multiply the per-group log-likelihood, so the cost per iteration depends
 * on the number of distinct groups only. Fitted over log-parameters with time rescaled so the
 * largest T is 1 (as lifetimes does, for conditioning); α is reported in the caller's unit and
 * logLik is the caller-unit total. The penalty (lifetimes' penalizer_coef) applies to the
 * rescaled parameters. Plain synchronous code: run it in a worker for large inputs.
 */
export function fitBgnbd(
	groups: readonly SummaryGroup[],
	opts: FitOptions = {}
): FitResult<BgnbdParams> {
	const nan: BgnbdParams = { r: NaN, alpha: NaN, a: NaN, b: NaN };
	const fail = (problem: FitResult<BgnbdParams>['problem']): FitResult<BgnbdParams> => ({
		params: nan,
		logLik: NaN,
		iterations: 0,
		converged: false,
		stdErrors: null,
		problem
	});
	const data = prepareBgnbd(groups);
	if (typeof data === 'string') return fail(data);
	const unpack = (theta: readonly number[]) =>
		theta.map(Math.exp) as [number, number, number, number];
	const grad = new Float64Array(4);
	const meanNll = (theta: readonly number[]): number => {
		const [r, alpha, a, b] = unpack(theta);
		return -bgnbdTotal(data, r, alpha, a, b) / data.weightSum;
	};
	// Chain rule to θ = ln(param): ∂/∂θᵢ = paramᵢ · ∂/∂paramᵢ.
	const meanNllGrad = (theta: readonly number[], out: Float64Array): number => {
		const params = unpack(theta);
		const total = bgnbdTotal(data, ...params, grad);
		for (let i = 0; i < 4; i++) out[i] = (-grad[i]! * params[i]!) / data.weightSum;
		return -total / data.weightSum;
	};
	// lifetimes starts at all ones (θ = 0); a second start guards against a stall on the ridge.
	const starts = [
		[0, 0, 0, 0],
		[Math.log(0.5), Math.log(0.5), Math.log(0.5), Math.log(2)]
	];
	const fit = fitLogParameters({ meanNll, meanNllGrad, weightSum: data.weightSum }, starts, opts);
	const [r, alphaScaled, a, b] = fit.theta.map(Math.exp) as [number, number, number, number];
	const params: BgnbdParams = { r, alpha: alphaScaled * data.scale, a, b };
	// Back to the caller's time unit: dividing times by s adds x·ln s to each customer's ln L
	// (A₁ gains −r ln s, A₃ and A₄ gain (r+x) ln s), so subtract Σ w·x·ln s.
	let repeatCount = 0;
	for (let k = 0; k < data.xs.length; k++) repeatCount += data.xWeight[k]! * data.xs[k]!;
	const logLik = bgnbdTotal(data, r, alphaScaled, a, b) - repeatCount * Math.log(data.scale);
	const se = fit.stdErrors;
	const stdErrors: BgnbdParams | null = se
		? { r: se[0]!, alpha: se[1]! * data.scale, a: se[2]!, b: se[3]! }
		: null;
	let problem: FitResult<BgnbdParams>['problem'] = null;
	if (!Number.isFinite(logLik) || NAMES.some((n) => !Number.isFinite(params[n])))
		problem = 'non-finite';
	else if (!fit.converged) problem = 'max-iterations';
	else if (data.repeatWeight < MIN_REPEAT_BUYERS) problem = 'too-few';
	return {
		params,
		logLik,
		iterations: fit.iterations,
		converged: fit.converged,
		stdErrors,
		problem
	};
}
