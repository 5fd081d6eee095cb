import type { Scope } from '../../src/core/scope';

/** One row of the canonical `orders` table, as plain data (types.ts contract, no dimensions). */
export interface OrderRecord {
	customer_id: string;
	order_id: string;
	/** 'YYYY-MM-DD' */
	order_date: string;
	revenue: number;
	items: number;
	lines: number;
	/** The file's purchase rows the order stands for (orders.purchase_rows; 0 if no purchase). */
	purchase_rows: number;
	is_purchase: boolean;
}

export interface RandomDataset {
	seed: number;
	orders: OrderRecord[];
	scope: Scope;
}

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
	return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOf(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A varied random order log: 1–60 customers, many one-order customers, ties in revenue and
 * dates (and flat datasets), same-day orders, returns (negative revenue, not purchases),
 * zero-revenue orders, and an as-of date inside or after the data, sometimes with a date filter.
 * Amounts are multiples of 0.25 so every sum is exact in binary floating point and SQL and
 * the reference implementations can be compared exactly whatever their summation order.
 */
export function randomDataset(seed: number): RandomDataset {
	const rnd = seededRandom(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
	// Flat datasets (5k customers with one order of 10 each) put cumulative revenue shares exactly
	// on the 80 % / 95 % tier boundaries.
	const flat = rnd() < 0.15;
	const nCustomers = flat ? 5 * int(1, 12) : rnd() < 0.1 ? 1 : int(1, 60);
	const span = pick([20, 120, 400, 1200]);
	const orders: OrderRecord[] = [];
	for (let c = 0; c < nCustomers; c++) {
		const id = `c${String(int(0, 999)).padStart(3, '0')}_${c}`;
		const n = flat || rnd() < 0.4 ? 1 : int(2, 9);
		let day = int(0, span);
		for (let k = 0; k < n; k++) {
			if (k > 0 && rnd() > 0.2) day += pick([1, 3, 7, 7, 14, 30, 30, 45, 90, int(1, 200)]);
			const u = rnd();
			let revenue: number;
			if (u < 0.1) revenue = -pick([5, 10, 12.5, int(1, 400) / 4]);
			else if (u < 0.15) revenue = 0;
			else if (u < 0.55) revenue = pick([10, 20, 25, 50, 99.75]);
			else revenue = int(1, 2000) / 4;
			if (flat) revenue = 10;
			// A purchase: ≥ 1 non-return line and net ≥ 0 (DESIGN.md §3). A zero-revenue order is a
			// free order (a purchase) or a cancelled one (not), alternately; a purchase stands for
			// 1–3 rows of a file without order ids (same-day rows merged).
			const isPurchase = revenue > 0 || (revenue === 0 && orders.length % 2 === 0);
			orders.push({
				customer_id: id,
				order_id: `o${orders.length + 1}`,
				order_date: dateOf(dayNumber('2023-01-01') + day),
				revenue,
				items: 1,
				lines: 1,
				purchase_rows: isPurchase ? 1 + (orders.length % 3) : 0,
				is_purchase: isPurchase
			});
		}
	}
	const days = orders.map((o) => dayNumber(o.order_date));
	const first = Math.min(...days);
	const last = Math.max(...days);
	const asOfDay = rnd() < 0.5 ? last + 1 : rnd() < 0.5 ? int(first, last + 1) : last + int(1, 200);
	let from: string | null = null;
	let to: string | null = null;
	if (rnd() < 0.25) {
		from = dateOf(int(first, last));
		to = rnd() < 0.5 ? dateOf(int(dayNumber(from), last + 10)) : null;
	}
	return {
		seed,
		orders,
		scope: {
			asOf: dateOf(asOfDay),
			from,
			to,
			filter: null,
			hasCustomers: false,
			customerColumns: []
		}
	};
}

/** The records as CSV bytes (header + one line per order), for registerBuffer + loadOrdersSql. */
export function ordersCsv(orders: readonly OrderRecord[]): Uint8Array {
	const lines = orders.map(
		(o) =>
			`${o.customer_id},${o.order_id},${o.order_date},${o.revenue},${o.items},${o.lines},${o.purchase_rows},${o.is_purchase}`
	);
	const header = 'customer_id,order_id,order_date,revenue,items,lines,purchase_rows,is_purchase';
	return new TextEncoder().encode([header, ...lines].join('\n') + '\n');
}

/**
 * SQL that (re)creates the `orders` table from a CSV registered under `file` (much faster to
 * plan than a VALUES list of hundreds of rows).
 */
export function loadOrdersSql(file: string): string {
	return `DROP TABLE IF EXISTS orders;
CREATE TABLE orders AS
SELECT * FROM read_csv('${file}', header = true, auto_detect = false, columns = {
	'customer_id': 'VARCHAR', 'order_id': 'VARCHAR', 'order_date': 'DATE', 'revenue': 'DOUBLE',
	'items': 'DOUBLE', 'lines': 'INTEGER', 'purchase_rows': 'INTEGER', 'is_purchase': 'BOOLEAN'
})`;
}

/** The orders a scope keeps: before asOf and within [from, to] (no dimension filters here). */
export function ordersInScope(orders: readonly OrderRecord[], scope: Scope): OrderRecord[] {
	return orders.filter(
		(o) =>
			o.order_date < scope.asOf &&
			(scope.from === null || o.order_date >= scope.from) &&
			(scope.to === null || o.order_date <= scope.to)
	);
}

/** Group records by customer_id (insertion order of first appearance). */
export function byCustomer(orders: readonly OrderRecord[]): Map<string, OrderRecord[]> {
	const m = new Map<string, OrderRecord[]>();
	for (const o of orders) {
		const list = m.get(o.customer_id);
		if (list) list.push(o);
		else m.set(o.customer_id, [o]);
	}
	return m;
}

/** R quantile type 7 (DuckDB quantile_cont) of ascending-sorted values. */
export function quantile7(sorted: readonly number[], p: number): number | null {
	const n = sorted.length;
	if (n === 0) return null;
	const h = (n - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, n - 1);
	const a = sorted[lo]!;
	const b = sorted[hi]!;
	return lo === hi || h === lo ? a : a + (b - a) * (h - lo);
}
