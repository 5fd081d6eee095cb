/**
 * The loyalty simulation's numeric work (definitions in ./sql.ts), one plain function of plain
 * data for the page's Web Worker (compute.ts) and Node: each rule set's points from the members'
 * purchases, then the ledger's replay (ledger.ts). The purchases are read once for every rule set
 * (the current rules and the what-if), each with the spend of the 12 months before it as DuckDB's
 * window computed it (sql.ts `purchases`), so only the points — tier, multiplier, bonus, expiry —
 * are made here; the notebook's `loyalty_points` statement makes the same points in SQL (tests
 * compare them).
 */
import { parseEventLists, replay, type LedgerOutput } from './ledger';
import { expectCount, isPackedJson, unpackJson, type PackedJson } from '../packed';

/** One rule set as the job needs it (thresholds resolved). */
export interface RulesJob {
	pointsPerUnit: number;
	/** Thresholds of tiers 2..k (null or not finite: no one reaches the tier). */
	thresholds: (number | null)[];
	/** Multipliers of tiers 1..k. */
	multipliers: number[];
	signupBonus: number;
	/** Months until points expire; null: never. */
	expiryMonths: number | null;
	redeemAt: number;
	redeemShare: number;
	perCustomer: boolean;
}

export interface LoyaltyJobInput {
	/** Member ids, in the order of `purchases`; packed (../packed.ts) as the page hands them over. */
	ids: string[] | PackedJson;
	/**
	 * Per member: "seq:day:revenue:spend_before" per purchase, ';'-separated, in any order (seq:
	 * 1.. in purchase order; day: days since 1970-01-01; spend_before: the net revenue of the 12
	 * months before the purchase's day); in the order of `ids`, packed as the page hands them over.
	 */
	purchases: string[] | PackedJson;
	asOfDay: number;
	rules: RulesJob[];
}

/** The day `n` calendar months after `day` (days since 1970-01-01), the day of the month clamped
 * to the month's last as DuckDB's date + INTERVAL n MONTHS does (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToDay(day: number, n: number): number {
	const d = new Date(day * 86_400_000);
	const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
	const year = Math.floor(total / 12);
	const month = total - year * 12;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return Date.UTC(year, month, Math.min(d.getUTCDate(), last)) / 86_400_000;
}

/**
 * A purchase's points: floor(revenue × points per unit × its tier's multiplier), the product
 * rounded to 6 decimals first (as DuckDB's round(x, 6)), 0 for revenue ≤ 0.
 */
export function purchasePoints(revenue: number, spendBefore: number, r: RulesJob): number {
	if (!(revenue > 0)) return 0;
	let tier = 0;
	r.thresholds.forEach((t, i) => {
		if (t !== null && Number.isFinite(t) && spendBefore >= t) tier = i + 1;
	});
	const x = revenue * r.pointsPerUnit * r.multipliers[tier]!;
	return Math.floor(Math.round(x * 1e6) / 1e6);
}

/** The member ids and each member's purchase text, in the same order (packed values unpacked here). */
export function members(input: Pick<LoyaltyJobInput, 'ids' | 'purchases'>): {
	ids: string[];
	texts: string[];
} {
	const what = 'loyalty: the members and their purchases';
	const ids = isPackedJson(input.ids) ? unpackJson<string>(input.ids) : input.ids;
	const p = input.purchases;
	const texts = isPackedJson(p) ? unpackJson<string>(p) : p;
	return { ids, texts: expectCount(texts, ids.length, what) };
}

/**
 * The member ids and their purchases read (parseEventLists: the same 'seq:a:b:c' form as the
 * ledger's events, here [seq, day, revenue, spend_before]); the texts are not kept.
 */
function readMembers(input: LoyaltyJobInput) {
	const { ids, texts } = members(input);
	return { ids, ...parseEventLists(texts) };
}

/** Each rule set's ledger, in the order of `input.rules`. */
export function runLoyaltyJob(input: LoyaltyJobInput): LedgerOutput[] {
	const { ids, values: ps, at } = readMembers(input);
	// One events array for every member: replay reads a member's events before asking for the next.
	const events: number[] = [];
	return input.rules.map((r) => {
		// A file has a few thousand distinct days: each day's expiry once, not once per purchase.
		const expiries = new Map<number, number>();
		const expiryOf = (day: number): number => {
			if (r.expiryMonths === null) return -1;
			let e = expiries.get(day);
			if (e === undefined) {
				e = addMonthsToDay(day, r.expiryMonths);
				expiries.set(day, e);
			}
			return e;
		};
		return replay(
			{
				ids,
				redeemAt: r.redeemAt,
				redeemShare: r.redeemShare,
				asOfDay: input.asOfDay,
				perCustomer: r.perCustomer
			},
			(c) => {
				events.length = 0;
				for (let j = at[c]!; j < at[c + 1]!; j += 4) {
					const seq = ps[j]!;
					const day = ps[j + 1]!;
					const points =
						purchasePoints(ps[j + 2]!, ps[j + 3]!, r) + (seq === 1 ? r.signupBonus : 0);
					events.push(seq, day, points, expiryOf(day));
				}
				return events;
			}
		);
	});
}
