// What to show from the rules: a product's companions ("bought together") and the next products
// for a customer. Orders are total and deterministic, so a table, a test and a campaign file
// agree on the same rows whatever order the rules came in.
import type { Rule } from './types';

/** Higher first, then the next key; NaN counts as lowest. */
const desc = (a: number, b: number): number =>
	Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : b - a || 0;

/** Shorter left-hand side first, then by item ids: the tie-break of last resort. */
function byLhs(a: Rule, b: Rule): number {
	if (a.lhs.length !== b.lhs.length) return a.lhs.length - b.lhs.length;
	for (let i = 0; i < a.lhs.length; i++) if (a.lhs[i] !== b.lhs[i]) return a.lhs[i]! - b.lhs[i]!;
	return a.rhs - b.rhs;
}

export interface CompanionOptions {
	/** Rank by lift (default) or confidence; the other one, then support, break ties. */
	by?: 'lift' | 'confidence';
	/** At most this many (default 10). */
	limit?: number;
}

/**
 * The companions of `item`: the rules {item} ⇒ {other}, best first by lift (or confidence), ties
 * by the other measure, then support, then item id. Only rules with exactly that item on the left
 * ("people who buy X also buy Y"); longer left-hand sides answer a different question.
 */
export function companions(
	rules: readonly Rule[],
	item: number,
	options: CompanionOptions = {}
): Rule[] {
	const by = options.by ?? 'lift';
	const other = by === 'lift' ? 'confidence' : 'lift';
	return rules
		.filter((r) => r.lhs.length === 1 && r.lhs[0] === item)
		.sort(
			(a, b) =>
				desc(a[by], b[by]) ||
				desc(a[other], b[other]) ||
				desc(a.support, b.support) ||
				a.rhs - b.rhs
		)
		.slice(0, options.limit ?? 10);
}

/** The rules grouped by the smallest id of their left-hand side, to find a basket's rules fast. */
export interface RuleIndex {
	byFirst: Map<number, Rule[]>;
	/** Rules {} ⇒ {item}: they hold for everyone. */
	emptyLhs: Rule[];
}

export function indexRules(rules: readonly Rule[]): RuleIndex {
	const byFirst = new Map<number, Rule[]>();
	const emptyLhs: Rule[] = [];
	for (const r of rules) {
		if (r.lhs.length === 0) {
			emptyLhs.push(r);
			continue;
		}
		const first = r.lhs[0]!;
		const list = byFirst.get(first);
		if (list) list.push(r);
		else byFirst.set(first, [r]);
	}
	return { byFirst, emptyLhs };
}

/** One recommended item, its score and the rule that gave it. */
export interface Recommendation {
	item: number;
	/** confidence × lift of `rule` */
	score: number;
	rule: Rule;
}

export interface RecommendOptions {
	/** How many items (default 3). */
	limit?: number;
	/**
	 * Also score from rules {} ⇒ {item} (default false): they say only that the item is popular,
	 * not that this customer's purchases point to it, so a campaign leaves them out by default.
	 */
	includeEmptyLhs?: boolean;
}

/** Better recommendation first: score, support, confidence, then shorter/smaller lhs, then id. */
function compare(a: Recommendation, b: Recommendation): number {
	return (
		desc(a.score, b.score) ||
		desc(a.rule.support, b.rule.support) ||
		desc(a.rule.confidence, b.rule.confidence) ||
		byLhs(a.rule, b.rule)
	);
}

/**
 * The top items for a customer who bought `bought`: among the rules whose left-hand side they
 * bought entirely and whose right-hand side they have not, each item is scored by its best rule
 * (highest confidence × lift, ties by support, then confidence); the `limit` best items, each
 * with the rule that produced it. Empty when no rule applies.
 */
export function recommend(
	index: RuleIndex,
	bought: Iterable<number>,
	options: RecommendOptions = {}
): Recommendation[] {
	const have = new Set(bought);
	const best = new Map<number, Recommendation>();
	const consider = (rule: Rule) => {
		if (have.has(rule.rhs)) return;
		for (const item of rule.lhs) if (!have.has(item)) return;
		const candidate = { item: rule.rhs, score: rule.confidence * rule.lift, rule };
		const current = best.get(rule.rhs);
		if (!current || compare(candidate, current) < 0) best.set(rule.rhs, candidate);
	};
	for (const item of have) for (const rule of index.byFirst.get(item) ?? []) consider(rule);
	if (options.includeEmptyLhs) for (const rule of index.emptyLhs) consider(rule);
	return [...best.values()].sort(compare).slice(0, options.limit ?? 3);
}
