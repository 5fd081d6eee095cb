import type { Engine } from '../../src/db/engine';
import type { Scope } from '../../src/core/scope';

/** A scope with no filters and no customers file, as of `asOf`. */
export function scopeAt(asOf: string, extra: Partial<Scope> = {}): Scope {
	return {
		asOf,
		from: null,
		to: null,
		filter: null,
		hasCustomers: false,
		customerColumns: [],
		...extra
	};
}

/**
 * Creates `orders` from hand-written rows `(customer_id, order_id, order_date, revenue,
 * is_purchase)`, one item and one line each — the shape most analysis fixtures need — and, unless
 * the test made one, an empty `tx`: no lines without a customer id (the overview reads those).
 */
export async function createOrders(db: Engine, values: string): Promise<void> {
	await db.exec(`CREATE TABLE orders AS
		SELECT customer_id, order_id, order_date, revenue, 1.0 AS items, 1 AS lines,
			1 AS purchase_rows, is_purchase
		FROM (VALUES ${values}) t(customer_id, order_id, order_date, revenue, is_purchase)`);
	await createEmptyTx(db);
}

/** An empty `tx` with the canonical columns (core/types.ts), unless one exists. */
export async function createEmptyTx(db: Engine): Promise<void> {
	await db.exec(`CREATE TABLE IF NOT EXISTS tx (line_no BIGINT, customer_id VARCHAR,
		order_id VARCHAR, order_ts TIMESTAMP, order_date DATE, quantity DOUBLE, unit_price DOUBLE,
		amount DOUBLE, is_return BOOLEAN, product VARCHAR, category VARCHAR)`);
}
