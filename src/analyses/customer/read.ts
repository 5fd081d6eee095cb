/**
 * Reading one customer's profile (sql.ts has the statements), and the derived fields' tables.
 *
 * A derived field's statement ranks or fits over every customer (an RFM quintile, a CLV decile),
 * so filtering it to one customer still costs the whole statement (≈ 150 ms for a forecast field on
 * a 1 M-line file). Each field's values for every customer are therefore kept in a temp table of
 * its own (`__customer_field_<instance>_<i>`, replaced when the statement changes: another scope, other
 * settings, other data), built once — when the search gets the focus, or at the first profile —
 * and read with a one-customer predicate afterwards. So is the RFM section's customer list (its
 * scores rank every customer: ≈ 250 ms per profile on a 1 M-line file when filtered each time,
 * issue 19). Only the tables stay in DuckDB; the page reads one row.
 */
import { raw, sql, type Sql } from '../../core/sql';
import { FIELD_TABLE_PREFIX, type Scope } from '../../core/scope';
import type { QueryFn } from '../../core/analysis';
import { measure } from '../../core/timing';
import {
	buildProfileQueries,
	type CustomerProfile,
	type ProfileCycle,
	type ProfileFacts,
	type ProfileField,
	type ProfileOrder,
	type ProfileRfm,
	type StageChange,
	type StageThresholds
} from './sql';

/** A derived field's statement for the profile. */
export interface FieldInput {
	key: string;
	/** (customer_id, value) with its owner's current settings, over the scope read. */
	sql: Sql;
	/** What the statement computes (data, plain scope, settings): its table is rebuilt when it changes. */
	identity: string;
}

/** What readCustomerProfile reads besides the profile's own statements. */
export interface ProfileInput {
	scope: Scope;
	id: string;
	thresholds: StageThresholds | null;
	/** The RFM section's customer list statement (current settings), or null. */
	rfmCustomers: Sql | null;
	/** What that list computes (as FieldInput.identity): its table is rebuilt when it changes. */
	rfmIdentity: string;
	fields: readonly FieldInput[];
}

/** Rows of `q` for the one customer: `q` filtered to customer_id = id. */
export function forCustomer(q: Sql, id: string): Sql {
	return sql`SELECT * FROM (${q}) __all WHERE customer_id = ${id}`;
}

/** Which derived fields have a table of every customer's value, built from which statement. */
export class FieldTables {
	/** Instances made so far: each names its tables apart (`__customer_field_<instance>_<n>`). */
	private static made = 0;
	/** This instance's number: two sets of tables never overwrite each other's. */
	private readonly instance = FieldTables.made++;
	/** Field key → identity of the statement its table holds. */
	private built = new Map<string, string>();
	/** Field key → its table's number (stable for the page's life). */
	private numbers = new Map<string, number>();

	private table(key: string) {
		let n = this.numbers.get(key);
		if (n === undefined) this.numbers.set(key, (n = this.numbers.size));
		return raw(`${FIELD_TABLE_PREFIX}${this.instance}_${n}`);
	}

	/**
	 * Build the tables of `fields` whose statement changed; a field whose statement fails (its
	 * owner has not run yet) gets no table, and its error.
	 */
	async ensure(query: QueryFn, fields: readonly FieldInput[]): Promise<Map<string, string>> {
		const errors = new Map<string, string>();
		for (const f of fields) {
			if (this.built.get(f.key) === f.identity) continue;
			this.built.delete(f.key);
			const t0 = performance.now();
			try {
				await query(sql`CREATE OR REPLACE TEMP TABLE ${this.table(f.key)} AS
SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(value AS VARCHAR) AS value
FROM (${f.sql}) __f`);
				this.built.set(f.key, f.identity);
				measure(`customer table ${f.key}`, t0);
			} catch (e) {
				errors.set(f.key, e instanceof Error ? e.message : String(e));
			}
		}
		return errors;
	}

	/**
	 * Customer `id`'s rows of `list` (a statement over every customer, e.g. the RFM section's list,
	 * whose scores rank all customers: ≈ 250 ms on a 1 M-line file each time), from a temp table of
	 * all its rows built once per `identity`.
	 */
	async rows<T>(
		query: QueryFn,
		key: string,
		list: Sql,
		identity: string,
		id: string
	): Promise<T[]> {
		await this.ensureRows(query, key, list, identity);
		return query<T>(forCustomer(sql`SELECT * FROM ${this.table(`rows:${key}`)}`, id));
	}

	/** The table holding field `key`'s values (customer_id, value) as of `identity`, or null. */
	tableOf(key: string, identity: string): Sql | null {
		return this.built.get(key) === identity ? sql`${this.table(key)}` : null;
	}

	/** Build the table of `list`'s rows for rows() unless it holds `identity` already. */
	async ensureRows(query: QueryFn, key: string, list: Sql, identity: string): Promise<void> {
		if (this.built.get(`rows:${key}`) === identity) return;
		this.built.delete(`rows:${key}`);
		const t0 = performance.now();
		await query(
			sql`CREATE OR REPLACE TEMP TABLE ${this.table(`rows:${key}`)} AS SELECT * FROM (${list}) __l`
		);
		this.built.set(`rows:${key}`, identity);
		measure(`customer table ${key}`, t0);
	}

	/** Each field's value for customer `id` (building the tables it needs first). */
	async values(query: QueryFn, fields: readonly FieldInput[], id: string): Promise<ProfileField[]> {
		const errors = await this.ensure(query, fields);
		const out: ProfileField[] = [];
		for (const f of fields) {
			const error = errors.get(f.key);
			if (error !== undefined || !this.built.has(f.key)) {
				out.push({ key: f.key, value: null, error: error ?? 'not built' });
				continue;
			}
			const [row] = await query<{ value: string | null }>(
				sql`SELECT value FROM ${this.table(f.key)} WHERE customer_id = ${id}`
			);
			out.push({ key: f.key, value: row?.value ?? null, error: null });
		}
		return out;
	}
}

/** Every part of the profile, one statement after the other; derived fields from `tables`. */
export async function readCustomerProfile(
	query: QueryFn,
	input: ProfileInput,
	tables: FieldTables = new FieldTables()
): Promise<CustomerProfile> {
	const { scope, id } = input;
	const q = buildProfileQueries(scope, id, input.thresholds);
	// Each part's time (`clientele: customer <part>` in the browser's performance timeline).
	const timed = async <T>(part: string, p: () => Promise<T[]>): Promise<T[]> => {
		const t0 = performance.now();
		const rows = await p();
		measure(`customer ${part}`, t0);
		return rows;
	};
	const [facts] = await timed('facts', () => query<ProfileFacts>(q.facts));
	const orders = await timed('orders', () => query<ProfileOrder>(q.orders));
	const [cycle] = await timed('cycle', () => query<ProfileCycle>(q.cycle));
	const stages = q.stages ? await timed('stages', () => query<StageChange>(q.stages!)) : [];
	const rfmSql = input.rfmCustomers;
	const [rfm] = rfmSql
		? await timed('rfm', () => tables.rows<ProfileRfm>(query, 'rfm', rfmSql, input.rfmIdentity, id))
		: [];
	const fields = await timed('fields', () => tables.values(query, input.fields, id));
	return {
		id,
		facts: facts ?? null,
		orders,
		cycle: cycle ?? null,
		stages,
		rfm: rfm ?? null,
		fields
	};
}
