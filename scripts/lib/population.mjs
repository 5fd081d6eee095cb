// Who the customers are: when each is acquired (first order), their latent segment, habits and
// BG/NBD parameters, their signup date and id; plus prospects who signed up but never ordered.
// Struct-of-arrays so a million customers stay small in memory.

import { Rng, cumulative } from './rng.mjs';
import { SEGMENTS, SALE_SEGMENT_SHARE, CATEGORIES, STORE } from './catalog.mjs';

export const PROSPECT_SHARE = 0.12;

/**
 * @param {{ seed: number, customers: number, cal: ReturnType<typeof import('./calendar.mjs').buildCalendar> }} opts
 * customers is the expected number of ordering customers (the realised count is Poisson-noisy).
 */
export function buildPopulation({ seed, customers, cal }) {
	const acq = new Rng(seed, 'acquisition');
	let total = 0;
	for (const w of cal.acquisition) total += w;
	const times = [];
	for (let d = 0; d < cal.days; d++) {
		const k = acq.poisson((customers * cal.acquisition[d]) / total);
		const day = [];
		for (let j = 0; j < k; j++) day.push(d + acq.next());
		day.sort((a, b) => a - b);
		for (const t of day) times.push(t);
	}
	const n = times.length;
	const firstTime = Float64Array.from(times);
	const segment = new Uint8Array(n);
	const region = new Uint8Array(n);
	const home = new Uint8Array(n);
	const favourite = new Uint8Array(n);
	const rate = new Float64Array(n);
	const dropout = new Float64Array(n);
	const signup = new Float64Array(n);
	const traits = new Rng(seed, 'traits');
	const sign = new Rng(seed, 'signup');
	const shares = SEGMENTS.map((s) => s.share);
	for (let i = 0; i < n; i++) {
		const onSale = cal.sale[Math.floor(firstTime[i])] !== '';
		const s = traits.pickWeighted(onSale ? SALE_SEGMENT_SHARE : shares);
		const seg = SEGMENTS[s];
		segment[i] = s;
		region[i] = traits.pickWeighted(seg.region);
		home[i] = traits.pickWeighted(seg.channel);
		favourite[i] = traits.int(CATEGORIES.length);
		rate[i] = traits.gamma(seg.rate.shape, seg.rate.mean / seg.rate.shape) / 100;
		dropout[i] = traits.beta(seg.dropout.a, seg.dropout.b);
		// Store shoppers get a loyalty card at the till; online shoppers often registered earlier.
		const sameDay = home[i] === STORE ? 0.85 : 0.55;
		const before = sign.chance(sameDay) ? sign.next() * 0.02 : sign.exponential(40);
		signup[i] = Math.max(0, firstTime[i] - before);
	}
	const prospects = Math.round(n * PROSPECT_SHARE);
	const pr = new Rng(seed, 'prospects');
	const acqCum = cumulative(cal.acquisition);
	const prospectSignup = new Float64Array(prospects);
	const prospectSegment = new Uint8Array(prospects);
	const prospectRegion = new Uint8Array(prospects);
	for (let j = 0; j < prospects; j++) {
		prospectSignup[j] = pr.pickCumulative(acqCum) + pr.next();
		prospectSegment[j] = pr.pickWeighted(shares);
		prospectRegion[j] = pr.pickWeighted(SEGMENTS[prospectSegment[j]].region);
	}
	// Ids are handed out in signup order, as a shop system would, so they interleave prospects.
	const all = n + prospects;
	const signupOf = (k) => (k < n ? signup[k] : prospectSignup[k - n]);
	const order = new Uint32Array(all);
	for (let k = 0; k < all; k++) order[k] = k;
	order.sort((a, b) => signupOf(a) - signupOf(b) || a - b);
	const id = new Uint32Array(all);
	for (let r = 0; r < all; r++) id[order[r]] = r + 1;
	const idWidth = Math.max(5, String(all).length);
	const customerId = (k) => 'C' + String(id[k]).padStart(idWidth, '0');
	return {
		n,
		prospects,
		firstTime,
		segment,
		region,
		home,
		favourite,
		rate,
		dropout,
		signup,
		prospectSignup,
		prospectSegment,
		prospectRegion,
		order,
		customerId
	};
}
