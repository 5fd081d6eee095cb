/**
 * RFM segment maps (DESIGN.md §4). A map is an ordered list of rules on the R, F and M scores
 * (inclusive ranges, first match wins); customers matching no rule fall into `others`.
 *
 * - 'rf-grid' (default): DESIGN.md's 5×5 recency × frequency table. Every segment happens to be a
 *   rectangle of the grid, so it is written as rules too; the rules partition the grid (each R×F cell
 *   in exactly one rule, tested), so `others` never occurs and M does not decide the segment.
 * - 'rfm-package': the ordered rule table of the R package rfm 0.3.0's vignette, as listed in
 *   shared/datasets/rfm_data_orders/SOURCE.md. Its rules overlap and first match wins; it is used
 *   with the package's own binning (see rfm.ts).
 *
 * Segment names are stable keys; the UI translates them.
 */

export type RfmSegmentMap = 'rf-grid' | 'rfm-package';

/** Segments of the R×F grid, in display order (best first). */
export const RF_GRID_SEGMENTS = [
	'champions',
	'loyal_customers',
	'potential_loyalists',
	'new_customers',
	'promising',
	'need_attention',
	'about_to_sleep',
	'cant_lose_them',
	'at_risk',
	'hibernating'
] as const;

/** Segments of the rfm package preset, in rule order, then `others`. */
export const RFM_PACKAGE_SEGMENTS = [
	'champions',
	'potential_loyalists',
	'loyal_customers',
	'promising',
	'new_customers',
	'cant_lose_them',
	'at_risk',
	'need_attention',
	'about_to_sleep',
	'lost',
	'others'
] as const;

export type RfGridSegment = (typeof RF_GRID_SEGMENTS)[number];
export type RfmPackageSegment = (typeof RFM_PACKAGE_SEGMENTS)[number];
export type RfmSegment = RfGridSegment | RfmPackageSegment;

/** One rule: inclusive score ranges [low, high] for R, F and M. */
export interface RfmRule {
	segment: RfmSegment;
	r: readonly [number, number];
	f: readonly [number, number];
	m: readonly [number, number];
}

const ANY = [1, 5] as const;

/** DESIGN.md's R×F table as rules (each segment is a rectangle of the grid). */
export const RF_GRID_RULES: readonly RfmRule[] = [
	{ segment: 'champions', r: [5, 5], f: [4, 5], m: ANY },
	{ segment: 'loyal_customers', r: [3, 4], f: [4, 5], m: ANY },
	{ segment: 'potential_loyalists', r: [4, 5], f: [2, 3], m: ANY },
	{ segment: 'new_customers', r: [5, 5], f: [1, 1], m: ANY },
	{ segment: 'promising', r: [4, 4], f: [1, 1], m: ANY },
	{ segment: 'need_attention', r: [3, 3], f: [3, 3], m: ANY },
	{ segment: 'about_to_sleep', r: [3, 3], f: [1, 2], m: ANY },
	{ segment: 'cant_lose_them', r: [1, 2], f: [5, 5], m: ANY },
	{ segment: 'at_risk', r: [1, 2], f: [3, 4], m: ANY },
	{ segment: 'hibernating', r: [1, 2], f: [1, 2], m: ANY }
];

/** rfm 0.3.0 vignette rules (SOURCE.md), first match wins, otherwise `others`. */
export const RFM_PACKAGE_RULES: readonly RfmRule[] = [
	{ segment: 'champions', r: [5, 5], f: [5, 5], m: [5, 5] },
	{ segment: 'potential_loyalists', r: [3, 5], f: [3, 5], m: [2, 5] },
	{ segment: 'loyal_customers', r: [2, 4], f: [2, 4], m: [2, 4] },
	{ segment: 'promising', r: [3, 4], f: [1, 3], m: [3, 5] },
	{ segment: 'new_customers', r: [4, 5], f: [1, 3], m: [1, 5] },
	{ segment: 'cant_lose_them', r: [1, 2], f: [3, 4], m: [4, 5] },
	{ segment: 'at_risk', r: [1, 2], f: [2, 5], m: [4, 5] },
	{ segment: 'need_attention', r: [1, 3], f: [3, 5], m: [3, 5] },
	{ segment: 'about_to_sleep', r: [2, 3], f: [1, 3], m: [1, 4] },
	{ segment: 'lost', r: [1, 1], f: [1, 5], m: [1, 5] }
];

/** The rules of a map, in evaluation order. */
export function segmentRules(map: RfmSegmentMap): readonly RfmRule[] {
	return map === 'rf-grid' ? RF_GRID_RULES : RFM_PACKAGE_RULES;
}

/** The segment keys of a map, in display order (the segment summary's row order). */
export function segmentKeys(map: RfmSegmentMap): readonly RfmSegment[] {
	return map === 'rf-grid' ? RF_GRID_SEGMENTS : RFM_PACKAGE_SEGMENTS;
}

/** The segment of one customer's scores under a map (first matching rule, else `others`). */
export function segmentOf(map: RfmSegmentMap, r: number, f: number, m: number): RfmSegment {
	const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;
	const rule = segmentRules(map).find((x) => within(r, x.r) && within(f, x.f) && within(m, x.m));
	return rule ? rule.segment : 'others';
}
