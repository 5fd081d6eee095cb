/**
 * The data set's tables by name, and the statements that move and drop them (DESIGN.md §2: table
 * DDL lives in db; state decides when). Names are ours, never the user's file names.
 */
import { ident, lit, sql } from '../core/sql';
import { FIELD_TABLE_PREFIX, SCOPE_TABLES } from '../core/scope';
import { DUPLICATES_TABLE } from '../core/data-warnings';
import type { Engine } from './engine';

/** The loaded orders file, as read (one VARCHAR column per file column, plus __row). */
export const RAW_ORDERS = 'raw_orders';
/** The loaded customers file, as read. */
export const RAW_CUSTOMERS = 'raw_customers';
/** Tables built from the raw ones (core/canonical, core/canonical-customers, data checks). */
const DERIVED_TABLES = [
	// Basket files' items (core/canonical-baskets BASKETS_TABLE).
	'baskets',
	// Feedback files' responses and their rows set aside (core/canonical-feedback).
	'feedback',
	'feedback_rejects',
	'tx',
	'tx_rejects',
	'orders',
	'customer_facts',
	'customers',
	DUPLICATES_TABLE
];
const UPLOAD_PREFIX = 'raw_upload_';

/** Where the `i`-th file of a load is read before it is known to be orders or customers. */
export function uploadTable(i: number): string {
	if (!Number.isSafeInteger(i) || i < 0) throw new Error(`not an upload index: ${i}`);
	return `${UPLOAD_PREFIX}${i}`;
}

/** Drop one table if it is there. */
export async function dropTable(engine: Engine, name: string): Promise<void> {
	await engine.exec(sql`DROP TABLE IF EXISTS ${ident(name)}`);
}

/** Rename `from` to `to`, replacing any table already called `to`. */
export async function moveTable(engine: Engine, from: string, to: string): Promise<void> {
	await dropTable(engine, to);
	await engine.exec(sql`ALTER TABLE ${ident(from)} RENAME TO ${ident(to)}`);
}

/**
 * Drop the whole data set: raw and derived tables (or views) in each of `databases` — the
 * previous data set may have lived in the other one — and the temporary scope tables.
 */
export async function dropDataSet(engine: Engine, databases: Iterable<string>): Promise<void> {
	for (const db of new Set(databases)) {
		for (const t of [RAW_ORDERS, RAW_CUSTOMERS, ...DERIVED_TABLES]) {
			await engine.exec(sql`DROP TABLE IF EXISTS ${ident(db)}.main.${ident(t)}`);
			await engine.exec(sql`DROP VIEW IF EXISTS ${ident(db)}.main.${ident(t)}`);
		}
		// The analyses' own work tables (`__` names, e.g. the forecast's fits and predictions)
		// belong to the data set too: left behind, they kept a database alive that the next data
		// set does not use.
		const work = await engine.query<{ name: string }>(
			sql`SELECT table_name AS name FROM duckdb_tables()
				WHERE database_name = ${lit(db)} AND schema_name = 'main' AND NOT temporary
					AND starts_with(table_name, '__')`
		);
		for (const { name } of work) {
			await engine.exec(sql`DROP TABLE IF EXISTS ${ident(db)}.main.${ident(name)}`);
		}
	}
	// The scope tables are temporary (their own catalog).
	for (const t of Object.values(SCOPE_TABLES)) await dropTable(engine, t);
	// So are the derived fields' tables of the profile and the audience (analyses/customer/read.ts
	// FieldTables): their identities name the data, so they are rebuilt for the next data set —
	// left behind, the old file's values stayed in memory until each field was used again.
	const fields = await engine.query<{ name: string }>(
		sql`SELECT table_name AS name FROM duckdb_tables()
			WHERE temporary AND starts_with(table_name, ${lit(FIELD_TABLE_PREFIX)})`
	);
	for (const { name } of fields) await dropTable(engine, name);
}

/** Drop the upload tables a cancelled load left behind; failures are ignored (best effort). */
export async function dropUploads(engine: Engine): Promise<void> {
	const left = await engine
		.query<{ name: string }>(
			sql`SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, ${lit(UPLOAD_PREFIX)})`
		)
		.catch(() => []);
	for (const { name } of left) await dropTable(engine, name).catch(() => undefined);
}
