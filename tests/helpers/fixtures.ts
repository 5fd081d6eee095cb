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

/**
 * `orders` of `count` loyalty members with one to three purchases each; every thousandth member
 * (k % 1000 = 7) has an id with a quote, a backslash, a line break and a tab, the next one
 * (k % 1000 = 8) a non-ASCII id (two- and three-byte UTF-8): the texts the packed statements
 * must carry exactly (analyses/packed.ts).
 */
export async function createLoyaltyMembers(db: Engine, count: number): Promise<void> {
	await createOrders(
		db,
		Array.from({ length: count }, (_, k) => {
			const id =
				k % 1000 === 7
					? `'m"\\${k}' || chr(10) || chr(9)`
					: k % 1000 === 8
						? `'mé客${k}'`
						: `'m${k}'`;
			return Array.from(
				{ length: 1 + (k % 3) },
				(_, j) =>
					`(${id}, 'o${k}-${j}', DATE '2023-01-01' + ${(k * 7 + j * 40) % 540}, ${10 + (k % 50) + j}.5, true)`
			).join(',\n');
		}).join(',\n')
	);
}

/** An empty `tx` with the canonical columns (core/types.ts), unless one exists. */
export async function createEmptyTx(db: Engine): Promise<void> {
	await db.exec(`CREATE TABLE IF NOT EXISTS tx (line_no BIGINT, customer_id VARCHAR,
		order_id VARCHAR, order_ts TIMESTAMP, order_date DATE, quantity DOUBLE, unit_price DOUBLE,
		amount DOUBLE, is_return BOOLEAN, product VARCHAR, category VARCHAR)`);
}
