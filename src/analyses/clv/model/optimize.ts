// A derivative-free minimiser (Nelder-Mead with restarts) and a numerical Hessian for the
// maximum-likelihood fits. Written here because the npm options fall short: `fmin`'s Nelder-Mead
// throws on its shrink step (issue 17), and the fits need progress callbacks and hard caps.

export type Objective = (x: readonly number[]) => number;

export interface NelderMeadOptions {
	/** Iteration cap (one reflection/expansion/contraction/shrink step each). Default 200·n. */
	maxIterations?: number;
	/** Stop when all vertex values are within this of the best one. Default 1e-10. */
	fTolerance?: number;
	/** … and all vertices within this of the best one in every coordinate. Default 1e-8. */
	xTolerance?: number;
	/** Initial simplex edge along each axis (a number or one per coordinate). Default 0.1. */
	initialStep?: number | readonly number[];
	/** Dimension-dependent coefficients (Gao & Han 2012); false: the standard 1, 2, ½, ½. Default true. */
	adaptive?: boolean;
	/** Called every few iterations with the count so far and the best value. */
	onIteration?: (iteration: number, best: number) => void;
}

export interface MinimizeResult {
	x: number[];
	fx: number;
	iterations: number;
	evaluations: number;
	converged: boolean;
	/** Nelder-Mead only: how many shrink steps were taken. */
	shrinks?: number;
}

/** Non-finite values become +∞, so the simplex walks away from where the objective breaks down. */
function safe(f: Objective): Objective {
	return (x) => {
		const v = f(x);
		return Number.isFinite(v) ? v : Infinity;
	};
}

/**
 * Nelder-Mead simplex minimisation (Nelder & Mead 1965; the steps as in Lagarias et al. 1998:
 * reflect, expand, outside/inside contract, shrink towards the best vertex). With `adaptive` the
 * coefficients depend on the dimension n (Gao & Han 2012): ρ = 1, χ = 1 + 2/n, γ = 0.75 − 1/(2n),
 * σ = 1 − 1/n, which keeps the method working past n ≈ 5. Synchronous and bounded by maxIterations.
 */
export function nelderMead(
	objective: Objective,
	x0: readonly number[],
	options: NelderMeadOptions = {}
): MinimizeResult {
	const f = safe(objective);
	const n = x0.length;
	const adaptive = options.adaptive ?? true;
	const rho = 1;
	const chi = adaptive ? 1 + 2 / n : 2;
	const gamma = adaptive ? 0.75 - 1 / (2 * n) : 0.5;
	const sigma = adaptive ? 1 - 1 / n : 0.5;
	const maxIterations = options.maxIterations ?? 200 * n;
	const fTol = options.fTolerance ?? 1e-10;
	const xTol = options.xTolerance ?? 1e-8;
	const step = options.initialStep ?? 0.1;
	let evaluations = 0;
	const evaluate = (x: number[]): number => {
		evaluations++;
		return f(x);
	};
	const simplex: number[][] = [x0.slice()];
	for (let i = 0; i < n; i++) {
		const v = x0.slice();
		v[i] = (v[i] as number) + (typeof step === 'number' ? step : (step[i] ?? 0.1));
		simplex.push(v);
	}
	let values = simplex.map(evaluate);
	const along = (from: number[], to: number[], t: number): number[] =>
		from.map((c, i) => c + t * ((to[i] as number) - c));
	let iterations = 0;
	let shrinks = 0;
	let converged = false;
	while (iterations < maxIterations) {
		// Order the vertices best → worst.
		const order = values
			.map((_, i) => i)
			.sort((i, j) => (values[i] as number) - (values[j] as number));
		const sorted = order.map((i) => simplex[i] as number[]);
		values = order.map((i) => values[i] as number);
		simplex.splice(0, simplex.length, ...sorted);
		const best = simplex[0] as number[];
		const fBest = values[0] as number;
		const spreadF = (values[n] as number) - fBest;
		let spreadX = 0;
		for (let k = 1; k <= n; k++) {
			for (let i = 0; i < n; i++) {
				spreadX = Math.max(spreadX, Math.abs((simplex[k] as number[])[i]! - best[i]!));
			}
		}
		if (Number.isFinite(fBest) && spreadF <= fTol && spreadX <= xTol) {
			converged = true;
			break;
		}
		iterations++;
		if (options.onIteration && iterations % 25 === 0) options.onIteration(iterations, fBest);
		const worst = simplex[n] as number[];
		const fWorst = values[n] as number;
		const fSecond = values[n - 1] as number;
		const centroid = new Array<number>(n).fill(0);
		for (let k = 0; k < n; k++) {
			for (let i = 0; i < n; i++) centroid[i]! += (simplex[k] as number[])[i]! / n;
		}
		// Points on the line from the worst vertex through the centroid: x(t) = c + t (c − worst).
		const reflected = along(centroid, worst, -rho);
		const fr = evaluate(reflected);
		if (fr < fBest) {
			const expanded = along(centroid, worst, -rho * chi);
			const fe = evaluate(expanded);
			if (fe < fr) [simplex[n], values[n]] = [expanded, fe];
			else [simplex[n], values[n]] = [reflected, fr];
			continue;
		}
		if (fr < fSecond) {
			[simplex[n], values[n]] = [reflected, fr];
			continue;
		}
		const outside = fr < fWorst;
		const contracted = along(centroid, worst, outside ? -rho * gamma : gamma);
		const fc = evaluate(contracted);
		if (outside ? fc <= fr : fc < fWorst) {
			[simplex[n], values[n]] = [contracted, fc];
			continue;
		}
		// Shrink every vertex but the best towards it (fmin's version throws here).
		shrinks++;
		for (let k = 1; k <= n; k++) {
			simplex[k] = along(best, simplex[k] as number[], sigma);
			values[k] = evaluate(simplex[k] as number[]);
		}
	}
	let bestIndex = 0;
	for (let k = 1; k <= n; k++)
		if ((values[k] as number) < (values[bestIndex] as number)) bestIndex = k;
	return {
		x: (simplex[bestIndex] as number[]).slice(),
		fx: values[bestIndex] as number,
		iterations,
		evaluations,
		converged,
		shrinks
	};
}

export interface RestartOptions extends NelderMeadOptions {
	/** Most restarts after the first run. Default 20. */
	maxRestarts?: number;
}

/**
 * Nelder-Mead restarted from its own optimum with a fresh simplex until a restart improves the value
 * by no more than fTolerance — a collapsed simplex can stall short of the minimum (McKinnon 1998),
 * and the likelihood surfaces here are flat along ridges. maxIterations caps the total.
 */
export function minimize(
	objective: Objective,
	x0: readonly number[],
	options: RestartOptions = {}
): MinimizeResult {
	const total = options.maxIterations ?? 200 * x0.length * 5;
	const fTol = options.fTolerance ?? 1e-10;
	let result = nelderMead(objective, x0, { ...options, maxIterations: total });
	let iterations = result.iterations;
	let evaluations = result.evaluations;
	let shrinks = result.shrinks ?? 0;
	for (let k = 0; k < (options.maxRestarts ?? 20) && result.converged; k++) {
		const left = total - iterations;
		if (left <= 0) break;
		const step = typeof options.initialStep === 'number' ? options.initialStep / 2 : 0.05;
		const next = nelderMead(objective, result.x, {
			...options,
			maxIterations: left,
			initialStep: step
		});
		iterations += next.iterations;
		evaluations += next.evaluations;
		shrinks += next.shrinks ?? 0;
		const gain = result.fx - next.fx;
		if (next.fx <= result.fx) result = next;
		if (!next.converged) result = { ...result, converged: false };
		if (gain <= fTol) break;
	}
	return { ...result, iterations, evaluations, shrinks };
}

/**
 * Hessian of f at x by central differences: (f(x+hᵢ+hⱼ) − f(x+hᵢ−hⱼ) − f(x−hᵢ+hⱼ) + f(x−hᵢ−hⱼ)) / (4hᵢhⱼ),
 * and (f(x+hᵢ) − 2f(x) + f(x−hᵢ)) / hᵢ² on the diagonal; hᵢ = h·max(1, |xᵢ|).
 */
export function numericalHessian(f: Objective, x: readonly number[], h = 1e-4): number[][] {
	const n = x.length;
	const steps = x.map((v) => h * Math.max(1, Math.abs(v)));
	const at = (di: number, si: number, dj: number, sj: number): number => {
		const y = x.slice();
		y[di] = (y[di] as number) + si * (steps[di] as number);
		y[dj] = (y[dj] as number) + sj * (steps[dj] as number);
		return f(y);
	};
	const f0 = f(x);
	const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	for (let i = 0; i < n; i++) {
		const hi = steps[i] as number;
		H[i]![i] = (at(i, 1, i, 0) - 2 * f0 + at(i, -1, i, 0)) / (hi * hi);
		for (let j = i + 1; j < n; j++) {
			const v =
				(at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) /
				(4 * hi * (steps[j] as number));
			H[i]![j] = v;
			H[j]![i] = v;
		}
	}
	return H;
}

/** Inverse of a symmetric matrix by Cholesky; null when it is not (numerically) positive definite. */
export function invertSpd(A: readonly (readonly number[])[]): number[][] | null {
	const n = A.length;
	const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	for (let i = 0; i < n; i++) {
		for (let j = 0; j <= i; j++) {
			let s = A[i]![j]!;
			for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
			if (i === j) {
				if (!(s > 0) || !Number.isFinite(s)) return null;
				L[i]![i] = Math.sqrt(s);
			} else L[i]![j] = s / L[j]![j]!;
		}
	}
	// A⁻¹ = L⁻ᵀ L⁻¹: solve L y = eₖ, then Lᵀ xₖ = y, column by column.
	const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
	for (let col = 0; col < n; col++) {
		const y = new Array<number>(n).fill(0);
		for (let i = 0; i < n; i++) {
			let s = i === col ? 1 : 0;
			for (let k = 0; k < i; k++) s -= L[i]![k]! * y[k]!;
			y[i] = s / L[i]![i]!;
		}
		for (let i = n - 1; i >= 0; i--) {
			let s = y[i]!;
			for (let k = i + 1; k < n; k++) s -= L[k]![i]! * inv[k]![col]!;
			inv[i]![col] = s / L[i]![i]!;
		}
	}
	return inv;
}
