// Special functions of the CLV models against closed forms and tabulated values.
import { describe, expect, it } from 'vitest';
import {
	digamma,
	hyp2f1,
	hyp2f1Series,
	lgamma,
	logAddExp,
	logSumExp
} from '../../../../src/analyses/clv/model/special';

describe('lgamma', () => {
	it.each([
		[1, 0],
		[2, 0],
		[0.5, 0.5 * Math.log(Math.PI)], // Γ(½) = √π
		[10, Math.log(362880)], // Γ(10) = 9!
		[0.25, 1.2880225246980774], // A&S table / mpmath
		[100, 359.1342053695754], // ln 99!
		[-0.5, Math.log(2 * Math.sqrt(Math.PI))], // Γ(−½) = −2√π
		[1e-8, 18.420680738180209] // ≈ −ln x − γx
	])('lgamma(%d) = %d', (x, expected) => {
		expect(Math.abs(lgamma(x) - expected)).toBeLessThan(1e-13 * Math.max(1, Math.abs(expected)));
	});

	it('is +Infinity at the poles', () => {
		expect(lgamma(0)).toBe(Infinity);
		expect(lgamma(-3)).toBe(Infinity);
	});
});

describe('digamma', () => {
	const EULER = 0.5772156649015329;
	function harmonic(n: number): number {
		let h = 0;
		for (let k = n; k >= 1; k--) h += 1 / k;
		return h;
	}
	it.each([
		[1, -EULER],
		[0.5, -EULER - 2 * Math.log(2)],
		[2, 1 - EULER],
		[30, harmonic(29) - EULER] // ψ(n) = H₍ₙ₋₁₎ − γ
	])('ψ(%d) = %d', (x, expected) => {
		expect(Math.abs(digamma(x) - expected)).toBeLessThan(1e-13);
	});
});

describe('logSumExp', () => {
	it('does not overflow where exp does', () => {
		expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 12);
		expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.log(2), 12);
		expect(logAddExp(-Infinity, 3)).toBe(3);
		expect(logSumExp([])).toBe(-Infinity);
	});
});

describe('hyp2f1', () => {
	const close = (actual: number, expected: number, rel = 1e-12) =>
		expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

	it.each([0.1, 0.5, 0.9, 0.95, 0.99, 0.999])('₂F₁(1,1;2;z) = −ln(1−z)/z at z = %d', (z) => {
		close(hyp2f1(1, 1, 2, z), -Math.log(1 - z) / z, 1e-12);
	});

	it.each([-3, -0.5, 0.3, 0.97, 0.9999])('₂F₁(a,b;b;z) = (1−z)^−a at z = %d', (z) => {
		close(hyp2f1(0.7, 2.3, 2.3, z), Math.pow(1 - z, -0.7), 1e-12);
		// c − a − b < 0: the Euler-transformed branch.
		close(hyp2f1(3.2, 1.5, 1.5, z), Math.pow(1 - z, -3.2), 1e-11);
	});

	it.each([0.2, 0.7, 0.99])('₂F₁(½,½;3/2;z²) = arcsin(z)/z at z = %d', (z) => {
		close(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z, 1e-12);
	});

	it('the 1 − z connection formula (z > 0.9) agrees with the plain series', () => {
		for (const z of [0.91, 0.95, 0.99]) {
			close(hyp2f1(0.3, 1.7, 2.2, z), hyp2f1Series(0.3, 1.7, 2.2, z, 1e7), 1e-12);
			close(hyp2f1(0.243, 2.426, 2.219, z), hyp2f1Series(0.243, 2.426, 2.219, z, 1e7), 1e-12);
		}
	});

	it('tends to Gauss’s value Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)) as z → 1 (c − a − b > 0)', () => {
		const [a, b, c] = [0.4, 0.8, 2.5];
		const gauss = Math.exp(lgamma(c) + lgamma(c - a - b) - lgamma(c - a) - lgamma(c - b));
		close(hyp2f1(a, b, c, 1 - 1e-12), gauss, 1e-9);
	});

	it('stops at the term cap with NaN instead of looping where the series converges too slowly', () => {
		// Integer c − a − b = 0 keeps the plain series; at z = 1 − 1e-9 it needs ~4e10 terms.
		const started = performance.now();
		expect(hyp2f1(1, 1, 2, 1 - 1e-9, 10_000)).toBeNaN();
		expect(hyp2f1(1, 1, 2, 1 - 1e-9)).toBeNaN(); // the default cap, still bounded in time
		expect(performance.now() - started).toBeLessThan(2000);
	});

	it('is NaN outside its domain (z ≥ 1, c a non-positive integer) and 1 at z = 0', () => {
		expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
		expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
		expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
		expect(hyp2f1(1, 1, 2, 0)).toBe(1);
	});

	it('is a polynomial when a is a non-positive integer', () => {
		// ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
		const [b, c, z] = [1.5, 2.5, 0.4];
		close(hyp2f1(-2, b, c, z), 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1)), 1e-14);
	});
});
