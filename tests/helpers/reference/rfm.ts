// Plain-TypeScript reference for RFM (DESIGN.md §4, rfm.ts header), written from the definitions
// without SQL, to cross-check the SQL on random data (property-a.test.ts).
import type { Scope } from '../../../src/core/scope';
import type {
	RfmCustomerRow,
	RfmGridRow,
	RfmResult,
	RfmSegmentRow,
	RfmSettings
} from '../../../src/analyses/rfm/sql';
import {
	byCustomer,
	dayNumber,
	ordersInScope,
	quantile7,
	type OrderRecord
} from '../random-orders';

// DESIGN.md's table, rows R = 5 … 1, columns F = 1 … 5.
const GRID_BY_ROW: Record<number, string[]> = {
	5: ['new_customers', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
	4: [
		'promising',
		'potential_loyalists',
		'potential_loyalists',
		'loyal_customers',
		'loyal_customers'
	],
	3: ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal_customers', 'loyal_customers'],
	2: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose_them'],
	1: ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose_them']
};
const GRID_ORDER = [
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
];
// SOURCE.md: segment, R lo–hi, F lo–hi, M lo–hi; first match wins.
const PACKAGE_RULES: [string, number, number, number, number, number, number][] = [
	['champions', 5, 5, 5, 5, 5, 5],
	['potential_loyalists', 3, 5, 3, 5, 2, 5],
	['loyal_customers', 2, 4, 2, 4, 2, 4],
	['promising', 3, 4, 1, 3, 3, 5],
	['new_customers', 4, 5, 1, 3, 1, 5],
	['cant_lose_them', 1, 2, 3, 4, 4, 5],
	['at_risk', 1, 2, 2, 5, 4, 5],
	['need_attention', 1, 3, 3, 5, 3, 5],
	['about_to_sleep', 2, 3, 1, 3, 1, 4],
	['lost', 1, 1, 1, 5, 1, 5]
];

interface Base {
	customer_id: string;
	recency_days: number;
	frequency: number;
	monetary: number;
}

function baseRows(orders: readonly OrderRecord[], scope: Scope, rowsAsF: boolean): Base[] {
	const out: Base[] = [];
	for (const [id, list] of byCustomer(ordersInScope(orders, scope))) {
		const purchases = list.filter((o) => o.is_purchase);
		if (purchases.length === 0) continue;
		const last = Math.max(...purchases.map((o) => dayNumber(o.order_date)));
		out.push({
			customer_id: id,
			recency_days: dayNumber(scope.asOf) - last,
			// rfm package preset: the file's purchase rows (orders.purchase_rows of the purchases).
			frequency: rowsAsF ? purchases.reduce((n, o) => n + o.purchase_rows, 0) : purchases.length,
			monetary: list.reduce((s, o) => s + o.revenue, 0)
		});
	}
	return out.sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
}

/** Quintile score: rank = 1 + number of values strictly better-ranked before it. */
function quintile(values: number[], v: number, descending: boolean): number {
	const rank = 1 + values.filter((x) => (descending ? x > v : x < v)).length;
	return 1 + Math.floor((5 * (rank - 1)) / values.length);
}

function packageBin(values: number[], v: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	const breaks = [0.2, 0.4, 0.6, 0.8].map((p) => quantile7(sorted, p)! + 1);
	let bin = 1;
	for (const b of breaks) if (v >= b) bin++;
	return bin;
}

function segment(settings: RfmSettings, r: number, f: number, m: number): string {
	if (settings.segmentMap === 'rf-grid') return GRID_BY_ROW[r]![f - 1]!;
	const hit = PACKAGE_RULES.find(
		([, rl, rh, fl, fh, ml, mh]) => r >= rl && r <= rh && f >= fl && f <= fh && m >= ml && m <= mh
	);
	return hit ? hit[0] : 'others';
}

function median(values: number[]): number | null {
	return quantile7(
		[...values].sort((a, b) => a - b),
		0.5
	);
}

export function referenceRfm(
	orders: readonly OrderRecord[],
	scope: Scope,
	settings: RfmSettings
): RfmResult {
	const pkg = settings.segmentMap === 'rfm-package';
	const base = baseRows(orders, scope, pkg);
	const R = base.map((b) => b.recency_days);
	const F = base.map((b) => b.frequency);
	const M = base.map((b) => b.monetary);
	const above = (cuts: readonly number[], v: number) => cuts.filter((t) => v >= t).length;
	const customers: RfmCustomerRow[] = base.map((b) => {
		let r: number, f: number, m: number;
		if (pkg) {
			r = 6 - packageBin(R, b.recency_days);
			f = packageBin(F, b.frequency);
			m = packageBin(M, b.monetary);
		} else if (settings.scoring === 'thresholds') {
			r = 5 - above(settings.thresholds.recency, b.recency_days);
			f = 1 + above(settings.thresholds.frequency, b.frequency);
			m = 1 + above(settings.thresholds.monetary, b.monetary);
		} else {
			r = quintile(R, b.recency_days, true);
			f = quintile(F, b.frequency, false);
			m = quintile(M, b.monetary, false);
		}
		return { ...b, r, f, m, segment: segment(settings, r, f, m) as RfmCustomerRow['segment'] };
	});
	const grid: RfmGridRow[] = [];
	for (let r = 1; r <= 5; r++)
		for (let f = 1; f <= 5; f++) {
			const cell = customers.filter((c) => c.r === r && c.f === f);
			const sum = cell.reduce((s, c) => s + c.monetary, 0);
			grid.push({
				r,
				f,
				customers: cell.length,
				avg_monetary: cell.length ? sum / cell.length : null
			});
		}
	const order = pkg ? [...PACKAGE_RULES.map((x) => x[0]), 'others'] : GRID_ORDER;
	const totalRevenue = customers.reduce((s, c) => s + c.monetary, 0);
	const segments: RfmSegmentRow[] = order.map((key) => {
		const members = customers.filter((c) => c.segment === key);
		const ordersN = members.reduce((s, c) => s + c.frequency, 0);
		const revenue = members.reduce((s, c) => s + c.monetary, 0);
		return {
			segment: key as RfmSegmentRow['segment'],
			customers: members.length,
			orders: ordersN,
			revenue,
			share_customers: customers.length ? members.length / customers.length : null,
			share_revenue: totalRevenue !== 0 && customers.length ? revenue / totalRevenue : null,
			aov: ordersN ? revenue / ordersN : null,
			median_recency: median(members.map((c) => c.recency_days)),
			median_frequency: median(members.map((c) => c.frequency)),
			median_monetary: median(members.map((c) => c.monetary))
		};
	});
	// Orders in scope but no purchase: not scored, counted apart.
	const returnsOnly = { customers: 0, revenue: 0 };
	for (const [, list] of byCustomer(ordersInScope(orders, scope))) {
		if (list.some((o) => o.is_purchase)) continue;
		returnsOnly.customers++;
		returnsOnly.revenue += list.reduce((s, o) => s + o.revenue, 0);
	}
	return { customers, grid, segments, returnsOnly };
}
