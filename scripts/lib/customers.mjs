// customers.csv: every ordering customer plus the prospects, in customer_id order, with a few
// blank attributes as real CRM exports have.

import { Rng } from './rng.mjs';
import { REGIONS } from './catalog.mjs';

export const CUSTOMERS_HEADER = 'customer_id,gender,birth_year,region,signup_date';
/** Typical age by segment (deal, mainstream, premium): [mean, sd] in the last year of data. */
const AGE = [
	[34, 11],
	[41, 13],
	[48, 12]
];

export function customersCsv(seed, pop, cal) {
	const rng = new Rng(seed, 'attributes');
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
		rows.push(`${pop.customerId(k)},${gender},${birthYear},${region},${signup}`);
	}
	return CUSTOMERS_HEADER + '\n' + rows.join('\n') + '\n';
}
