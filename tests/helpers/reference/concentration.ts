// Plain-TypeScript reference for value concentration (concentration.ts header), without SQL.
import type { Scope } from '../../../src/core/scope';
import type {
	ConcentrationCustomerRow,
	ConcentrationResult,
	ConcentrationSettings,
	LorenzPoint
} from '../../../src/analyses/concentration/sql';
import { byCustomer, ordersInScope, type OrderRecord } from '../random-orders';

export function referenceConcentration(
	orders: readonly OrderRecord[],
	scope: Scope,
	settings: ConcentrationSettings
): ConcentrationResult {
	const net = [...byCustomer(ordersInScope(orders, scope))].map(([id, list]) => ({
		id,
		revenue: list.reduce((s, o) => s + o.revenue, 0)
	}));
	const ranked = net
		.filter((c) => c.revenue > 0)
		.sort((a, b) => b.revenue - a.revenue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const excluded = net.filter((c) => c.revenue <= 0);
	const n = ranked.length;
	const total = ranked.reduce((s, c) => s + c.revenue, 0);
	const cum: number[] = [0];
	for (const c of ranked) cum.push(cum[cum.length - 1]! + c.revenue);

	const customers: ConcentrationCustomerRow[] = ranked.map((c, i) => {
		const before = cum[i]!;
		const shareBefore = before / total;
		return {
			customer_id: c.id,
			rank: i + 1,
			revenue: c.revenue,
			share: c.revenue / total,
			share_before: shareBefore,
			cum_share: (before + c.revenue) / total,
			tier: shareBefore < settings.aShare ? 'A' : shareBefore < settings.bShare ? 'B' : 'C'
		};
	});

	// Gini with x ascending: the i-th smallest is ranked[n − i].
	let weighted = 0;
	for (let i = 1; i <= n; i++) weighted += i * ranked[n - i]!.revenue;
	const gini = n ? (2 * weighted) / (n * total) - (n + 1) / n : null;

	let keep: number[] = [];
	if (n > 0) {
		const all = Array.from({ length: n + 1 }, (_, i) => i);
		const m = settings.maxPoints;
		keep =
			n + 1 <= m
				? all
				: [...new Set(Array.from({ length: m }, (_, j) => Math.floor((j * n) / (m - 1))))];
	}
	const lorenz: LorenzPoint[] = keep.map((k) => ({
		customers: k,
		share_customers: k / n,
		share_revenue: cum[k]! / total
	}));

	const top_shares = settings.topPercents.map((k) => {
		const m = Math.ceil((k * n) / 100);
		return {
			top_percent: k,
			customers: m,
			revenue: m ? cum[m]! : 0,
			share_revenue: m ? cum[m]! / total : null
		};
	});

	const tiers = (['A', 'B', 'C'] as const).map((t) => {
		const members = customers.filter((c) => c.tier === t);
		const revenue = members.reduce((s, c) => s + c.revenue, 0);
		return {
			tier: t,
			customers: members.length,
			revenue,
			share_customers: n ? members.length / n : null,
			share_revenue: n ? revenue / total : null
		};
	});

	return {
		summary: {
			customers: n,
			revenue: total,
			gini,
			excluded_customers: excluded.length,
			excluded_revenue: excluded.reduce((s, c) => s + c.revenue, 0)
		},
		customers,
		lorenz,
		top_shares,
		tiers
	};
}
