// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for
// customer base analysis", JMR 42(4), after Colombo & Jiang 1999): each transaction's value is
// Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the purchase process. Fitted
// on repeat buyers (x > 0, m > 0) from their number of repeat purchases x and mean repeat value m.
import { fitLogParameters } from './fit-common';
import { digamma, lgamma } from './special';
import type { FitOptions, FitResult, GammaGammaParams, SpendGroup } from './types';

/** Fewer repeat buyers than this: the fit is reported with problem 'too-few'. */
export const MIN_SPEND_BUYERS = 30;

/**
 * Log-likelihood of one repeat buyer's mean spend (FHL 2005 JMR, appendix; as in lifetimes'
 * GammaGammaFitter): ln f(m | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m
 * + px ln x − (px+q) ln(xm + γ).
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
	const { p, q, gamma } = params;
	const px = p * x;
	return (
		lgamma(px + q) -
		lgamma(px) -
		lgamma(q) +
		q * Math.log(gamma) +
		(px - 1) * Math.log(m) +
		px * Math.log(x) -
		(px + q) * Math.log(x * m + gamma)
	);
}

/**
 * Conditional expected average transaction value E[M | x, m] = p(γ + x·m)/(px + q − 1)
 * = (1 − w)·pγ/(q−1) + w·m with w = px/(px + q − 1) (FHL 2005 JMR eq. 3): a weighted mean of the
 * population mean and the customer's own mean. For x = 0 the population mean pγ/(q−1). NaN where
 * the model has no finite mean (px + q ≤ 1, e.g. q ≤ 1 for x = 0).
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, m: number): number {
	const { p, q, gamma } = params;
	const denominator = p * x + q - 1;
	if (!(denominator > 0)) return NaN;
	return (p * (gamma + (x > 0 ? x * m : 0))) / denominator;
}

interface PreparedSpend {
	/** Money divisor (the weighted mean m) for conditioning; γ is fitted in these units. */
	scale: number;
	weightSum: number;
	xs: number[];
	/** Per distinct x: total weight, and Σ w·ln(m/scale). */
	xWeight: number[];
	xLogM: number[];
	groupX: Int32Array;
	/** x·m/scale per group. */
	groupXm: Float64Array;
	groupW: Float64Array;
}

function prepareSpend(groups: readonly SpendGroup[]): PreparedSpend | 'invalid-input' | 'too-few' {
	const kept = groups.filter((g) => g.x > 0 && g.m > 0);
	if (kept.some((g) => ![g.x, g.m, g.weight].every(Number.isFinite) || !(g.weight > 0))) {
		return 'invalid-input';
	}
	if (kept.length === 0) return 'too-few';
	let weightSum = 0;
	let total = 0;
	for (const g of kept) {
		weightSum += g.weight;
		total += g.weight * g.m;
	}
	const scale = total / weightSum;
	const index = new Map<number, number>();
	const xs: number[] = [];
	const xWeight: number[] = [];
	const xLogM: number[] = [];
	const groupX = new Int32Array(kept.length);
	const groupXm = new Float64Array(kept.length);
	const groupW = new Float64Array(kept.length);
	kept.forEach((g, i) => {
		let k = index.get(g.x);
		if (k === undefined) {
			k = xs.length;
			index.set(g.x, k);
			xs.push(g.x);
			xWeight.push(0);
			xLogM.push(0);
		}
		xWeight[k] = xWeight[k]! + g.weight;
		xLogM[k] = xLogM[k]! + g.weight * Math.log(g.m / scale);
		groupX[i] = k;
		groupXm[i] = (g.x * g.m) / scale;
		groupW[i] = g.weight;
	});
	return { scale, weightSum, xs, xWeight, xLogM, groupX, groupXm, groupW };
}

/** Σ w·ln f(m | x) in scaled money, and its gradient in (p, q, γ) if `gradient` is given. */
function spendTotal(
	d: PreparedSpend,
	p: number,
	q: number,
	v: number,
	gradient?: Float64Array
): number {
	const logV = Math.log(v);
	const lgQ = lgamma(q);
	const psiQ = gradient ? digamma(q) : 0;
	let total = 0;
	let gp = 0;
	let gq = 0;
	let gv = 0;
	for (let k = 0; k < d.xs.length; k++) {
		const x = d.xs[k]!;
		const w = d.xWeight[k]!;
		const px = p * x;
		total +=
			w * (lgamma(px + q) - lgamma(px) - lgQ + q * logV + px * Math.log(x)) +
			(px - 1) * d.xLogM[k]!;
		if (gradient) {
			const psiPXQ = digamma(px + q);
			gp += w * x * (psiPXQ - digamma(px) + Math.log(x)) + x * d.xLogM[k]!;
			gq += w * (psiPXQ - psiQ + logV);
			gv += (w * q) / v;
		}
	}
	for (let g = 0; g < d.groupW.length; g++) {
		const x = d.xs[d.groupX[g]!]!;
		const w = d.groupW[g]!;
		const s = d.groupXm[g]! + v;
		total -= w * (p * x + q) * Math.log(s);
		if (gradient) {
			const logS = Math.log(s);
			gp -= w * x * logS;
			gq -= w * logS;
			gv -= (w * (p * x + q)) / s;
		}
	}
	if (gradient) {
		gradient[0] = gp;
		gradient[1] = gq;
		gradient[2] = gv;
	}
	return total;
}

/**
 * Maximum-likelihood Gamma-Gamma fit on the repeat buyers among `groups` (x > 0 and m > 0; the
 * rest are ignored, like lifetimes' fit on returning customers). Over log-parameters with money
 * rescaled by the mean m (γ reported in the caller's unit), BFGS with an analytic gradient,
 * Nelder-Mead if it stops short. Problem 'q-not-above-1' when q ≤ 1: the model's mean spend is
 * then infinite and expected values are meaningless.
 */
export function fitGammaGamma(
	groups: readonly SpendGroup[],
	opts: FitOptions = {}
): FitResult<GammaGammaParams> {
	const data = prepareSpend(groups);
	if (typeof data === 'string') {
		const nan = { p: NaN, q: NaN, gamma: NaN };
		return {
			params: nan,
			logLik: NaN,
			iterations: 0,
			converged: false,
			stdErrors: null,
			problem: data
		};
	}
	const grad = new Float64Array(3);
	const unpack = (t: readonly number[]) => t.map(Math.exp) as [number, number, number];
	const meanNll = (t: readonly number[]): number =>
		-spendTotal(data, ...unpack(t)) / data.weightSum;
	const meanNllGrad = (t: readonly number[], out: Float64Array): number => {
		const params = unpack(t);
		const total = spendTotal(data, ...params, grad);
		for (let i = 0; i < 3; i++) out[i] = (-grad[i]! * params[i]!) / data.weightSum;
		return -total / data.weightSum;
	};
	const starts = [
		[0, 0, 0],
		[Math.log(2), Math.log(3), Math.log(2)]
	];
	const fit = fitLogParameters({ meanNll, meanNllGrad, weightSum: data.weightSum }, starts, opts);
	const [p, q, v] = unpack(fit.theta);
	const params = { p, q, gamma: v * data.scale };
	// Rescaling m and γ by s adds ln s to each buyer's ln f (a density in m), so subtract W ln s.
	const logLik = spendTotal(data, p, q, v) - data.weightSum * Math.log(data.scale);
	const se = fit.stdErrors;
	const stdErrors = se ? { p: se[0]!, q: se[1]!, gamma: se[2]! * data.scale } : null;
	let problem: FitResult<GammaGammaParams>['problem'] = null;
	if (![p, q, params.gamma, logLik].every(Number.isFinite)) problem = 'non-finite';
	else if (!fit.converged) problem = 'max-iterations';
	else if (q <= 1) problem = 'q-not-above-1';
	else if (data.weightSum < MIN_SPEND_BUYERS) problem = 'too-few';
	return {
		params,
		logLik,
		iterations: fit.iterations,
		converged: fit.converged,
		stdErrors,
		problem
	};
}
