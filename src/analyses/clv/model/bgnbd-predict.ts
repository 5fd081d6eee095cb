// BG/NBD predictions per customer (Fader, Hardie & Lee 2005, "Counting your customers the easy
// way", Marketing Science 24(2); equation numbers from that paper). Re-exported by bgnbd.ts.
import { hyp2f1, HYP2F1_MAX_TERMS } from './special';
import type { BgnbdParams } from './types';

/** ln of the odds term δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x), −∞ for x = 0. */
function logDeadOdds(p: BgnbdParams, x: number, tx: number, T: number): number {
	if (x <= 0) return -Infinity;
	const { r, alpha, a, b } = p;
	return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) (FHL 2005 note
 * "Computing P(alive) using the BG/NBD model", eq. 1), in log form so large x cannot overflow.
 * Always 1 for a customer without repeat purchases (BG/NBD lets customers drop out only after a
 * repeat purchase).
 */
export function pAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
	const odds = logDeadOdds(p, x, tx, T);
	if (odds === -Infinity) return 1;
	return odds > 0 ? Math.exp(-odds) / (1 + Math.exp(-odds)) : 1 / (1 + Math.exp(odds));
}

/**
 * Σ_{n≥1} (A)ₙ zⁿ / ((c)ₙ n): the derivative of ₂F₁(A, ε; c; z) in ε at ε = 0, used for the limit
 * a → 1 of the expected purchases (a removable 0/0 there). NaN past the term cap.
 */
function epsilonDerivative(A: number, c: number, z: number): number {
	let coef = 1; // (A)ₙ zⁿ / (c)ₙ
	let sum = 0;
	for (let n = 1; n < HYP2F1_MAX_TERMS; n++) {
		coef *= ((A + n - 1) / (c + n - 1)) * z;
		const term = coef / n;
		sum += term;
		if (Math.abs(term) <= 1e-16 * Math.abs(sum) * (1 - z)) return sum;
	}
	return NaN;
}

/** |a − 1| below which the a → 1 limit replaces the (then 0/0) closed form. */
const A_NEAR_ONE = 1e-7;

/**
 * Conditional expected number of purchases in (T, T + t] for a customer with history (x, t_x, T),
 * FHL 2005 eq. 10:
 *   E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)]
 *                         / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)),   z = t/(α+T+t).
 * The ₂F₁ goes through Euler's transformation first, which folds the power into it:
 * (1−z)^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z) — finite for any x
 * (the plain form overflows for large x). At a = 1 the closed form is 0/0; its limit is used.
 * With x = t_x = T = 0 this is E[X(t)], eq. 9. NaN if ₂F₁ does not converge within its term cap
 * (z = t/(α+T+t) extremely close to 1 with large parameters); about 2 µs a call otherwise.
 */
export function expectedPurchases(
	p: BgnbdParams,
	t: number,
	x: number,
	tx: number,
	T: number
): number {
	if (t <= 0) return 0;
	const { r, alpha, a, b } = p;
	const c = a + b + x - 1;
	const log1mz = Math.log(alpha + T) - Math.log(alpha + T + t);
	const z = t / (alpha + T + t);
	let bracket: number; // [1 − …] / (a − 1)
	if (Math.abs(a - 1) < A_NEAR_ONE) {
		bracket = -(log1mz + epsilonDerivative(a + b - 1 - r, c, z));
	} else if (a - 1 > r + x) {
		// Euler's form would multiply a vanishing (1−z)^(a−1) by a ₂F₁ that itself turns back into
		// the plain form times (1−z)^(r+x−a+1), which overflows for a large a (a fit on a small or
		// filtered sample can put a in the millions: 0 · ∞). Here c − (r+x) − (b+x) = a−1−r−x > 0,
		// so the plain ₂F₁ is bounded and its power (1−z)^(r+x) ≤ 1: no overflow either way.
		const f = hyp2f1(r + x, b + x, c, z);
		bracket = -Math.expm1(Math.log(f) + (r + x) * log1mz) / (a - 1);
	} else {
		const f = hyp2f1(a + b - 1 - r, a - 1, c, z);
		bracket = (1 - Math.exp((a - 1) * log1mz) * f) / (a - 1);
	}
	const odds = logDeadOdds(p, x, tx, T);
	// c · bracket / (1 + e^odds), without overflow for a large odds term.
	const value =
		odds > 0
			? (c * bracket * Math.exp(-odds)) / (1 + Math.exp(-odds))
			: (c * bracket) / (1 + Math.exp(odds));
	return value;
}

/**
 * Expected number of purchases of a new customer in (0, t] (FHL 2005 eq. 9):
 * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function expectedPurchasesUnconditional(p: BgnbdParams, t: number): number {
	return expectedPurchases(p, t, 0, 0, 0);
}
