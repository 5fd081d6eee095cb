// A seeded BG/NBD simulator, for property tests of the fit (simulate with known parameters, fit,
// compare) and for benchmarks. Deterministic for a given seed on every platform.
import type { BgnbdParams } from './types';

/** A uniform [0, 1) generator. */
export type Random = () => number;

/** mulberry32: a small 32-bit-state PRNG (Tommy Ettinger), good enough for simulation. */
export function seededRandom(seed: number): Random {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal draw (Box–Muller). */
export function sampleNormal(random: Random): number {
	const u = 1 - random(); // (0, 1]: log is finite
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Gamma(shape, rate) draw: Marsaglia & Tsang (2000) for shape ≥ 1; for shape < 1 the boost
 * Gamma(k) = Gamma(k+1) · U^(1/k).
 */
export function sampleGamma(random: Random, shape: number, rate = 1): number {
	if (shape < 1) {
		const u = 1 - random();
		return sampleGamma(random, shape + 1, rate) * Math.pow(u, 1 / shape);
	}
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		const x = sampleNormal(random);
		const v = (1 + c * x) ** 3;
		if (v <= 0) continue;
		const u = 1 - random();
		if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
	}
}

/** Beta(a, b) draw as G₁/(G₁+G₂) with G₁ ~ Gamma(a), G₂ ~ Gamma(b). */
export function sampleBeta(random: Random, a: number, b: number): number {
	const g1 = sampleGamma(random, a);
	const g2 = sampleGamma(random, b);
	return g1 / (g1 + g2);
}

export interface SimulatedCustomer {
	x: number;
	tx: number;
	T: number;
	/** The customer's latent purchase rate and dropout probability. */
	lambda: number;
	p: number;
	/** Whether the customer is still active at T. */
	alive: boolean;
}

/**
 * Simulate customers under the BG/NBD story (FHL 2005 §2): λ ~ Gamma(r, α), p ~ Beta(a, b); while
 * alive, purchases follow a Poisson process with rate λ; after each repeat purchase the customer
 * drops out with probability p. Each is observed from the first purchase (time 0) to T, which is
 * `T` or drawn by it.
 */
export function simulateBgnbd(
	params: BgnbdParams,
	count: number,
	seed: number,
	T: number | ((random: Random) => number)
): SimulatedCustomer[] {
	const random = seededRandom(seed);
	const customers: SimulatedCustomer[] = [];
	for (let i = 0; i < count; i++) {
		const horizon = typeof T === 'number' ? T : T(random);
		const lambda = sampleGamma(random, params.r, params.alpha);
		const p = sampleBeta(random, params.a, params.b);
		let x = 0;
		let tx = 0;
		let time = 0;
		let alive = true;
		for (;;) {
			time += -Math.log(1 - random()) / lambda;
			if (time > horizon) break;
			x++;
			tx = time;
			if (random() < p) {
				alive = false;
				break;
			}
		}
		customers.push({ x, tx, T: horizon, lambda, p, alive });
	}
	return customers;
}
