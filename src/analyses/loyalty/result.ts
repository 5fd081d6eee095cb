// The loyalty simulation's result, shaped from its statements' rows and the ledger (sql.ts).
import type { LedgerOutput, LedgerTotals } from './ledger';
import type { LoyaltyRules } from './settings';

export interface TierRow {
	/** Tier index, 1 = the first tier. */
	tier: number;
	members: number;
	purchases: number;
	revenue: number;
	aov: number | null;
	revenue_share: number | null;
	spend_12m: number;
}

/** One rule set's rows as simulate() read them. */
export interface RulesRows {
	rules: LoyaltyRules;
	/** Resolved thresholds per tier (0 for the first; null: no member reaches it). */
	thresholds: (number | null)[];
	redeemAt: number;
	/** The members' net revenue in scope. */
	revenue: number;
	tiers: TierRow[];
	ledger: LedgerOutput;
	ids: string[] | null;
}

/** One rule set's figures (the current rules, or the what-if beside them). */
export interface RulesSummary {
	rules: LoyaltyRules;
	thresholds: (number | null)[];
	redeemAt: number;
	revenue: number;
	/** Every tier, in order, members 0 where none. */
	tiers: TierRow[];
	totals: LedgerTotals;
	/** Outstanding points × point value. */
	liability: number;
	/** Value of the points redeemed. */
	redeemedValue: number;
	/** Expired ÷ issued (null without points). */
	breakage: number | null;
	/** (Redeemed + outstanding) × point value ÷ revenue (null without revenue). */
	costShare: number | null;
	/** Members whose ledger does not balance (0: the invariant holds). */
	violations: number;
}

export interface MonthRow {
	/** 'YYYY-MM'. */
	month: string;
	issued: number;
	redeemed: number;
	expired: number;
	/** Points outstanding at the month's end. */
	outstanding: number;
}

export interface LoyaltyCustomerRow {
	customer_id: string;
	tier_now: string;
	tier_before: string | null;
	spend_12m: number;
	points_issued: number;
	points_redeemed: number;
	points_expired: number;
	points_outstanding: number;
	liability: number;
}

export interface LoyaltyResult {
	/** 'no-members': no purchase in scope. */
	status: 'ok' | 'no-members';
	current: RulesSummary;
	whatIf: RulesSummary | null;
	/** The points ledger per month, from the first purchase's month to the last month with any. */
	months: MonthRow[];
	/** Members per tier (index) at each date ('YYYY-MM-DD'). */
	monthly: { date: string; tier: number; members: number }[];
	/** Tier 12 months ago (0: not yet a member) × tier now. */
	migration: { tier_from: number; tier_to: number; members: number }[];
	/** The customers file's tier column × the simulated tier now; null without such a column. */
	real: { column: string; rows: { real_tier: string; tier: number; members: number }[] } | null;
	/** Per member (the export); null when run without the customer lists. */
	customers: LoyaltyCustomerRow[] | null;
}

const monthText = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

export function summarise(r: RulesRows): RulesSummary {
	const byTier = new Map(r.tiers.map((t) => [t.tier, t]));
	const tiers = r.rules.tiers.map(
		(_, i): TierRow =>
			byTier.get(i + 1) ?? {
				tier: i + 1,
				members: 0,
				purchases: 0,
				revenue: 0,
				aov: null,
				revenue_share: null,
				spend_12m: 0
			}
	);
	const t = r.ledger.totals;
	const value = r.rules.pointValue;
	return {
		rules: r.rules,
		thresholds: r.thresholds,
		redeemAt: r.redeemAt,
		revenue: r.revenue,
		tiers,
		totals: t,
		liability: t.outstanding * value,
		redeemedValue: t.redeemed * value,
		breakage: t.issued > 0 ? t.expired / t.issued : null,
		costShare: r.revenue > 0 ? ((t.redeemed + t.outstanding) * value) / r.revenue : null,
		violations: r.ledger.violations
	};
}

/** The ledger's months, every month from the first to the last, with the outstanding balance. */
export function ledgerMonths(ledger: LedgerOutput): MonthRow[] {
	const rows: MonthRow[] = [];
	const ms = ledger.months;
	if (ms.length === 0) return rows;
	let balance = 0;
	let j = 0;
	for (let m = ms[0]!.month; m <= ms[ms.length - 1]!.month; m++) {
		const got = ms[j]?.month === m ? ms[j++]! : null;
		const issued = got?.issued ?? 0;
		const redeemed = got?.redeemed ?? 0;
		const expired = got?.expired ?? 0;
		balance += issued - redeemed - expired;
		rows.push({ month: monthText(m), issued, redeemed, expired, outstanding: balance });
	}
	return rows;
}

export function shapeLoyalty(parts: {
	current: RulesRows;
	whatIf: RulesRows | null;
	migration: LoyaltyResult['migration'];
	monthly: LoyaltyResult['monthly'];
	real: { real_tier: string; tier: number; members: number }[] | null;
	realColumn: string | null;
	customers:
		| { customer_id: string; tier_now: string; tier_before: string | null; spend_12m: number }[]
		| null;
}): LoyaltyResult {
	const current = summarise(parts.current);
	const members = current.tiers.reduce((n, t) => n + t.members, 0);
	let customers: LoyaltyCustomerRow[] | null = null;
	const per = parts.current.ledger.customers;
	if (parts.customers && per && parts.current.ids) {
		const index = new Map(parts.current.ids.map((id, i) => [id, i]));
		const value = parts.current.rules.pointValue;
		customers = parts.customers.map((c) => {
			const i = index.get(c.customer_id);
			const at = (xs: number[]) => (i === undefined ? 0 : xs[i]!);
			return {
				...c,
				points_issued: at(per.issued),
				points_redeemed: at(per.redeemed),
				points_expired: at(per.expired),
				points_outstanding: at(per.outstanding),
				liability: at(per.outstanding) * value
			};
		});
	}
	return {
		status: members === 0 ? 'no-members' : 'ok',
		current,
		whatIf: parts.whatIf ? summarise(parts.whatIf) : null,
		months: ledgerMonths(parts.current.ledger),
		monthly: parts.monthly,
		migration: parts.migration,
		real: parts.real && parts.realColumn ? { column: parts.realColumn, rows: parts.real } : null,
		customers
	};
}
