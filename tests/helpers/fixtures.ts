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
 * is_purchase)`, one item and one line each — the shape most analysis fixtures need.
 */
export async function createOrders(db: Engine, values: string): Promise<void> {
	await db.exec(`CREATE TABLE orders AS
		SELECT customer_id, order_id, order_date, revenue, 1.0 AS items, 1 AS lines, is_purchase
		FROM (VALUES ${values}) t(customer_id, order_id, order_date, revenue, is_purchase)`);
}
