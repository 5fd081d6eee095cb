// arules' thresholds (src/rapriori.c, src/reclat.c, src/istree.c; arules 1.7.13). The relative
// support is first moved one ulp toward 0 (`nextafter(supp, 0.0)`, "make sure supp and conf
// rounding does not mess up >="), then the minimum count is `(int)ceil(tacnt * supp)`. So 0.001
// of 9,835 baskets needs 10, and 0.07 of 100 needs 7 (not 8, which a plain ceil of
// 7.000000000000001 gives). arules' verbose printout shows `(int)(supp * N)` (9 for Groceries):
// not the threshold. The confidence gets the same nextafter, and ist_rule() drops a rule only
// when c < conf − 1e-12 (EPSILON, "to cope with roundoff errors").

export const DEFAULT_MAX_LEN = 10;
export const DEFAULT_MAX_ITEMSETS = 1_000_000;

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The largest double below a positive x (C's nextafter(x, 0.0)); 0 stays 0. */
function nextDown(x: number): number {
	if (x <= 0) return x;
	f64[0] = x;
	i64[0] = i64[0]! - 1n;
	return f64[0];
}

/**
 * The minimum count of a frequent itemset among n baskets, as arules computes it:
 * ceil(n × nextafter(minSupport, 0)), and at least 1 (an itemset in no basket is never reported).
 */
export function minimumCount(minSupport: number, n: number): number {
	if (!(minSupport > 0 && minSupport <= 1)) {
		throw new RangeError(`minimum support must be in (0, 1], got ${minSupport}`);
	}
	return Math.max(1, Math.ceil(n * nextDown(minSupport)));
}

/** arules' confidence test (src/istree.c ist_rule): kept unless c < nextafter(conf, 0) − 1e-12. */
export function meetsConfidence(confidence: number, minConfidence: number): boolean {
	return !(confidence < nextDown(minConfidence) - 1e-12);
}
