// BG/NBD likelihood and predictions (Fader, Hardie & Lee 2005) against the values, the
// published CDNOW numbers and an independent numerical integration over the dropout probability.
import { describe, expect, it } from 'vitest';
import {
	bgnbdLogLikelihood,
	expectedPurchases,
	expectedPurchasesUnconditional,
	pAlive
} from '../../../../src/analyses/clv/model/bgnbd';
import type { BgnbdParams } from '../../../../src/analyses/clv/model/types';

// The CDNOW maximum-likelihood estimate (our fit, equal to lifetimes' r 0.242593, α 4.413532,
// a 0.792886, b 2.425752); the papers print it rounded as 0.243, 4.414, 0.793, 2.426.
const CDNOW_MLE: BgnbdParams = { r: 0.2425929, alpha: 4.4135318, a: 0.7928861, b: 2.4257531 };

describe('bgnbdLogLikelihood', () => {
	// The issue's figures are the log-likelihood ln L itself (FHL 2005 eq. 6), not lifetimes'
	// _negative_log_likelihood (which is −ln L, averaged): at x = 0 ln L = r ln α − r ln(α+T)
	// = 0.25·ln(4/44) = −0.59947, and ln L is a log-density in the purchase times, so for x = 200
	// it is positive.
	const p: BgnbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };

	it('is −0.59947382 for (x 0, t_x 0, T 40) at a 0.8, b 2.5, r 0.25, α 4', () => {
		expect(bgnbdLogLikelihood(p, 0, 0, 40)).toBeCloseTo(-0.59947382, 8);
	});

	it('is 100.7957 for (x 200, t_x 38, T 40), where the naive formula overflows', () => {
		// Naively: Γ(r+x) = Γ(200.25) ≈ e^859 is Infinity in doubles, and (α+T)^−(r+x) ≈ e^−758.
		expect(Math.exp(859)).toBe(Infinity);
		expect(bgnbdLogLikelihood(p, 200, 38, 40)).toBeCloseTo(100.7957, 4);
	});
});

/**
 * E[Y(t) | x, t_x, T] and P(alive) by direct integration, independent of ₂F₁: λ integrated in
 * closed form (Gamma integrals), p numerically after p = u^(1/a) (which removes p^(a−1)'s
 * singularity), by composite Simpson on u ∈ [0, 1].
 *   alive ∝ ∫ p^(a−1) (1−p)^(b+x−1) dp · (α+T)^−(r+x)
 *   dead  ∝ ∫ p^a (1−p)^(b+x−2) dp · (α+t_x)^−(r+x)            (x > 0)
 *   E·(alive+dead) ∝ ∫ p^(a−2) (1−p)^(b+x−1) [(α+T)^−(r+x) − (α+T+pt)^−(r+x)] dp
 * using E[Y(t) | λ, p, alive] = (1 − e^(−λpt))/p.
 */
function integrate(p: BgnbdParams, t: number, x: number, tx: number, T: number) {
	const { r, alpha, a, b } = p;
	const n = 200_000;
	const rx = r + x;
	let alive = 0;
	let dead = 0;
	let expected = 0;
	for (let i = 0; i <= n; i++) {
		const u = i / n;
		const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
		const q = Math.pow(u, 1 / a);
		alive += weight * Math.pow(1 - q, b + x - 1);
		if (x > 0) dead += weight * q * Math.pow(1 - q, b + x - 2);
		// (1/p)[1 − ((α+T)/(α+T+pt))^(r+x)], with its p → 0 limit (r+x)t/(α+T)
		const bracket =
			q === 0 ? (rx * t) / (alpha + T) : -Math.expm1(-rx * Math.log1p((q * t) / (alpha + T))) / q;
		expected += weight * Math.pow(1 - q, b + x - 1) * bracket;
	}
	const scaleT = Math.pow(alpha + T, -rx);
	const scaleTx = Math.pow(alpha + tx, -rx);
	const total = alive * scaleT + dead * scaleTx;
	return { pAlive: (alive * scaleT) / total, expected: (expected * scaleT) / total };
}

describe('expectedPurchasesUnconditional', () => {
	// FHL 2005 / Hardie's spreadsheet, as in lifetimes' test_expectation_returns_same_value_Hardie_excel_sheet.
	// They are E[X(t)] at the full-precision MLE: at the 3-digit rounded parameters E[X(78)] moves
	// by 0.003 (1.8605), more than the ±0.001 these are quoted to, so the MLE is used.
	it.each([
		[1, 0.0532],
		[3, 0.1506],
		[32, 1.0437],
		[78, 1.8576]
	])('E[X(%d weeks)] = %d at the CDNOW estimate', (t, expected) => {
		expect(Math.abs(expectedPurchasesUnconditional(CDNOW_MLE, t) - expected)).toBeLessThan(0.001);
	});

	it('at the rounded published parameters is within 0.004 of the same figures', () => {
		const rounded = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
		const values = [1, 3, 32, 78].map((t) => expectedPurchasesUnconditional(rounded, t));
		[0.0532, 0.1506, 1.0437, 1.8576].forEach((e, i) =>
			expect(Math.abs(values[i]! - e)).toBeLessThan(0.004)
		);
	});

	it('equals the integral for a new customer and is 0 at t = 0', () => {
		expect(expectedPurchasesUnconditional(CDNOW_MLE, 0)).toBe(0);
		const direct = integrate(CDNOW_MLE, 52, 0, 0, 0).expected;
		expect(expectedPurchasesUnconditional(CDNOW_MLE, 52)).toBeCloseTo(direct, 7);
	});
});

describe('expectedPurchases and pAlive (conditional on x, t_x, T)', () => {
	it('reproduce Hardie’s spreadsheet: E[Y(39) | x 2, t_x 30.43, T 38.86] = 1.226', () => {
		expect(expectedPurchases(CDNOW_MLE, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
	});

	it.each([
		[39, 2, 30.43, 38.86],
		[52, 0, 0, 38.86],
		[10, 7, 29.43, 38.86],
		[39, 1, 5, 38.86],
		[78, 25, 35, 38.86],
		[52, 3, 0.5, 0.5]
	])('agree with direct integration for t %d, x %d, t_x %d, T %d', (t, x, tx, T) => {
		const direct = integrate(CDNOW_MLE, t, x, tx, T);
		expect(expectedPurchases(CDNOW_MLE, t, x, tx, T)).toBeCloseTo(direct.expected, 7);
		expect(pAlive(CDNOW_MLE, x, tx, T)).toBeCloseTo(direct.pAlive, 8);
	});

	it('at a = 1, where the closed form is 0/0, equal the integral (the limit is used)', () => {
		const p = { r: 0.5, alpha: 6, a: 1, b: 2.5 };
		expect(expectedPurchases(p, 40, 3, 20, 38)).toBeCloseTo(
			integrate(p, 40, 3, 20, 38).expected,
			7
		);
		// Continuous through a = 1.
		const near = expectedPurchases({ ...p, a: 1 + 1e-5 }, 40, 3, 20, 38);
		expect(Math.abs(expectedPurchases(p, 40, 3, 20, 38) - near)).toBeLessThan(1e-4);
	});

	it.each([
		[39, 0, 0, 38.86],
		[39, 1, 30.43, 38.86],
		[10, 1, 5, 20]
	])(
		'with a > r + x + 1 (the plain ₂F₁) agree with direct integration for t %d, x %d, t_x %d, T %d',
		(t, x, tx, T) => {
			const p = { r: 0.3, alpha: 4.6, a: 2.5, b: 1.5 };
			expect(expectedPurchases(p, t, x, tx, T)).toBeCloseTo(integrate(p, t, x, tx, T).expected, 7);
		}
	);

	it('a forecast fitted with a dropout parameter in the millions gave NaN (0 · ∞) for everyone', () => {
		// The fit on the sample filtered to one region and half a year: a 1.07 M, b 25.7 M.
		const p = { r: 0.8346, alpha: 4.6048, a: 1072924.5, b: 25693455.5 };
		for (const [t, x, tx, T] of [
			[52.18, 0, 0, 0],
			[52.18, 0, 0, 17.3],
			[8.71, 3, 10, 17.3],
			[52.18, 12, 16.9, 17.3]
		] as const) {
			const e = expectedPurchases(p, t, x, tx, T);
			expect(Number.isFinite(e) && e > 0).toBe(true);
			// Near the fixed-dropout limit: doubling a and b (same a/(a+b)) barely moves it.
			const twice = expectedPurchases({ ...p, a: 2 * p.a, b: 2 * p.b }, t, x, tx, T);
			expect(Math.abs(e - twice) / e).toBeLessThan(1e-3);
		}
		// Each call is quick: the series' stopping bound no longer waits for n > |a| + |b|.
		const t0 = performance.now();
		for (let i = 0; i < 100; i++) expectedPurchases(p, 52.18, i % 5, 10, 17.3);
		expect(performance.now() - t0).toBeLessThan(1000);
	});

	it('stay finite for very frequent customers (x 500), where ((α+T)/(α+t_x))^(r+x) overflows', () => {
		const e = expectedPurchases(CDNOW_MLE, 39, 500, 38, 38.86);
		expect(Number.isFinite(e)).toBe(true);
		expect(e).toBeGreaterThan(0);
		expect(pAlive(CDNOW_MLE, 500, 10, 38.86)).toBeLessThan(1e-10); // long silent after a busy spell
		expect(pAlive(CDNOW_MLE, 500, 38.86, 38.86)).toBeGreaterThan(0.99);
	});

	it('P(alive) is 1 without repeat purchases (BG/NBD drops customers only after a purchase)', () => {
		expect(pAlive(CDNOW_MLE, 0, 0, 38.86)).toBe(1);
	});
});
