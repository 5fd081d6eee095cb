// customers.csv: every ordering customer plus the prospects, in customer_id order, with a few
// blank attributes as real CRM exports have, and the membership programme's columns (tier and
// points balance, from each customer's spend in the order log) at the end of each row.

import { Rng } from './rng.mjs';
import { REGIONS } from './catalog.mjs';

export const CUSTOMERS_HEADER =
	'customer_id,gender,birth_year,region,signup_date,membership_tier,points_balance';
/** Membership tiers by net spend over the whole history (lowest first): [name, from spend]. */
export const TIERS = [
	['Member', 0],
	['Silver', 300],
	['Gold', 1000]
];

/** Net spend (quantity × unit price, cancellations included) per customer id of an order log. */
export function spendByCustomer(ordersCsv) {
	const spend = new Map();
	for (const line of ordersCsv.split('\n').slice(1)) {
		const f = line.split(',');
		if (f.length !== 9 || !f[2]) continue;
		const v = Number(f[5]) * Number(f[6]);
		if (Number.isFinite(v)) spend.set(f[2], (spend.get(f[2]) ?? 0) + v);
	}
	return spend;
}

/** Tier and points balance: one point per unit spent, part of it redeemed (a separate stream). */
function membership(rng, spend) {
	let tier = TIERS[0][0];
	for (const [name, from] of TIERS) if (spend >= from) tier = name;
	const redeemed = spend > 0 ? 0.7 * rng.next() : 0;
	return `${tier},${Math.max(0, Math.floor(spend * (1 - redeemed)))}`;
}
/** Typical age by segment (deal, mainstream, premium): [mean, sd] in the last year of data. */
const AGE = [
	[34, 11],
	[41, 13],
	[48, 12]
];

export function customersCsv(seed, pop, cal, spend = new Map()) {
	const rng = new Rng(seed, 'attributes');
	const member = new Rng(seed, 'membership');
	const lastYear = cal.year[cal.days - 1];
	const rows = [];
	for (const k of pop.order) {
		const isProspect = k >= pop.n;
		const j = k - pop.n;
		const segment = isProspect ? pop.prospectSegment[j] : pop.segment[k];
		const u = rng.next();
		const gender = u < 0.54 ? 'F' : u < 0.95 ? 'M' : '';
		const [mean, sd] = AGE[segment];
		const age = Math.min(85, Math.max(18, Math.round(mean + sd * rng.normal())));
		const birthYear = rng.chance(0.03) ? '' : String(lastYear - age);
		const regionIdx = isProspect ? pop.prospectRegion[j] : pop.region[k];
		const region = rng.chance(0.01) ? '' : REGIONS[regionIdx];
		const signup = cal.dayStr[Math.floor(isProspect ? pop.prospectSignup[j] : pop.signup[k])];
		const id = pop.customerId(k);
		const tier = membership(member, spend.get(id) ?? 0);
		rows.push(`${id},${gender},${birthYear},${region},${signup},${tier}`);
	}
	return CUSTOMERS_HEADER + '\n' + rows.join('\n') + '\n';
}
