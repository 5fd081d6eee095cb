/**
 * What the analyses that store a worker's result in DuckDB share (the forecast's fits,
 * clv/write-fit.ts; the basket analysis' rules, basket/recommended.ts): a key's rows are written
 * under a run number, then made the key's in one statement, so a reader sees the previous rows or
 * the new ones, never none or both.
 * Also the shared intermediates' tables (SharedTableCache, withIntermediate).
 */
import type { QueryFn } from '../core/analysis';
import type { Intermediate, SharedTables } from '../core/intermediate';
import { ident, sql, type Sql } from '../core/sql';
import { measure } from '../core/timing';

let runs = 0;

/** A run number no other run of this page (or test process) uses. */
export function nextRun(): number {
	runs = (runs + 1) % 1000;
	return Date.now() * 1000 + runs;
}

/** A finite number as a SQL literal; NULL otherwise (∞, NaN, a missing value). */
export function numberLiteral(v: number | undefined): string {
	return v !== undefined && Number.isFinite(v) ? String(v) : 'NULL';
}

/** The statement storing `i`'s rows in the temp table `name` (shared or a run's own). */
function storeStatement(name: string, i: Intermediate) {
	return sql`CREATE OR REPLACE TEMP TABLE ${ident(name)} AS\n${i.rows}`;
}

/** Name prefix of the shared intermediates' temp tables (SharedTableCache). */
export const SHARED_TABLE_PREFIX = '__shared_';

/**
 * The dashboard's shared intermediates (issue 22, item 3): a temp table per key, built by the
 * first run that asks (RFM's, or the breakdown's when it runs first) and read by the next ones.
 * The dashboard clears it when the data change, as it forgets the materialised scope. The last
 * `limit` keys are kept (a scope or a setting seen again is not rebuilt); an older one is dropped.
 *
 * Tables are named by intermediate and slot (`__shared_rfm_scored_0`): the same names load after
 * load. Builds and drops run one after another in the order asked, so a drop of the previous data's
 * table (clear) or of an evicted one always runs before a build that reuses its name.
 */
export class SharedTableCache implements SharedTables {
	/** Key → its table's name and build, oldest first; a second reader waits for the first build. */
	private readonly tables = new Map<string, { name: string; built: Promise<string> }>();
	/** The builds and drops, in the order asked. */
	private chain: Promise<unknown> = Promise.resolve();

	constructor(private readonly limit = 4) {}

	/** How many tables it holds (or is building). */
	get size(): number {
		return this.tables.size;
	}

	/** The names of the tables it holds (or is building), oldest first. */
	get names(): string[] {
		return [...this.tables.values()].map((t) => t.name);
	}

	private serial<T>(step: () => Promise<T>): Promise<T> {
		const next = this.chain.then(step);
		this.chain = next.catch(() => undefined);
		return next;
	}

	tableOf(query: QueryFn, i: Intermediate): Promise<string> {
		const hit = this.tables.get(i.key);
		if (hit) {
			this.tables.delete(i.key);
			this.tables.set(i.key, hit);
			return hit.built;
		}
		while (this.tables.size >= this.limit) {
			const [oldest, table] = this.tables.entries().next().value!;
			this.tables.delete(oldest);
			void this.serial(() => query(sql`DROP TABLE IF EXISTS ${ident(table.name)}`)).catch(
				() => undefined
			);
		}
		const taken = new Set(this.names);
		let slot = 0;
		while (taken.has(`${SHARED_TABLE_PREFIX}${i.name}_${slot}`)) slot++;
		const name = `${SHARED_TABLE_PREFIX}${i.name}_${slot}`;
		const built = this.serial(async () => {
			const t0 = performance.now();
			await query(storeStatement(name, i));
			measure(`shared ${i.name}`, t0);
			return name;
		});
		const entry = { name, built };
		this.tables.set(i.key, entry);
		// A failed build is not kept: the next reader tries again (and gets its error).
		built.catch(() => {
			if (this.tables.get(i.key) === entry) this.tables.delete(i.key);
		});
		return built;
	}

	/**
	 * Forget every table (the data they were built from is gone) and drop them before any later
	 * build; `engine` gives the query function when some were built. Resolves once they are dropped.
	 */
	clear(engine: () => Promise<QueryFn>): Promise<void> {
		const names = this.names;
		this.tables.clear();
		if (names.length === 0) return Promise.resolve();
		return this.serial(async () => {
			const query = await engine();
			for (const name of names) await query(sql`DROP TABLE IF EXISTS ${ident(name)}`);
		}).catch(() => undefined);
	}
}

/**
 * Runs `use` between `store` (statements creating a run's own tables) and `drop` (dropping them,
 * whether `use` succeeds or throws): the loyalty run's purchases and members, the basket run's
 * lines and item ids, a run's own intermediate (withIntermediate).
 */
export async function withRunTables<T>(
	query: QueryFn,
	store: readonly Sql[],
	drop: readonly Sql[],
	use: () => Promise<T>
): Promise<T> {
	for (const q of store) await query(q);
	try {
		return await use();
	} finally {
		for (const q of drop) await query(q);
	}
}

/**
 * Runs `use` with the name of a table holding `i`'s rows: the shared one, kept for the next reader,
 * or without `shared` (the notebook's export, the warm-up, tests) one of this run's own,
 * `<prefix><run>`, dropped afterwards.
 */
export async function withIntermediate<T>(
	query: QueryFn,
	i: Intermediate,
	shared: SharedTables | undefined,
	prefix: string,
	use: (table: string) => Promise<T>
): Promise<T> {
	if (shared) return use(await shared.tableOf(query, i));
	const own = `${prefix}${nextRun()}`;
	return withRunTables(
		query,
		[storeStatement(own, i)],
		[sql`DROP TABLE IF EXISTS ${ident(own)}`],
		() => use(own)
	);
}
