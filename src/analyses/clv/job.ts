/**
 * The forecast's numeric work, as one plain function of plain data: fit BG/NBD on the summary
 * groups and Gamma-Gamma on the spend groups, then predict per (x, t_x, T) group and the tracking
 * plot's expected curve. The page runs it in a Web Worker (fit.worker.ts via compute.ts); Node
 * (tests, the bench's native side) calls it in-thread. Core: no DOM, DuckDB or Svelte.
 */
import { fitBgnbd, pAlive, expectedPurchases, expectedPurchasesUnconditional } from './model/bgnbd';
import { fitGammaGamma } from './model/gamma-gamma';
import type { BgnbdParams, FitResult, GammaGammaParams, SummaryGroup } from './model/types';
import type { AliveMatrix } from './result';

/** Fewer repeat buyers than this and a model is not fitted (its parameters would be noise). */
export const MIN_REPEAT_BUYERS = 30;

/**
 * Columns of the summary groups (customers with the same x, t_x, T), t_x and T in the unit. The
 * page gives Float64Arrays, handed to the worker by transfer (compute.ts): as arrays, posting
 * them was most of a task of 0.1–0.15 s at 10 M lines.
 */
export interface GroupColumns {
	x: ArrayLike<number>;
	tx: ArrayLike<number>;
	T: ArrayLike<number>;
	weight: ArrayLike<number>;
}

export interface FitJobInput {
	groups: GroupColumns;
	/** Repeat buyers' (x, m, weight) with m > 0; Float64Arrays from the page, as the groups. */
	spend: { x: ArrayLike<number>; m: ArrayLike<number>; weight: ArrayLike<number> };
	/** Whether every purchase of the data falls on one day (nothing to fit a rate on). */
	singleDay: boolean;
	penalizer: number;
	/** Forecast horizon, holdout length, in units. */
	horizon: number;
	holdout: number;
	/** Discount rate per unit and steps of the discounted sum over the horizon. */
	discount: number;
	steps: number;
	/** Customers by first purchase, in units after the data's first day; and the plot's grid. */
	firstDays: { t: number[]; customers: number[] };
	grid: number[];
}

/** Why the forecast has no (or no usable) part; the section explains each code. */
export type JobProblem =
	'single-day' | 'too-few' | 'spend-too-few' | 'a-near-1' | 'non-finite-predictions';

export interface FitJobOutput {
	bg: FitResult<BgnbdParams> | null;
	gg: FitResult<GammaGammaParams> | null;
	/**
	 * Per group, in the input's order: P(alive), expected purchases in the horizon and in the
	 * holdout, discounted expected purchases in the horizon. Float64Arrays, which the page's worker
	 * hands over by transfer (fit.worker.ts): as arrays, the page read them back from the message
	 * in one task of 0.17 s at 10 M lines.
	 */
	pAlive: Float64Array;
	expHorizon: Float64Array;
	expHoldout: Float64Array;
	discounted: Float64Array;
	/** Expected cumulative repeat purchases at each grid point. */
	tracking: number[];
	/** P(alive) over repeat purchases × recency at the largest T (the heatmap). */
	matrix: AliveMatrix | null;
	problems: JobProblem[];
	ms: number;
}

export type Progress = (stage: 'bgnbd' | 'gamma-gamma' | 'predictions', share: number) => void;

/**
 * Discounted expected purchases over the horizon H in `steps` equal steps: Σ (E[X(t_i)] −
 * E[X(t_{i−1})]) / (1 + d)^{t_i}, t_i = i·H/steps (lifetimes' customer_lifetime_value: each
 * step's purchases discounted at its end). CLV = expected average value × this.
 */
export function discountedPurchases(
	p: BgnbdParams,
	g: { x: number; tx: number; T: number },
	horizon: number,
	discount: number,
	steps: number
): number {
	let prev = 0;
	let sum = 0;
	for (let i = 1; i <= steps; i++) {
		const t = (i * horizon) / steps;
		const e = expectedPurchases(p, t, g.x, g.tx, g.T);
		sum += (e - prev) / Math.pow(1 + discount, t);
		prev = e;
	}
	return sum;
}

/** Fit both models and predict per group (see the module comment). */
export function runFitJob(input: FitJobInput, progress: Progress = () => {}): FitJobOutput {
	const t0 = performance.now();
	const out: FitJobOutput = {
		bg: null,
		gg: null,
		pAlive: new Float64Array(0),
		expHorizon: new Float64Array(0),
		expHoldout: new Float64Array(0),
		discounted: new Float64Array(0),
		tracking: [],
		matrix: null,
		problems: [],
		ms: 0
	};
	const g = input.groups;
	const groups: SummaryGroup[] = Array.from(g.x, (x, i) => ({
		x,
		tx: g.tx[i]!,
		T: g.T[i]!,
		weight: g.weight[i]!
	}));
	const repeatBuyers = groups.reduce((n, r) => n + (r.x > 0 ? r.weight : 0), 0);
	if (input.singleDay) out.problems.push('single-day');
	else if (repeatBuyers < MIN_REPEAT_BUYERS) out.problems.push('too-few');
	if (out.problems.length > 0) return done(out, t0);

	progress('bgnbd', 0);
	const bg = fitBgnbd(groups, {
		penalizer: input.penalizer,
		onIteration: (it) => progress('bgnbd', Math.min(1, it.iteration / 5000))
	});
	out.bg = bg;
	progress('gamma-gamma', 0);
	const s = input.spend;
	const spendBuyers = Array.from(s.weight).reduce((a, b) => a + b, 0);
	if (spendBuyers < MIN_REPEAT_BUYERS) out.problems.push('spend-too-few');
	else {
		out.gg = fitGammaGamma(
			Array.from(s.x, (x, i) => ({ x, m: s.m[i]!, weight: s.weight[i]! })),
			{ onIteration: (it) => progress('gamma-gamma', Math.min(1, it.iteration / 5000)) }
		);
	}
	const p = bg.params;
	// E[X] has (a − 1) in a denominator: near a = 1 the forecast is a ratio of two tiny numbers.
	if (Math.abs(p.a - 1) < 1e-3) out.problems.push('a-near-1');
	if (!Number.isFinite(bg.logLik) || out.problems.includes('a-near-1')) return done(out, t0);

	progress('predictions', 0);
	const n = groups.length;
	const chunk = Math.max(1, Math.ceil(n / 20));
	out.pAlive = new Float64Array(n);
	out.expHorizon = new Float64Array(n);
	out.expHoldout = new Float64Array(n);
	out.discounted = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const r = groups[i]!;
		out.pAlive[i] = pAlive(p, r.x, r.tx, r.T);
		out.expHorizon[i] = expectedPurchases(p, input.horizon, r.x, r.tx, r.T);
		out.expHoldout[i] = input.holdout > 0 ? expectedPurchases(p, input.holdout, r.x, r.tx, r.T) : 0;
		out.discounted[i] = discountedPurchases(p, r, input.horizon, input.discount, input.steps);
		if (i % chunk === chunk - 1) progress('predictions', (i + 1) / n);
	}
	out.tracking = input.grid.map((at) => {
		let sum = 0;
		input.firstDays.t.forEach((start, j) => {
			if (start < at)
				sum += input.firstDays.customers[j]! * expectedPurchasesUnconditional(p, at - start);
		});
		return sum;
	});
	out.matrix = aliveMatrix(p, groups);
	const finite = (xs: ArrayLike<number>) => Array.prototype.every.call(xs, Number.isFinite);
	if (![out.pAlive, out.expHorizon, out.expHoldout, out.discounted, out.tracking].every(finite)) {
		out.problems.push('non-finite-predictions');
	}
	return done(out, t0);
}

function done(out: FitJobOutput, t0: number): FitJobOutput {
	out.ms = performance.now() - t0;
	return out;
}

/** Cells of the heatmap: x = 0 … min(max x, 20), t_x in 20 steps up to the largest T. */
function aliveMatrix(p: BgnbdParams, groups: readonly SummaryGroup[]): AliveMatrix {
	let T = 0;
	let maxX = 0;
	for (const g of groups) {
		if (g.T > T) T = g.T;
		if (g.x > maxX) maxX = g.x;
	}
	const xs = Array.from({ length: Math.min(maxX, 20) + 1 }, (_, i) => i);
	const txs = Array.from({ length: 21 }, (_, j) => (j * T) / 20);
	return { T, xs, txs, p: xs.map((x) => txs.map((tx) => pAlive(p, x, x === 0 ? 0 : tx, T))) };
}
