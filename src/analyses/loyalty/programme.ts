/**
 * The loyalty rules as a notebook file, share link and autosave keep them (issue 21: "saved with
 * the notebook and share link"): the current rules and the what-if, rules only, never data. Read
 * back field by field: anything not a valid rule set is refused with the reason, and the notebook
 * opens without it (the section keeps its rules and says why).
 */
import { MAX_TIERS, rulesProblem, type LoyaltyRules, type Tier } from './settings';

export interface LoyaltyProgramme {
	rules: LoyaltyRules;
	whatIf: LoyaltyRules | null;
}

/** A tier name's length at most (a preset's key or what the user typed). */
export const TIER_NAME_CHARS = 40;

const isObject = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const numOrNull = (x: unknown): x is number | null => x === null || num(x);

/** The rules as plain JSON (exactly the fields read back). */
export function rulesJson(r: LoyaltyRules): LoyaltyRules {
	return {
		pointsPerUnit: r.pointsPerUnit,
		tiers: r.tiers.map((t) => ({ name: t.name, threshold: t.threshold, multiplier: t.multiplier })),
		expiryMonths: r.expiryMonths,
		redeemThreshold: r.redeemThreshold,
		pointValue: r.pointValue,
		signupBonus: r.signupBonus,
		redeemShare: r.redeemShare
	};
}

export function programmeJson(p: LoyaltyProgramme): LoyaltyProgramme {
	return { rules: rulesJson(p.rules), whatIf: p.whatIf ? rulesJson(p.whatIf) : null };
}

function readTier(raw: unknown, i: number): Tier | string {
	if (!isObject(raw)) return `tier ${i + 1} is not an object`;
	const { name, threshold, multiplier } = raw;
	if (typeof name !== 'string' || name.trim() === '' || name.length > TIER_NAME_CHARS)
		return `tier ${i + 1}: "name" must be text of 1 to ${TIER_NAME_CHARS} characters`;
	if (!numOrNull(threshold)) return `tier ${i + 1}: "threshold" must be a number or null`;
	if (!num(multiplier)) return `tier ${i + 1}: "multiplier" must be a number`;
	return { name, threshold, multiplier };
}

/** One rule set, or the reason it is refused. */
export function readRules(raw: unknown): LoyaltyRules | string {
	if (!isObject(raw)) return 'not an object';
	const {
		pointsPerUnit,
		tiers,
		expiryMonths,
		redeemThreshold,
		pointValue,
		signupBonus,
		redeemShare
	} = raw;
	if (!Array.isArray(tiers) || tiers.length < 1 || tiers.length > MAX_TIERS)
		return `"tiers" must be a list of 1 to ${MAX_TIERS} tiers`;
	const read: Tier[] = [];
	for (const [i, t] of tiers.entries()) {
		const tier = readTier(t, i);
		if (typeof tier === 'string') return tier;
		read.push(tier);
	}
	if (!num(pointsPerUnit) || !num(pointValue) || !num(signupBonus) || !num(redeemShare))
		return '"pointsPerUnit", "pointValue", "signupBonus" and "redeemShare" must be numbers';
	if (!numOrNull(expiryMonths) || !numOrNull(redeemThreshold))
		return '"expiryMonths" and "redeemThreshold" must be numbers or null';
	const rules: LoyaltyRules = {
		pointsPerUnit,
		tiers: read,
		expiryMonths,
		redeemThreshold,
		pointValue,
		signupBonus,
		redeemShare
	};
	const problem = rulesProblem(rules);
	return problem ? `invalid rules (${problem})` : rules;
}

/** A notebook's `loyalty` member: the programme, or null with the reason (null, null if absent). */
export function readProgramme(raw: unknown): {
	programme: LoyaltyProgramme | null;
	problem: string | null;
} {
	if (raw === undefined || raw === null) return { programme: null, problem: null };
	if (!isObject(raw)) return { programme: null, problem: 'not an object' };
	const rules = readRules(raw.rules);
	if (typeof rules === 'string') return { programme: null, problem: `rules: ${rules}` };
	if (raw.whatIf === null || raw.whatIf === undefined)
		return { programme: { rules, whatIf: null }, problem: null };
	const whatIf = readRules(raw.whatIf);
	if (typeof whatIf === 'string') return { programme: null, problem: `what-if: ${whatIf}` };
	return { programme: { rules, whatIf }, problem: null };
}
