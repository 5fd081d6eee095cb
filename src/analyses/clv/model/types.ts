// Types shared by the buy-till-you-die models (BG/NBD and Gamma-Gamma) and their callers.
// Pure data: the model code has no DOM, DuckDB or Svelte imports, so it runs in Node, in the
// page and in a Web Worker alike.

/** BG/NBD parameters (Fader, Hardie & Lee 2005): purchase rate λ ~ Gamma(r, α), dropout p ~ Beta(a, b). */
export interface BgnbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

/** Gamma-Gamma spend parameters (Fader, Hardie & Lee 2005, JMR; Colombo & Jiang 1999). */
export interface GammaGammaParams {
	p: number;
	q: number;
	gamma: number;
}

/** One group of customers with the same (x, t_x, T); weight = how many. */
export interface SummaryGroup {
	x: number;
	tx: number;
	T: number;
	weight: number;
}

/** A repeat buyer's (or group's) number of repeat purchases and mean repeat value. */
export interface SpendGroup {
	x: number;
	m: number;
	weight: number;
}

export interface FitResult<P> {
	params: P;
	/** Total (weighted) log-likelihood at `params`, in the caller's time and money units. */
	logLik: number;
	iterations: number;
	converged: boolean;
	/** Standard errors from the numerical Hessian of the negative log-likelihood (null when it is not positive definite). */
	stdErrors: P | null;
	/**
	 * Why it did not converge or is not usable, as a code the UI translates; null when fine.
	 * Codes: 'no-data' | 'invalid-input' | 'single-day' | 'too-few' | 'max-iterations' |
	 * 'non-finite' | 'q-not-above-1'.
	 */
	problem: FitProblem | null;
}

export type FitProblem =
	| 'no-data'
	| 'invalid-input'
	| 'single-day'
	| 'too-few'
	| 'max-iterations'
	| 'non-finite'
	| 'q-not-above-1';

/** Progress report: the optimiser's evaluation count and best objective (mean negative log-likelihood) so far. */
export interface FitProgress {
	iteration: number;
	value: number;
}

export interface FitOptions {
	/** L2 penalty like lifetimes' penalizer_coef: penalizer · Σ params² added to the mean negative log-likelihood. Default 0. */
	penalizer?: number;
	/** Cap on optimiser iterations, summed over starts and restarts. Default 5000. */
	maxIterations?: number;
	/** Nelder-Mead's convergence tolerance on the mean negative log-likelihood. Default 1e-12. (BFGS stops on a gradient below 1e-8.) */
	tolerance?: number;
	/**
	 * 'bfgs' (default): quasi-Newton with the analytic gradient, Nelder-Mead polishing if it stops
	 * short — tens of likelihood evaluations. 'nelder-mead': derivative-free with restarts, about
	 * a thousand evaluations; same optimum, kept as the independent check.
	 */
	method?: 'bfgs' | 'nelder-mead';
	/** Called now and then during the fit (synchronously; post it from a worker for progress). */
	onIteration?: (progress: FitProgress) => void;
}
