// Plain-TypeScript reference for the purchase cycle (cycle/sql.ts header), without SQL. A customer
// is churned when their last purchase day lies more than `churnAfter` days before asOf (the
// lifecycle definition, worked out here from the orders, not read from the lifecycle SQL); null
// (no lifecycle stage known, as with settings.stageSql null) leaves no one out.
import type { Scope } from '../../../src/core/scope';
import type {
	CycleBinRow,
	CycleCustomerRow,
	CycleResult,
	CycleSettings
} from '../../../src/analyses/cycle/sql';
import { DUE_PREVIEW_ROWS } from '../../../src/analyses/cycle/sql';
import {
	byCustomer,
	dateOf,
	dayNumber,
	ordersInScope,
	quantile7,
	type OrderRecord
} from '../random-orders';

export function referenceCycle(
	orders: readonly OrderRecord[],
	scope: Scope,
	settings: CycleSettings,
	churnAfter: number | null = null
): CycleResult {
	const asOf = dayNumber(scope.asOf);
	const purchases = ordersInScope(orders, scope).filter((o) => o.is_purchase);
	const allGaps: number[] = [];
	const customers: CycleCustomerRow[] = [];
	let oneTime = 0;
	let churnedLeftOut = 0;
	for (const [id, list] of byCustomer(purchases)) {
		const days = [...new Set(list.map((o) => dayNumber(o.order_date)))].sort((a, b) => a - b);
		if (days.length === 1) {
			oneTime++;
			continue;
		}
		const gaps = days.slice(1).map((d, i) => d - days[i]!);
		allGaps.push(...gaps);
		const typical = quantile7(
			[...gaps].sort((a, b) => a - b),
			0.5
		)!;
		const last = days[days.length - 1]!;
		const gapDays = Math.floor(typical + 0.5);
		const expected = last + gapDays;
		const grace = settings.graceDays ?? gapDays;
		const inWindow = expected >= asOf - grace && expected <= asOf + settings.horizonDays;
		const churned = churnAfter !== null && asOf - last > churnAfter;
		if (inWindow && churned) churnedLeftOut++;
		customers.push({
			customer_id: id,
			purchase_days: days.length,
			gaps: gaps.length,
			typical_gap: typical,
			last_purchase: dateOf(last),
			expected_next: dateOf(expected),
			days_overdue: asOf - expected,
			churned,
			due: inWindow && !churned
		});
	}
	customers.sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
	const due = customers
		.filter((c) => c.due)
		.sort((a, b) =>
			a.expected_next !== b.expected_next
				? a.expected_next < b.expected_next
					? -1
					: 1
				: a.customer_id < b.customer_id
					? -1
					: 1
		);

	const sorted = [...allGaps].sort((a, b) => a - b);
	const cap = quantile7(sorted, settings.capPercentile);
	const width = settings.binDays ?? (cap === null || cap <= 180 ? 7 : cap <= 1095 ? 30 : 91);
	const histogram: CycleBinRow[] = [];
	if (cap !== null) {
		const regular = Math.floor(cap / width) + 1;
		for (let k = 0; k <= regular; k++) {
			const count = sorted.filter((g) => Math.min(Math.floor(g / width), regular) === k).length;
			histogram.push({
				bin_start: k * width,
				bin_end: k < regular ? (k + 1) * width : null,
				gaps: count,
				share: count / sorted.length,
				is_overflow: k === regular
			});
		}
	}
	return {
		summary: {
			repeat_customers: customers.length,
			one_time_customers: oneTime,
			gaps: sorted.length,
			p25_gap: quantile7(sorted, 0.25),
			median_gap: quantile7(sorted, 0.5),
			p75_gap: quantile7(sorted, 0.75),
			cap_days: cap,
			bin_days: width,
			due_customers: due.length,
			churned_left_out: churnedLeftOut
		},
		histogram,
		customers,
		due,
		due_preview: due.slice(0, DUE_PREVIEW_ROWS)
	};
}
