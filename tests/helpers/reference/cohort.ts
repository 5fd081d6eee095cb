/**
 * Plain-TypeScript reference of the cohort-retention definitions (DESIGN.md §4 and the header of
 * src/analyses/cohort/sql.ts), written from the definitions, not from the SQL.
 */
import type { Scope } from '../../../src/core/scope';
import type {
	CohortAverageRow,
	CohortResult,
	CohortRow,
	CohortSettings,
	FirstCohortCheck
} from '../../../src/analyses/cohort/sql';
import {
	cmp,
	fromDay,
	labelOf,
	scopedCustomers,
	scopedOrders,
	toDay,
	type Dataset
} from '../random-dataset';

const ROLLING = { week: 7, month: 30, quarter: 91 } as const;

/** Consecutive integer index of the calendar period containing a day number. */
function periodIndex(period: CohortSettings['period'], day: number): number {
	const d = new Date(day * 86_400_000);
	if (period === 'month') return d.getUTCFullYear() * 12 + d.getUTCMonth();
	if (period === 'quarter') return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
	// 1970-01-05 was a Monday (day 4).
	return Math.floor((day - 4) / 7);
}

function periodStart(period: CohortSettings['period'], day: number): number {
	const d = new Date(day * 86_400_000);
	if (period === 'week') return day - ((d.getUTCDay() + 6) % 7);
	const m = period === 'month' ? d.getUTCMonth() : d.getUTCMonth() - (d.getUTCMonth() % 3);
	return Date.UTC(d.getUTCFullYear(), m, 1) / 86_400_000;
}

export function referenceCohort(data: Dataset, scope: Scope, s: CohortSettings): CohortResult {
	const asOf = toDay(scope.asOf);
	const buys = scopedOrders(data, scope).filter((o) => o.is_purchase);
	const attrs = new Map(scopedCustomers(data, scope).map((c) => [c.customer_id, c.attrs]));
	const byCustomer = new Map<string, typeof buys>();
	for (const o of buys)
		byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), o]);
	interface Group {
		split: string;
		cohort: number;
		firsts: number[];
		/** per customer: periods with purchases */
		periods: Set<number>[];
		revenue: Map<number, number>;
	}
	const groups = new Map<string, Group>();
	for (const [id, list] of byCustomer) {
		list.sort(
			(a, b) =>
				cmp(a.order_date, b.order_date) ||
				cmp(a.order_ts, b.order_ts) ||
				cmp(a.order_id, b.order_id)
		);
		const first = list[0]!;
		const firstDay = toDay(first.order_date);
		let split = '';
		if (s.split?.table === 'orders') split = labelOf(first[s.split.column as 'channel']);
		if (s.split?.table === 'customers') split = labelOf(attrs.get(id)?.[s.split.column]);
		const cohort = periodStart(s.period, firstDay);
		const key = `${split}\u0000${cohort}`;
		const g: Group = groups.get(key) ?? {
			split,
			cohort,
			firsts: [],
			periods: [],
			revenue: new Map()
		};
		groups.set(key, g);
		g.firsts.push(firstDay);
		const periods = new Set<number>();
		for (const o of list) {
			const day = toDay(o.order_date);
			const k =
				s.mode === 'calendar'
					? periodIndex(s.period, day) - periodIndex(s.period, firstDay)
					: Math.floor((day - firstDay) / ROLLING[s.period]);
			periods.add(k);
			g.revenue.set(k, (g.revenue.get(k) ?? 0) + o.revenue);
		}
		g.periods.push(periods);
	}
	const rows: CohortRow[] = [];
	const sorted = [...groups.values()].sort((a, b) => cmp(a.split, b.split) || a.cohort - b.cohort);
	for (const g of sorted) {
		const size = g.firsts.length;
		const minFirst = Math.min(...g.firsts);
		const maxFirst = Math.max(...g.firsts);
		const len = ROLLING[s.period];
		const kMax =
			s.mode === 'calendar'
				? periodIndex(s.period, asOf - 1) - periodIndex(s.period, g.cohort)
				: Math.floor((asOf - 1 - minFirst) / len);
		let cum = 0;
		const rev0 = g.revenue.get(0) ?? 0;
		for (let k = 0; k <= kMax; k++) {
			const customers = g.periods.filter((p) =>
				s.retention === 'on' ? p.has(k) : [...p].some((j) => j >= k)
			).length;
			const revenue = g.revenue.get(k) ?? 0;
			cum += revenue;
			const complete =
				s.mode === 'calendar'
					? k < kMax || periodStart(s.period, asOf) === asOf
					: asOf - maxFirst >= (k + 1) * len;
			rows.push({
				split: s.split ? g.split : null,
				cohort: fromDay(g.cohort),
				cohort_size: size,
				k,
				customers,
				retention: customers / size,
				revenue,
				revenue_retention: rev0 === 0 ? null : revenue / rev0,
				cum_revenue_per_customer: cum / size,
				complete,
				censored: false
			});
		}
	}
	const firstCohort = checkFirstCohort(groups, s, asOf);
	const censoredCohort = firstCohort?.censored ? firstCohort.cohort : null;
	for (const r of rows) r.censored = r.cohort === censoredCohort;
	return { rows, average: averageRows(rows, s), firstCohort };
}

/** The left-censoring test: customers per observed day of the earliest cohort vs the others. */
function checkFirstCohort(
	groups: Map<string, { cohort: number; firsts: number[] }>,
	s: CohortSettings,
	asOf: number
): FirstCohortCheck | null {
	const sizes = new Map<number, number>();
	let firstDay = Infinity;
	for (const g of groups.values()) {
		sizes.set(g.cohort, (sizes.get(g.cohort) ?? 0) + g.firsts.length);
		firstDay = Math.min(firstDay, ...g.firsts);
	}
	if (sizes.size === 0) return null;
	const rate = (cohort: number) => {
		// The next period's start: a day past the longest period (31 days, 92 days), truncated.
		const end = periodStart(s.period, cohort + { week: 7, month: 31, quarter: 92 }[s.period]);
		const days = Math.min(end, asOf) - Math.max(cohort, firstDay);
		return sizes.get(cohort)! / days;
	};
	const [first, ...later] = [...sizes.keys()].sort((a, b) => a - b);
	const rates = later.map(rate).sort((a, b) => a - b);
	const mid = rates.length / 2;
	const median =
		rates.length === 0
			? null
			: rates.length % 2
				? rates[Math.floor(mid)]!
				: (rates[mid - 1]! + rates[mid]!) / 2;
	const firstRate = rate(first!);
	return {
		cohort: fromDay(first!),
		cohort_size: sizes.get(first!)!,
		rate: firstRate,
		later_cohorts: later.length,
		median_rate: median,
		censored: later.length >= 2 && median !== null && firstRate > 2 * median
	};
}

/**
 * Per (split, k), over complete cells (and not the censored cohort's, unless included); the
 * cumulative revenue chains each period's revenue per customer, and needs 3 cohorts.
 */
function averageRows(rows: CohortRow[], s: CohortSettings): CohortAverageRow[] {
	const used = rows.filter((r) => r.complete && (s.includeFirstCohort || !r.censored));
	const average: CohortAverageRow[] = [];
	const keys = [...new Set(used.map((r) => `${r.split ?? ''}\u0000${r.k}`))];
	const cells = (key: string) => used.filter((r) => `${r.split ?? ''}\u0000${r.k}` === key);
	for (const key of keys) {
		const cs = cells(key);
		const size = cs.reduce((t, r) => t + r.cohort_size, 0);
		const rr = cs.filter((r) => r.revenue_retention !== null);
		const rrSize = rr.reduce((t, r) => t + r.cohort_size, 0);
		const customers = cs.reduce((t, r) => t + r.customers, 0);
		const revenue = cs.reduce((t, r) => t + r.revenue, 0);
		average.push({
			split: cs[0]!.split,
			k: cs[0]!.k,
			cohorts: cs.length,
			cohort_size: size,
			customers,
			retention: customers / size,
			revenue,
			revenue_retention:
				rrSize === 0
					? null
					: rr.reduce((t, r) => t + r.cohort_size * r.revenue_retention!, 0) / rrSize,
			// per-customer revenue of this period for now; chained below
			cum_revenue_per_customer: revenue / size
		});
	}
	average.sort((a, b) => cmp(a.split ?? '', b.split ?? '') || a.k - b.k);
	let chain = 0;
	let prev: string | null | undefined;
	for (const a of average) {
		if (a.split !== prev) chain = 0;
		prev = a.split;
		chain += a.cum_revenue_per_customer!;
		a.cum_revenue_per_customer = a.cohorts >= 3 ? chain : null;
	}
	return average;
}
