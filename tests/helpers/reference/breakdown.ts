/**
 * Plain-TypeScript reference of the segment-breakdown definitions (header of
 * src/analyses/breakdown/sql.ts), written from the definitions, not from the SQL.
 */
import type { Scope } from '../../../src/core/scope';
import {
	AGE_BAND,
	AGE_BANDS,
	type BreakdownDimension,
	type BreakdownResult,
	type BreakdownRow,
	type BreakdownSettings,
	type CrossRow
} from '../../../src/analyses/breakdown/sql';
import {
	cmp,
	labelOf,
	scopedCustomers,
	scopedOrders,
	type Cell,
	type Dataset,
	type RefOrder,
	type ScopedCustomer
} from '../random-dataset';

/** Linear-interpolation quantile at position (n − 1) × q of the ascending values. */
export function quantileCont(values: number[], q: number): number | null {
	if (values.length === 0) return null;
	const v = [...values].sort((a, b) => a - b);
	const pos = (v.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.ceil(pos);
	return v[lo]! + (pos - lo) * (v[hi]! - v[lo]!);
}

interface Valued {
	value: string;
	bin: number | null;
	/** Blank or NULL (binned: not a number); a real text "unknown" is not. */
	unknown: boolean;
}

/** A group of values: the top N each alone, the rest folded (other), or a bin. */
interface Grp {
	value: string;
	position: number;
	other: boolean;
	unknown: boolean;
}

/** A value's identity: its text and whether it is the blank group. */
const keyOf = (v: Valued) => `${v.unknown ? 'u' : 'v'}:${v.value}`;

/** Blank as SQL's trim() sees it (spaces only), or NULL. */
function isBlank(v: Cell | undefined): boolean {
	return v === null || v === undefined || String(v).replace(/^ +| +$/g, '') === '';
}

/** A derived (customer_id → value) dimension given to the reference as a plain function. */
export type DerivedFn = (c: ScopedCustomer) => string | null;

interface DimValues {
	customers: Map<string, Valued>;
	orders: Map<RefOrder, Valued>;
	binned: boolean;
}

function num(v: Cell | undefined): number | null {
	if (v === null || v === undefined || v === '') return null;
	const n = Number(v);
	return Number.isFinite(n) ? n : null;
}

function band(v: number | null, edges: number[], labels: string[]): Valued {
	if (v === null) return { value: 'unknown', bin: null, unknown: true };
	const i = edges.findIndex((e) => v < e);
	const bin = i === -1 ? edges.length : i;
	return { value: labels[bin]!, bin: bin + 1, unknown: false };
}

function dimValues(
	data: Dataset,
	scope: Scope,
	d: BreakdownDimension,
	derived: DerivedFn | null,
	s: BreakdownSettings
): DimValues {
	// Returns-only customers (orders in scope, no purchase) and their orders are in no group.
	const out = returnsOnlyIds(data, scope);
	const orders = scopedOrders(data, scope).filter((o) => !out.has(o.customer_id));
	let customers = scopedCustomers(data, scope).filter((c) => !out.has(c.customer_id));
	const ageLike = d.table === 'customers' && (d.column === 'age' || d.column === 'birth_year');
	let custRaw: (c: ScopedCustomer) => Cell;
	let orderRaw: (o: RefOrder) => Cell;
	if (d.table === 'orders') {
		const first = new Map<string, RefOrder>();
		const sorted = [...orders].sort(
			(a, b) =>
				cmp(a.order_date, b.order_date) ||
				cmp(a.order_ts, b.order_ts) ||
				cmp(a.order_id, b.order_id)
		);
		for (const o of sorted) if (!first.has(o.customer_id)) first.set(o.customer_id, o);
		customers = customers.filter((c) => first.has(c.customer_id));
		custRaw = (c) => first.get(c.customer_id)![d.column as 'channel'];
		orderRaw = (o) => o[d.column as 'channel'];
	} else {
		const byId = new Map(customers.map((c) => [c.customer_id, c]));
		if (d.table === 'customers') custRaw = (c) => c.attrs[d.column] ?? null;
		else if (d.column === 'age_band') custRaw = (c) => c.attrs.birth_year ?? null;
		else custRaw = (c) => derived!(c);
		orderRaw = (o) => custRaw(byId.get(o.customer_id)!);
	}
	let kind: 'none' | 'age' | 'edges' | 'quantile' = 'none';
	if (d.table === 'derived') kind = d.column === 'age_band' ? 'age' : 'none';
	else if (ageLike && !s.bins) kind = 'age';
	else if (d.numeric || ageLike) kind = s.bins && s.bins.length ? 'edges' : 'quantile';
	const asOfYear = Number(scope.asOf.slice(0, 4));
	let toValue: (raw: Cell) => Valued = (raw) => ({
		value: labelOf(raw),
		bin: null,
		unknown: isBlank(raw)
	});
	if (kind === 'age') {
		const fromBirth = !(d.table === 'customers' && d.column === 'age');
		toValue = (raw) => {
			const n = num(raw);
			return band(
				n === null ? null : fromBirth ? asOfYear - n : n,
				[25, 35, 45, 55, 65],
				[...AGE_BANDS]
			);
		};
	} else if (kind === 'edges') {
		const e = s.bins!;
		const labels = [...e.map((x, i) => (i === 0 ? `<${x}` : `${e[i - 1]}–${x}`)), `${e.at(-1)}+`];
		toValue = (raw) => band(num(raw), e, labels);
	} else if (kind === 'quantile') {
		const q = Math.max(1, Math.round(s.quantileBins));
		const source =
			d.table === 'orders'
				? orders.map((o) => num(orderRaw(o)))
				: customers.map((c) => num(custRaw(c)));
		const present = source.filter((x): x is number => x !== null);
		const edges = Array.from({ length: q - 1 }, (_, i) => quantileCont(present, (i + 1) / q));
		const labels = Array.from({ length: q }, (_, i) => `Q${i + 1}`);
		toValue = (raw) => {
			const v = num(raw);
			if (v === null) return { value: 'unknown', bin: null, unknown: true };
			const i = edges.findIndex((e) => e !== null && v <= e);
			const bin = i === -1 ? q - 1 : i;
			return { value: labels[bin]!, bin: bin + 1, unknown: false };
		};
	}
	return {
		customers: new Map(customers.map((c) => [c.customer_id, toValue(custRaw(c))])),
		orders: new Map(orders.map((o) => [o, toValue(orderRaw(o))])),
		binned: kind !== 'none'
	};
}

/** Customers in scope with orders but no purchase ("returns only"). */
function returnsOnlyIds(data: Dataset, scope: Scope): Set<string> {
	const withOrders = new Set(scopedOrders(data, scope).map((o) => o.customer_id));
	return new Set(
		scopedCustomers(data, scope)
			.filter((c) => c.orders === 0 && withOrders.has(c.customer_id))
			.map((c) => c.customer_id)
	);
}

/** Value (keyOf) → its group, following the top-N / bin rules. */
function groupsOf(dv: DimValues, topN: number): Map<string, Grp> {
	const totals = new Map<string, { v: Valued; customers: number; revenue: number }>();
	const get = (v: Valued) => {
		const t = totals.get(keyOf(v)) ?? { v, customers: 0, revenue: 0 };
		totals.set(keyOf(v), t);
		return t;
	};
	for (const v of dv.customers.values()) get(v).customers++;
	for (const [o, v] of dv.orders) get(v).revenue += o.revenue;
	const ranked = [...totals.values()].sort(
		(a, b) =>
			b.customers - a.customers ||
			b.revenue - a.revenue ||
			cmp(a.v.value, b.v.value) ||
			Number(a.v.unknown) - Number(b.v.unknown)
	);
	const out = new Map<string, Grp>();
	ranked.forEach(({ v }, i) => {
		const rank = i + 1;
		const own = { value: v.value, other: false, unknown: v.unknown };
		if (dv.binned) out.set(keyOf(v), { ...own, position: v.bin ?? 1_000_000 });
		else if (rank <= topN) out.set(keyOf(v), { ...own, position: rank });
		else out.set(keyOf(v), { value: 'Other', position: topN + 1, other: true, unknown: false });
	});
	return out;
}

export function referenceBreakdown(
	data: Dataset,
	scope: Scope,
	s: BreakdownSettings,
	derived: DerivedFn | null = null,
	crossDerived: DerivedFn | null = null
): BreakdownResult {
	const dv = dimValues(data, scope, s.dimension ?? AGE_BAND, derived, s);
	const groups = groupsOf(dv, s.topN);
	const info = new Map(scopedCustomers(data, scope).map((c) => [c.customer_id, c]));
	const agg = new Map<
		number,
		{
			group: Grp;
			customers: number;
			purchases: number;
			repeat: number;
			recency: number[];
			orders: number;
			revenue: number;
		}
	>();
	const at = (v: Valued) => {
		const g = groups.get(keyOf(v))!;
		const a = agg.get(g.position) ?? {
			group: g,
			customers: 0,
			purchases: 0,
			repeat: 0,
			recency: [],
			orders: 0,
			revenue: 0
		};
		agg.set(g.position, a);
		return a;
	};
	for (const [id, v] of dv.customers) {
		const c = info.get(id)!;
		const a = at(v);
		a.customers++;
		a.purchases += c.orders;
		if (c.orders >= 2) a.repeat++;
		if (c.recency_days !== null) a.recency.push(c.recency_days);
	}
	let total = 0;
	for (const [o, v] of dv.orders) {
		const a = at(v);
		if (o.is_purchase) a.orders++;
		a.revenue += o.revenue;
		total += o.revenue;
	}
	const rows: BreakdownRow[] = [...agg.values()]
		.map((a) => ({
			value: a.group.value,
			position: a.group.position,
			is_other: a.group.other,
			is_unknown: a.group.unknown,
			customers: a.customers,
			orders: a.orders,
			revenue: a.revenue,
			revenue_share: total === 0 ? null : a.revenue / total,
			aov: a.orders === 0 ? null : a.revenue / a.orders,
			orders_per_customer: a.customers === 0 ? null : a.purchases / a.customers,
			repeat_rate: a.customers === 0 ? null : a.repeat / a.customers,
			median_recency: quantileCont(a.recency, 0.5),
			small_group: a.customers < 30
		}))
		.sort((x, y) => x.position - y.position);
	let cross: CrossRow[] = [];
	if (s.cross) {
		const dvb = dimValues(data, scope, s.cross, crossDerived, s);
		const gb = groupsOf(dvb, s.topN);
		const pairs = new Map<string, CrossRow>();
		const pair = (va: Valued, vb: Valued) => {
			const a = groups.get(keyOf(va))!;
			const b = gb.get(keyOf(vb))!;
			const key = `${a.position}:${b.position}`;
			const row = pairs.get(key) ?? {
				a: a.value,
				b: b.value,
				a_position: a.position,
				b_position: b.position,
				a_other: a.other,
				a_unknown: a.unknown,
				b_other: b.other,
				b_unknown: b.unknown,
				customers: 0,
				revenue: 0
			};
			pairs.set(key, row);
			return row;
		};
		for (const [id, va] of dv.customers) {
			const vb = dvb.customers.get(id);
			if (vb) pair(va, vb).customers++;
		}
		for (const [o, va] of dv.orders) pair(va, dvb.orders.get(o)!).revenue += o.revenue;
		cross = [...pairs.values()].sort(
			(x, y) => x.a_position - y.a_position || x.b_position - y.b_position
		);
	}
	const out = returnsOnlyIds(data, scope);
	const returnsOnly = { customers: out.size, revenue: 0 };
	for (const id of out) returnsOnly.revenue += info.get(id)!.revenue;
	return { rows, cross, returnsOnly };
}
