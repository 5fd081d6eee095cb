/**
 * Seeded random data sets for the property tests, their SQL loading, and a plain-TypeScript
 * reference of scopeCtes() (scoped orders / scoped customers) that the reference analyses share.
 */
import type { Scope } from '../../src/core/scope';

export type Cell = string | number | null;

export interface RefOrder {
	customer_id: string;
	order_id: string;
	/** 'YYYY-MM-DD HH:MM:SS' */
	order_ts: string;
	/** 'YYYY-MM-DD' */
	order_date: string;
	revenue: number;
	items: number;
	is_purchase: boolean;
	channel: string | null;
	region: string | null;
}

export interface RefCustomer {
	customer_id: string;
	gender: string | null;
	birth_year: number | null;
	income: number | null;
	/** 'YYYY-MM-DD' or null; a column of the table only when Dataset.signupDates. */
	signup_date: string | null;
}

export interface Dataset {
	orders: RefOrder[];
	customers: RefCustomer[] | null;
	/** Whether the customers table has a signup_date DATE column (then in scope.customerColumns). */
	signupDates?: boolean;
}

export interface ScopedCustomer {
	customer_id: string;
	first_order: string | null;
	last_order: string | null;
	orders: number;
	revenue: number;
	recency_days: number | null;
	/** Attributes from the customers file (null when absent). */
	attrs: Record<string, Cell>;
}

/** Mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 86_400_000;
export function toDay(iso: string): number {
	return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY);
}
export function fromDay(day: number): string {
	return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * A random data set: 1–60 customers, ties, same-day orders, returns, zero-revenue orders; sometimes
 * a customers file, which sometimes has signup dates (NULL, before, on and after the as-of date and
 * the migration's compare dates). The signup dates come from their own generator, so the rest of
 * each seed's data set is the same with or without them.
 */
export function randomDataset(seed: number): { data: Dataset; scope: Scope } {
	const r = rng(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
	const start = toDay('2022-11-20') + int(0, 200);
	const span = pick([20, 60, 200, 500]);
	const nCustomers = int(1, 60);
	const channels = ['web', 'shop', 'app', '', ' ', null] as const;
	const orders: RefOrder[] = [];
	let oid = 0;
	for (let c = 0; c < nCustomers; c++) {
		const id = `c${String(c).padStart(2, '0')}`;
		const n = pick([0, 1, 1, 1, 2, 3, 5, 9]);
		let day = start + int(0, span);
		for (let i = 0; i < n; i++) {
			if (i > 0) day += pick([0, 0, 1, 3, 7, 20, 45, 90, 200]);
			const kind = r();
			const revenue =
				kind < 0.1 ? -int(1, 50) : kind < 0.15 ? 0 : pick([5, 10, 10, 19.99, 50, 120.5]);
			const hh = String(int(0, 23)).padStart(2, '0');
			orders.push({
				customer_id: id,
				order_id: `o${String(oid++).padStart(4, '0')}`,
				order_ts: `${fromDay(day)} ${hh}:00:00`,
				order_date: fromDay(day),
				revenue,
				items: int(1, 3),
				// A purchase: ≥ 1 non-return line and net ≥ 0 (DESIGN.md §3). A zero-revenue order
				// is a free order (a purchase) or a cancelled one (not), alternately.
				is_purchase: revenue > 0 || (revenue === 0 && oid % 2 === 0),
				channel: pick(channels),
				region: r() < 0.8 ? pick(['north', 'south']) : null
			});
		}
	}
	let customers: RefCustomer[] | null = null;
	if (r() < 0.5) {
		customers = [];
		for (let c = 0; c < nCustomers + int(0, 8); c++) {
			if (r() < 0.15) continue;
			customers.push({
				customer_id: `c${String(c).padStart(2, '0')}`,
				gender: pick(['F', 'M', null]),
				birth_year: r() < 0.8 ? int(1940, 2008) : null,
				income: r() < 0.8 ? pick([20_000, 35_000, 35_000, 50_000, 80_000, 120_000]) : null,
				signup_date: null
			});
		}
	}
	const lastDay = orders.reduce((m, o) => Math.max(m, toDay(o.order_date)), start);
	const asOf = fromDay(r() < 0.5 ? lastDay + 1 : start + int(1, span + 40));
	let from: string | null = null;
	let to: string | null = null;
	if (r() < 0.2) {
		from = fromDay(start + int(0, span / 2));
		if (r() < 0.5) to = fromDay(start + int(span / 2, span));
	}
	const rs = rng(seed * 104_729 + 17);
	const signupDates = customers !== null && rs() < 0.6;
	if (customers && signupDates) {
		const asOfDay = toDay(asOf);
		const special = [asOfDay, asOfDay - 90, asOfDay + 1, toDay('2023-06-15'), toDay('2024-02-01')];
		for (const c of customers) {
			const k = rs();
			if (k < 0.2) continue;
			const day =
				k < 0.35
					? special[Math.floor(rs() * special.length)]!
					: k < 0.45
						? toDay(fromDay(start + Math.floor(rs() * span)).slice(0, 8) + '01')
						: start - 60 + Math.floor(rs() * (span + 160));
			c.signup_date = fromDay(day);
		}
	}
	let filter: Scope['filter'] = null;
	const f = r();
	if (f < 0.1) filter = { table: 'orders', column: 'channel', values: ['web', 'app'] };
	else if (f < 0.15 && customers) filter = { table: 'customers', column: 'gender', values: ['F'] };
	const scope: Scope = {
		asOf,
		from,
		to,
		filter,
		hasCustomers: customers !== null,
		customerColumns: customers
			? ['gender', 'birth_year', 'income', ...(signupDates ? ['signup_date'] : [])]
			: []
	};
	return { data: { orders, customers, signupDates }, scope };
}

function lit(v: Cell | boolean): string {
	if (v === null) return 'NULL';
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return `'${v.replaceAll("'", "''")}'`;
}

/** Statements that (re)create `orders` and `customers` from a data set. */
export function datasetSql(d: Dataset): string[] {
	const stmts = ['DROP TABLE IF EXISTS orders', 'DROP TABLE IF EXISTS customers'];
	stmts.push(`CREATE TABLE orders (customer_id VARCHAR, order_id VARCHAR, order_ts TIMESTAMP,
		order_date DATE, revenue DOUBLE, items DOUBLE, lines INTEGER, purchase_rows INTEGER,
		is_purchase BOOLEAN,
		channel VARCHAR, region VARCHAR)`);
	if (d.orders.length > 0) {
		const values = d.orders.map(
			(o) =>
				`(${lit(o.customer_id)}, ${lit(o.order_id)}, TIMESTAMP ${lit(o.order_ts)}, DATE ${lit(o.order_date)}, ${o.revenue}, ${o.items}, 1, 1, ${o.is_purchase}, ${lit(o.channel)}, ${lit(o.region)})`
		);
		stmts.push(`INSERT INTO orders VALUES ${values.join(',\n')}`);
	}
	if (d.customers) {
		const signup = d.signupDates ? ', signup_date DATE' : '';
		stmts.push(
			`CREATE TABLE customers (customer_id VARCHAR, gender VARCHAR, birth_year INTEGER, income DOUBLE${signup})`
		);
		if (d.customers.length > 0) {
			const values = d.customers.map((c) => {
				const date = c.signup_date === null ? 'NULL' : `DATE ${lit(c.signup_date)}`;
				return `(${lit(c.customer_id)}, ${lit(c.gender)}, ${lit(c.birth_year)}, ${lit(c.income)}${d.signupDates ? `, ${date}` : ''})`;
			});
			stmts.push(`INSERT INTO customers VALUES ${values.join(',\n')}`);
		}
	}
	// No lines without a customer id (the overview reads those from tx): an empty tx.
	stmts.push(
		'DROP TABLE IF EXISTS tx',
		`CREATE TABLE tx (line_no BIGINT, customer_id VARCHAR, order_id VARCHAR, order_ts TIMESTAMP,
		order_date DATE, quantity DOUBLE, unit_price DOUBLE, amount DOUBLE, is_return BOOLEAN,
		product VARCHAR, category VARCHAR, channel VARCHAR, region VARCHAR)`
	);
	return stmts;
}

/** Reference of scopeCtes(): the orders in scope. */
export function scopedOrders(d: Dataset, scope: Scope): RefOrder[] {
	const f = scope.filter;
	const keepCustomer = new Set<string>();
	if (f && f.table === 'customers' && d.customers) {
		for (const c of d.customers) {
			const v = c[f.column as keyof RefCustomer];
			if (v !== null && f.values.includes(String(v))) keepCustomer.add(c.customer_id);
		}
	}
	return d.orders.filter((o) => {
		if (o.order_date >= scope.asOf) return false;
		if (scope.from && o.order_date < scope.from) return false;
		if (scope.to && o.order_date > scope.to) return false;
		if (f && f.values.length > 0) {
			if (f.table === 'orders') {
				const v = o[f.column as keyof RefOrder];
				if (v === null || !f.values.includes(String(v))) return false;
			} else if (scope.hasCustomers && !keepCustomer.has(o.customer_id)) return false;
		}
		return true;
	});
}

/**
 * Reference of scopeCtes(): one row per customer in scope (prospects included when defined; with a
 * signup_date column, only prospects with a NULL signup_date or one before as-of).
 */
export function scopedCustomers(d: Dataset, scope: Scope): ScopedCustomer[] {
	const orders = scopedOrders(d, scope);
	const byId = new Map<string, RefOrder[]>();
	for (const o of orders) {
		const list = byId.get(o.customer_id) ?? [];
		list.push(o);
		byId.set(o.customer_id, list);
	}
	const ids = new Set(byId.keys());
	const f = scope.filter;
	if (scope.hasCustomers && d.customers && !scope.from && !scope.to) {
		const everOrdered = new Set(
			d.orders.filter((o) => o.order_date < scope.asOf).map((o) => o.customer_id)
		);
		const signup = scope.customerColumns.includes('signup_date');
		for (const c of d.customers) {
			if (everOrdered.has(c.customer_id)) continue;
			if (signup && c.signup_date !== null && c.signup_date >= scope.asOf) continue;
			if (f && f.values.length > 0) {
				if (f.table === 'orders') continue;
				const v = c[f.column as keyof RefCustomer];
				if (v === null || !f.values.includes(String(v))) continue;
			}
			ids.add(c.customer_id);
		}
	}
	const attrsOf = new Map((d.customers ?? []).map((c) => [c.customer_id, c]));
	const asOf = toDay(scope.asOf);
	return [...ids].sort().map((id) => {
		const list = byId.get(id) ?? [];
		const buys = list.filter((o) => o.is_purchase).map((o) => o.order_date);
		buys.sort();
		const last = buys.length ? buys[buys.length - 1]! : null;
		const c = attrsOf.get(id);
		const attrs: Record<string, Cell> = {};
		if (scope.hasCustomers) {
			for (const col of scope.customerColumns) {
				attrs[col] = (c?.[col as keyof RefCustomer] as Cell | undefined) ?? null;
			}
		}
		return {
			customer_id: id,
			first_order: buys[0] ?? null,
			last_order: last,
			orders: buys.length,
			revenue: list.reduce((s, o) => s + o.revenue, 0),
			recency_days: last === null ? null : asOf - toDay(last),
			attrs
		};
	});
}

/** SQL-style label of a dimension value: NULL or blank → 'unknown'. */
export function labelOf(v: Cell | undefined): string {
	if (v === null || v === undefined) return 'unknown';
	const s = String(v);
	return s.replace(/^ +| +$/g, '') === '' ? 'unknown' : s;
}

/** Compare JS strings the way DuckDB orders VARCHAR (byte-wise; equal to code-unit order for ASCII). */
export function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
