// Customer lifetime value from the two models: expected purchases (BG/NBD) times expected value
// per purchase (Gamma-Gamma), discounted — the discrete sum of lifetimes' customer_lifetime_value.
import { expectedPurchases } from './bgnbd-predict';
import { expectedAverageValue } from './gamma-gamma';
import type { BgnbdParams, GammaGammaParams } from './types';

/**
 * CLV over `horizon` model time units: with `steps` equal steps of length h = horizon/steps,
 *   CLV = Σᵢ₌₁..steps (E[Y(i·h)] − E[Y((i−1)·h)]) · E[M | x, m] / (1 + d)^i,
 * E[Y] the BG/NBD conditional expected purchases (FHL 2005 eq. 10), E[M] the Gamma-Gamma expected
 * average value (FHL 2005 JMR eq. 3), d = `discountPerPeriod`, the rate per step (lifetimes'
 * discount_rate per period). `steps` defaults to the horizon rounded (at least 1), so with whole
 * horizons a step is one time unit and d is per unit. Relies on the models' independence
 * assumption (frequency and spend uncorrelated). NaN when E[M] is undefined (q ≤ 1).
 */
export function customerValue(
	bg: BgnbdParams,
	gg: GammaGammaParams,
	c: { x: number; tx: number; T: number; m: number },
	horizon: number,
	discountPerPeriod: number,
	steps = Math.max(1, Math.round(horizon))
): number {
	const value = expectedAverageValue(gg, c.x, c.m);
	if (!Number.isFinite(value) || !(horizon > 0)) return Number.isFinite(value) ? 0 : NaN;
	const h = horizon / steps;
	let clv = 0;
	let previous = 0;
	for (let i = 1; i <= steps; i++) {
		const cumulative = expectedPurchases(bg, i * h, c.x, c.tx, c.T);
		clv += ((cumulative - previous) * value) / Math.pow(1 + discountPerPeriod, i);
		previous = cumulative;
	}
	return clv;
}
