// The seeded samplers behind the property tests: deterministic, with the right moments.
import { describe, expect, it } from 'vitest';
import {
	sampleBeta,
	sampleGamma,
	seededRandom,
	simulateBgnbd
} from '../../../../src/analyses/clv/model/simulate';

const moments = (values: number[]) => {
	const mean = values.reduce((s, v) => s + v, 0) / values.length;
	const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
	return { mean, variance };
};

describe('samplers', () => {
	it('seededRandom repeats for a seed and differs between seeds', () => {
		const a = seededRandom(7);
		const b = seededRandom(7);
		const c = seededRandom(8);
		const first = [a(), a(), a()];
		expect([b(), b(), b()]).toEqual(first);
		expect(c()).not.toBe(first[0]);
	});

	it.each([
		[0.3, 2],
		[2.5, 0.5]
	])('Gamma(shape %d, rate %d) has mean k/θ and variance k/θ²', (shape, rate) => {
		const random = seededRandom(1);
		const { mean, variance } = moments(
			Array.from({ length: 100_000 }, () => sampleGamma(random, shape, rate))
		);
		expect(mean).toBeCloseTo(shape / rate, 1);
		expect(Math.abs(variance / (shape / rate ** 2) - 1)).toBeLessThan(0.05);
	});

	it('Beta(a, b) has mean a/(a+b)', () => {
		const random = seededRandom(2);
		const { mean } = moments(Array.from({ length: 100_000 }, () => sampleBeta(random, 0.7, 3)));
		expect(mean).toBeCloseTo(0.7 / 3.7, 2);
	});

	it('simulateBgnbd keeps 0 ≤ t_x ≤ T and only repeat buyers can be dead', () => {
		const customers = simulateBgnbd({ r: 0.5, alpha: 10, a: 0.7, b: 3 }, 2000, 3, 52);
		for (const c of customers) {
			expect(c.tx).toBeGreaterThanOrEqual(0);
			expect(c.tx).toBeLessThanOrEqual(c.T);
			if (c.x === 0) expect(c.alive).toBe(true);
		}
	});
});
