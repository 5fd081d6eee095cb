// Seeded pseudo-random numbers and the few distributions the sample generator needs.
// Everything is built on mulberry32 and V8's fdlibm-based Math functions, so a seed gives the
// same stream on every machine and every run.

/** 32-bit string hash (FNV-1a), used to derive independent sub-streams from one seed. */
export function hashString(text) {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export class Rng {
	/** @param {number} seed @param {string} [stream] name of an independent sub-stream */
	constructor(seed, stream = '') {
		this.state = (seed ^ hashString(stream)) >>> 0;
		this.spare = NaN;
	}

	/** Uniform in [0, 1) (mulberry32). */
	next() {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [0, n). */
	int(n) {
		return Math.floor(this.next() * n);
	}

	chance(p) {
		return this.next() < p;
	}

	/** Standard normal (Box–Muller, caching the second value). */
	normal() {
		if (!Number.isNaN(this.spare)) {
			const s = this.spare;
			this.spare = NaN;
			return s;
		}
		const u = 1 - this.next();
		const v = this.next();
		const r = Math.sqrt(-2 * Math.log(u));
		this.spare = r * Math.sin(2 * Math.PI * v);
		return r * Math.cos(2 * Math.PI * v);
	}

	/** Exponential waiting time with the given mean. */
	exponential(mean) {
		return -Math.log(1 - this.next()) * mean;
	}

	/** Gamma(shape, scale) by Marsaglia–Tsang; shape < 1 via the u^(1/shape) boost. */
	gamma(shape, scale) {
		if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(1 - this.next(), 1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			const x = this.normal();
			const v0 = 1 + c * x;
			if (v0 <= 0) continue;
			const v = v0 * v0 * v0;
			const u = 1 - this.next();
			if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
		}
	}

	beta(a, b) {
		const x = this.gamma(a, 1);
		return x / (x + this.gamma(b, 1));
	}

	/** Poisson count (Knuth for small means, rounded normal approximation above 30). */
	poisson(mean) {
		if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
		const limit = Math.exp(-mean);
		let k = 0;
		let p = this.next();
		while (p > limit) {
			k++;
			p *= this.next();
		}
		return k;
	}

	/** Index drawn from a cumulative weight table (last entry = total). */
	pickCumulative(cum) {
		const x = this.next() * cum[cum.length - 1];
		let lo = 0;
		let hi = cum.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cum[mid] > x) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	}

	/** Index drawn from plain weights (small arrays). */
	pickWeighted(weights) {
		let total = 0;
		for (const w of weights) total += w;
		let x = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			x -= weights[i];
			if (x < 0) return i;
		}
		return weights.length - 1;
	}
}

/** Cumulative sums of a weight array, as a Float64Array. */
export function cumulative(weights) {
	const cum = new Float64Array(weights.length);
	let s = 0;
	for (let i = 0; i < weights.length; i++) cum[i] = s += weights[i];
	return cum;
}
