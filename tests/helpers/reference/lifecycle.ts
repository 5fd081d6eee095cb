/**
 * Plain-TypeScript reference of the lifecycle-stage definitions (header of
 * src/analyses/lifecycle/sql.ts), written from the definitions, not from the SQL.
 */
import type { Scope } from '../../../src/core/scope';
import {
	LIFECYCLE_STAGES,
	type LifecycleResult,
	type LifecycleSettings,
	type LifecycleStage,
	type LifecycleThresholds,
	type MigrationRow
} from '../../../src/analyses/lifecycle/sql';
import { fromDay, scopedCustomers, scopedOrders, toDay, type Dataset } from '../random-dataset';

/** Nearest-rank percentile: the value at 1-based rank ceil(q × n) of the ascending list. */
export function nearestRank(values: number[], percent: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.ceil((percent * sorted.length) / 100) - 1]!;
}

interface Customer {
	id: string;
	revenue: number;
	/** First scoped order of any kind (day number), null for order-less prospects. */
	firstSeen: number | null;
	/** Signup day from the customers file's signup_date column, null when NULL or no column. */
	signup: number | null;
	/** Purchase order days, ascending (repeats for same-day orders). */
	buys: number[];
}

function customersOf(data: Dataset, scope: Scope): Customer[] {
	const orders = scopedOrders(data, scope);
	const signupOf = new Map<string, number>();
	if (scope.hasCustomers && scope.customerColumns.includes('signup_date')) {
		for (const c of data.customers ?? []) {
			if (c.signup_date !== null) signupOf.set(c.customer_id, toDay(c.signup_date));
		}
	}
	return scopedCustomers(data, scope).map((c) => {
		const own = orders.filter((o) => o.customer_id === c.customer_id);
		const days = own.map((o) => toDay(o.order_date));
		return {
			id: c.customer_id,
			revenue: c.revenue,
			firstSeen: days.length ? Math.min(...days) : null,
			signup: signupOf.get(c.customer_id) ?? null,
			buys: own
				.filter((o) => o.is_purchase)
				.map((o) => toDay(o.order_date))
				.sort((a, b) => a - b)
		};
	});
}

function distinctDays(days: number[]): number[] {
	return [...new Set(days)].sort((a, b) => a - b);
}

export function referenceThresholds(
	data: Dataset,
	scope: Scope,
	s: LifecycleSettings
): LifecycleThresholds {
	const customers = customersOf(data, scope);
	const gaps: number[] = [];
	let repeat = 0;
	for (const c of customers) {
		const d = distinctDays(c.buys);
		for (let i = 1; i < d.length; i++) gaps.push(d[i]! - d[i - 1]!);
		if (d.length > 1) repeat++;
	}
	const median = nearestRank(gaps, 50);
	const p90 = nearestRank(gaps, 90);
	const p80 = nearestRank(
		customers.filter((c) => c.buys.length > 0).map((c) => c.buys.length),
		80
	);
	const churn = s.churnAfter ?? p90 ?? 365;
	return {
		churn_after: churn,
		risk_after: s.riskAfter ?? Math.min(median === null ? 180 : 2 * median, churn - 1),
		loyal_orders: s.loyalOrders ?? Math.max(3, p80 ?? 0),
		median_gap: median,
		p90_gap: p90,
		p80_orders: p80,
		gaps: gaps.length,
		repeat_customers: repeat,
		fallback: gaps.length === 0
	};
}

/**
 * Stage of one customer as of `day` (orders strictly before it); null if in no stage: a customer
 * with orders before their first purchase (not yet a customer, or returns only), a prospect (no
 * order at all) before or on their signup day (NULL: always a prospect).
 */
function stageAt(c: Customer, day: number, t: LifecycleThresholds): LifecycleStage | null {
	if (c.firstSeen === null) return c.signup !== null && c.signup >= day ? null : 'prospect';
	const buys = c.buys.filter((d) => d < day);
	const n = buys.length;
	if (n === 0) return null;
	const dates = distinctDays(buys);
	const last = dates[dates.length - 1]!;
	const recency = day - last;
	const gap = dates.length > 1 ? last - dates[dates.length - 2]! : null;
	if (recency > t.churn_after) return 'churned';
	if (recency > t.risk_after) return 'at_risk';
	if (n === 1) return 'new';
	if (gap !== null && gap > t.churn_after) return 'reactivated';
	if (n >= t.loyal_orders) return 'loyal';
	return 'active';
}

export function referenceLifecycle(
	data: Dataset,
	scope: Scope,
	s: LifecycleSettings
): LifecycleResult {
	const t = referenceThresholds(data, scope, s);
	const customers = customersOf(data, scope);
	const asOf = toDay(scope.asOf);
	const countAt = (day: number) => {
		const counts = new Map<LifecycleStage, { customers: number; revenue: number }>();
		let total = 0;
		for (const c of customers) {
			const st = stageAt(c, day, t);
			if (st === null) continue;
			total++;
			const e = counts.get(st) ?? { customers: 0, revenue: 0 };
			e.customers++;
			e.revenue += c.revenue;
			counts.set(st, e);
		}
		return LIFECYCLE_STAGES.map((stage) => {
			const e = counts.get(stage) ?? { customers: 0, revenue: 0 };
			return { stage, ...e, share: total === 0 ? 0 : e.customers / total };
		});
	};
	const stages = countAt(asOf).map(({ stage, customers: n, share, revenue }) => ({
		stage,
		customers: n,
		share,
		revenue
	}));
	const overTime: LifecycleResult['overTime'] = [];
	const seen = customers.map((c) => c.firstSeen).filter((d): d is number => d !== null);
	if (seen.length > 0) {
		const first = new Date(Math.min(...seen) * 86_400_000);
		let y = first.getUTCFullYear();
		let m = first.getUTCMonth() + 1;
		for (;;) {
			if (m === 12) [y, m] = [y + 1, 0];
			const day = Date.UTC(y, m, 1) / 86_400_000;
			if (day > asOf) break;
			for (const r of countAt(day)) {
				overTime.push({
					month_end: fromDay(day - 1),
					stage: r.stage,
					customers: r.customers,
					share: r.share
				});
			}
			m++;
		}
	}
	const compareFrom = s.compareFrom ?? fromDay(asOf - 90);
	const fromDayN = toDay(compareFrom);
	const pairs = new Map<string, number>();
	// Customers in no stage at as-of (returns only) are counted apart, not in the matrix.
	const returnsOnly = { customers: 0, revenue: 0 };
	for (const c of customers) {
		const now = stageAt(c, asOf, t);
		if (now === null) {
			returnsOnly.customers++;
			returnsOnly.revenue += c.revenue;
			continue;
		}
		const key = `${stageAt(c, fromDayN, t) ?? 'not_yet'}|${now}`;
		pairs.set(key, (pairs.get(key) ?? 0) + 1);
	}
	const order = (s: string) => ['not_yet', ...LIFECYCLE_STAGES].indexOf(s);
	const migration = [...pairs]
		.map(([key, n]) => {
			const [from, to] = key.split('|') as [MigrationRow['from_stage'], LifecycleStage];
			return { from_stage: from, to_stage: to, customers: n };
		})
		.sort(
			(a, b) => order(a.from_stage) - order(b.from_stage) || order(a.to_stage) - order(b.to_stage)
		);
	return { thresholds: t, stages, overTime, migration, compareFrom, returnsOnly };
}
