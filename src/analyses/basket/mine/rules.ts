// Association rules from frequent itemsets, as arules' apriori makes them (src/istree.c,
// ist_rule, v1.7.13): every frequent itemset of length ≥ 2 gives one candidate rule per item,
// that item alone on the right-hand side and the rest on the left; a frequent 1-itemset gives
// {} ⇒ {item}, whose "left-hand side" is every basket (count N), so its confidence is the
// item's support and it appears only when that support reaches the minimum confidence. A rule's
// length is |lhs| + 1, the size of the itemset; minlen/maxlen bound it. The confidence test is
// arules' own: rejected when c < nextafter(minConf, 0) − 1e-12, so round-off never drops a rule
// sitting exactly on the threshold. Every subset of a frequent itemset is frequent, so each
// left-hand side's count is among the mined itemsets.
//
// Measures follow arules: lift = c × N / count(rhs) (the C code's formula), coverage =
// support(lhs), leverage and conviction as interestMeasure() writes them from the counts
// (n11/n − n1x·nx1/n², n1x·nx0/(n·n10)); conviction is Infinity when the confidence is 1 (R: Inf)
// and NaN in the degenerate case where rhs is in every basket as well (R: NaN).
import { DEFAULT_MAX_LEN, meetsConfidence } from './thresholds';
import type { Itemset, MinedItemsets, Rule, RuleOptions } from './types';

/** A map key for an itemset given in ascending id order. */
const keyOf = (items: readonly number[]): string => items.join(',');

/** The measures of lhs ⇒ {rhs} from the three counts and N. */
export function ruleMeasures(
	count: number,
	lhsCount: number,
	rhsCount: number,
	n: number
): Omit<Rule, 'lhs' | 'rhs' | 'count'> {
	const confidence = count / lhsCount;
	return {
		support: count / n,
		confidence,
		lift: (confidence * n) / rhsCount,
		coverage: lhsCount / n,
		leverage: count / n - (lhsCount * rhsCount) / (n * n),
		conviction: (lhsCount * (n - rhsCount)) / (n * (lhsCount - count))
	};
}

/**
 * The rules of the mined itemsets with confidence ≥ minConfidence and length (|lhs| + 1) in
 * minLen..maxLen, in the order of the itemsets, then of the right-hand side. Needs itemsets mined
 * up to at least maxLen (shorter maxLen at mining caps the rules too).
 */
export function generateRules(mined: MinedItemsets, options: RuleOptions): Rule[] {
	const minLen = options.minLen ?? 1;
	const maxLen = Math.min(options.maxLen ?? DEFAULT_MAX_LEN, mined.maxLen);
	const { n, itemCounts } = mined;
	const counts = new Map<string, number>();
	for (const set of mined.itemsets) {
		if (set.items.length >= 2 && set.items.length < maxLen) counts.set(keyOf(set.items), set.count);
	}
	const countOf = (items: readonly number[]): number => {
		if (items.length === 1) return itemCounts[items[0]!]!;
		const c = counts.get(keyOf(items));
		if (c === undefined) throw new Error(`left-hand side {${keyOf(items)}} was not mined`);
		return c;
	};
	const rules: Rule[] = [];
	for (const { items, count } of mined.itemsets) {
		const len = items.length;
		if (len < minLen || len > maxLen) continue;
		if (len === 1) {
			const rhs = items[0]!;
			const measures = ruleMeasures(count, n, itemCounts[rhs]!, n);
			if (meetsConfidence(measures.confidence, options.minConfidence)) {
				rules.push({ lhs: [], rhs, count, ...measures });
			}
			continue;
		}
		for (let k = 0; k < len; k++) {
			const lhs = items.filter((_, i) => i !== k);
			const lhsCount = countOf(lhs);
			if (!meetsConfidence(count / lhsCount, options.minConfidence)) continue;
			const rhs = items[k]!;
			rules.push({ lhs, rhs, count, ...ruleMeasures(count, lhsCount, itemCounts[rhs]!, n) });
		}
	}
	return rules;
}

/** The number of rules per length |lhs| + 1, e.g. { 3: 29, 4: 229 }. */
export function rulesByLength(rules: readonly Rule[]): Record<number, number> {
	const out: Record<number, number> = {};
	for (const r of rules) out[r.lhs.length + 1] = (out[r.lhs.length + 1] ?? 0) + 1;
	return out;
}

/**
 * The frequent itemsets with minLen..maxLen items: what arules' apriori returns for
 * target = "frequent itemsets" with those minlen/maxlen (the miner keeps all lengths from 1, as
 * rules need their left-hand sides' counts).
 */
export function itemsetsOfLength(
	mined: MinedItemsets,
	minLen = 1,
	maxLen = mined.maxLen
): Itemset[] {
	return mined.itemsets.filter((s) => s.items.length >= minLen && s.items.length <= maxLen);
}
