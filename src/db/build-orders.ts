/**
 * Build the canonical order tables (core/canonical) the way the app does: `tx` first, then
 * `tx_rejects` — re-reading the raw rows for their reasons only when some row did not make it
 * into `tx` — then `orders` and `customer_facts`. Files without bad rows (most of them) skip the
 * delete and the anti-join that finds rejected rows, about 0.4 s of a 1 M-line build.
 */
import {
	ANY_BAD_QUERY,
	buildAfterTxStatements,
	buildOrdersPartStatements,
	buildTxStatements
} from '../core/canonical';
import type { CanonicalOptions, OrdersMapping } from '../core/types';
import type { Engine } from './engine';
import { measure } from '../core/timing';
import { ident, sql, type Sql } from '../core/sql';

/**
 * A raw table of more than twice this many rows is typed into tx this many rows at a time, one
 * statement each (issue 22): DuckDB holds a statement's new rows uncompressed until it commits,
 * and tx in one statement grew its heap by 1.4 GiB at 10 M lines. Parts give the same tx
 * (build-orders-parts.test).
 */
export const TX_PART_ROWS = 1_000_000;

/**
 * A raw table of more than twice this many rows builds `orders` in parts, one per this many raw
 * rows (four at 10 M lines), each grouping the orders whose key hashes to it (issue 22): the one
 * GROUP BY held every order's aggregate state at once — DuckDB's heap +0.8 GiB at 10 M lines (4 M
 * orders), +0.2 GiB in four parts, and 12.3 s against 11.0 s (DuckDB-WASM in Node). The same
 * orders in another physical order: sums of doubles over them may differ in the last bits
 * (orders-parts.test).
 */
export const ORDERS_PART_ROWS = 2_500_000;

export async function buildOrdersTables(
	engine: Pick<Engine, 'exec' | 'query'>,
	m: OrdersMapping,
	opts: CanonicalOptions,
	partRows = TX_PART_ROWS,
	ordersPartRows = ORDERS_PART_ROWS
): Promise<void> {
	const tx = buildTxStatements(m, opts);
	let t = performance.now();
	const [rows] = await engine.query<{ last: number | null }>(
		sql`SELECT max(__row) AS last FROM ${ident(m.table)}`
	);
	const last = Number(rows?.last ?? 0);
	if (last > 2 * partRows) {
		for (let after = 0; after < last; after += partRows) {
			const end = after + partRows;
			await engine.exec(
				tx.part({ after: after === 0 ? null : after, last: end < last ? end : null })
			);
		}
	} else await engine.exec(tx.create);
	// Before the delete, tx holds one row per raw row (less removed duplicates): no flagged row
	// means every raw row was accepted.
	const [row] = await engine.query<{ any_bad: boolean }>(ANY_BAD_QUERY);
	const anyBad = row?.any_bad !== false;
	if (anyBad) await engine.exec(tx.deleteBad);
	await engine.exec(tx.dropFlag);
	measure('table tx', t);
	const noneRejected = !anyBad && !opts.removeDuplicatesFrom;
	const [rejects, orders, facts] = buildAfterTxStatements(m, { ...opts, noneRejected });
	const ordersParts = last > 2 * ordersPartRows ? Math.ceil(last / ordersPartRows) : 1;
	const steps: [string, Sql[]][] = [
		['tx_rejects', [rejects!]],
		['orders', ordersParts > 1 ? buildOrdersPartStatements(m, opts, ordersParts) : [orders!]],
		['customer_facts', [facts!]]
	];
	for (const [table, statements] of steps) {
		t = performance.now();
		for (const stmt of statements) await engine.exec(stmt);
		measure(`table ${table}`, t);
	}
}
