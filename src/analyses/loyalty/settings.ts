// Settings of the loyalty programme simulation (definitions in ./sql.ts): the programme's rules,
// the what-if rules beside them, and the two presets.

/** One membership tier. The first tier has no threshold: every member is in it at least. */
export interface Tier {
	/**
	 * Its name as shown: a preset's tier has a message key's last part ('member', 'silver',
	 * 'gold', shown translated by messages.ts `tier.<name>`); a name the user types is shown as is.
	 */
	name: string;
	/**
	 * Trailing-12-month spend from which a member is in this tier (currency units, ≥); null: from
	 * the data (sql.ts autoThreshold). Ignored for the first tier (0).
	 */
	threshold: number | null;
	/** Points multiplier on purchases made in this tier. */
	multiplier: number;
}

export interface LoyaltyRules {
	/** Points per currency unit of a purchase's net revenue (before the tier's multiplier). */
	pointsPerUnit: number;
	/** Tiers from the lowest; thresholds increasing. One tier is a plain points scheme. */
	tiers: Tier[];
	/** Points expire this many months after they were earned; null: never. */
	expiryMonths: number | null;
	/** Points a redemption takes at least (redemptions are in whole multiples); null: from the data. */
	redeemThreshold: number | null;
	/** Value of one point when redeemed (currency units). */
	pointValue: number;
	/** Points given at the first purchase (joining). */
	signupBonus: number;
	/** Share (0–1) of members assumed to redeem whenever they can; the others never redeem. */
	redeemShare: number;
}

export interface LoyaltySettings {
	/** The programme's rules. */
	rules: LoyaltyRules;
	/** Other rules simulated beside them (the what-if); null: none. */
	whatIf: LoyaltyRules | null;
}

/** A tiered membership: three tiers on trailing-12-month spend, thresholds from the data. */
export const TIERED_RULES: LoyaltyRules = {
	pointsPerUnit: 1,
	tiers: [
		{ name: 'member', threshold: null, multiplier: 1 },
		{ name: 'silver', threshold: null, multiplier: 1.25 },
		{ name: 'gold', threshold: null, multiplier: 1.5 }
	],
	expiryMonths: 24,
	redeemThreshold: null,
	pointValue: 0.01,
	signupBonus: 0,
	redeemShare: 0.5
};

/** A simple points scheme: one tier, points expire after a year. */
export const SIMPLE_RULES: LoyaltyRules = {
	pointsPerUnit: 1,
	tiers: [{ name: 'member', threshold: null, multiplier: 1 }],
	expiryMonths: 12,
	redeemThreshold: null,
	pointValue: 0.01,
	signupBonus: 0,
	redeemShare: 0.5
};

export const PRESETS = { tiered: TIERED_RULES, simple: SIMPLE_RULES } as const;
export type PresetId = keyof typeof PRESETS;

/** The default what-if: the tiered membership with richer multipliers in the upper tiers. */
export const DEFAULT_WHAT_IF: LoyaltyRules = {
	...TIERED_RULES,
	tiers: [
		{ name: 'member', threshold: null, multiplier: 1 },
		{ name: 'silver', threshold: null, multiplier: 1.5 },
		{ name: 'gold', threshold: null, multiplier: 2 }
	]
};

export const defaultLoyaltySettings: LoyaltySettings = {
	rules: TIERED_RULES,
	whatIf: DEFAULT_WHAT_IF
};

/** At most this many tiers (the section's editor and the charts' colours). */
export const MAX_TIERS = 5;

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * What is wrong with `r`, as a message key's last part (messages.ts `problem.<key>`), or null.
 * The section sends only rules without a problem; sql.ts throws on the others.
 */
export function rulesProblem(r: LoyaltyRules): string | null {
	if (!finite(r.pointsPerUnit) || r.pointsPerUnit < 0) return 'points-per-unit';
	if (!Array.isArray(r.tiers) || r.tiers.length < 1 || r.tiers.length > MAX_TIERS) return 'tiers';
	let last = 0;
	for (const [i, t] of r.tiers.entries()) {
		if (typeof t.name !== 'string' || t.name.trim() === '') return 'tier-name';
		if (!finite(t.multiplier) || t.multiplier < 0) return 'multiplier';
		if (i === 0 || t.threshold === null) continue;
		if (!finite(t.threshold) || t.threshold <= last) return 'threshold-order';
		last = t.threshold;
	}
	if (r.expiryMonths !== null && !(Number.isInteger(r.expiryMonths) && r.expiryMonths >= 1)) {
		return 'expiry';
	}
	if (r.redeemThreshold !== null && !(finite(r.redeemThreshold) && r.redeemThreshold >= 1)) {
		return 'redeem-threshold';
	}
	if (!finite(r.pointValue) || r.pointValue < 0) return 'point-value';
	if (!Number.isInteger(r.signupBonus) || r.signupBonus < 0) return 'signup-bonus';
	if (!finite(r.redeemShare) || r.redeemShare < 0 || r.redeemShare > 1) return 'redeem-share';
	return null;
}

/** Throws on rules the SQL cannot honour. */
export function checkRules(r: LoyaltyRules): void {
	const problem = rulesProblem(r);
	if (problem) throw new Error(`loyalty: invalid rules (${problem})`);
}
