import type { QueryFn } from '../core/analysis';
import { materializeScopeStatements, type Scope } from '../core/scope';
import { getEngine } from '../db/engine-instance';
import type { Engine } from '../db/engine';
import { yieldToMain } from '../core/yield';
import type { AnalysisModule, LoadedData } from '../analyses/types';
import {
	appliesTo,
	dependentsOf,
	nextToRun,
	ORDERS_LOADED,
	preparedSettings
} from '../analyses/registry-tools';
import { SharedTableCache } from '../analyses/work-tables';
import { measure, measureSpan } from '../core/timing';
import type { Sql } from '../core/sql';
import type { ContactSources, ListFilter } from '../core/contacts';
import { CustomerLists, type CustomerList } from './customer-lists';

export interface AnalysisState<R = unknown> {
	status: 'idle' | 'running' | 'done' | 'error';
	data: R | null;
	error: string | null;
	ms: number;
}

/**
 * Global controls (as-of date, date range, one dimension filter) and the analyses' results.
 * Every analysis reads the same Scope, so all of them follow the controls.
 *
 * Speed (issue 6): the per-customer facts of a scope are materialised once in the worker
 * (materializeScopeStatements) and every analysis reads them; results are cached by the data
 * version and the analysis' complete SQL, so going back to a scope or a setting already seen, or
 * a change that leaves the SQL as it was, runs no query.
 */
export class Dashboard {
	asOf = $state<string | null>(null);
	from = $state<string | null>(null);
	to = $state<string | null>(null);
	filter = $state<Scope['filter']>(null);
	/** Per-analysis settings, keyed by analysis id (editable in each section). */
	settings = $state<Record<string, Record<string, unknown>>>({});
	/** Results are replaced whole ($state.raw): large row arrays are not made deeply reactive. */
	results = $state.raw<Record<string, AnalysisState>>({});
	/** What the loaded data set holds (useData): which analyses apply, and their prepare's data. */
	loaded = $state.raw<LoadedData>(ORDERS_LOADED);

	private generation = 0;
	private dataVersion = 0;
	/** Dashboards made so far: each names its data apart (dataKey). */
	private static made = 0;
	private readonly instance = Dashboard.made++;
	/** Loads seen by useData: with `instance`, the data key of derived-field identities. */
	private loads = 0;
	private baskets: unknown = null;
	/** Results by cacheKey, oldest first (Map order); at most CACHE_SCOPES scopes' worth. */
	private cache = new Map<string, unknown>();
	/** Scope whose temp tables exist in the worker, and the queue materialising one at a time. */
	private materializedKey: string | null = null;
	private scopeQueue: Promise<unknown> = Promise.resolve();
	/**
	 * Intermediates the analyses share (RFM's scored customers, read by the breakdown too), a
	 * table per scope and settings, built once by the first run that needs it; per data set.
	 */
	private readonly shared = new SharedTableCache();
	private lists = new CustomerLists();

	/** `engine` is the page's DuckDB by default; unit tests pass the Node engine. */
	constructor(
		private readonly analyses: readonly AnalysisModule[],
		private readonly engine: () => Promise<Engine> = getEngine
	) {
		this.results = Object.fromEntries(analyses.map((a) => [a.id, idle()]));
	}

	/**
	 * The loaded data changed: forget results and materialised tables. `version` is the session's
	 * dataVersion (a build of the orders); `baskets` the basket files' summary, a new object per
	 * load — basket files build no orders, so without it a second basket file would be answered
	 * from the first one's cached rules (their SQL reads the same `baskets` table).
	 */
	useData(version: number, loaded: LoadedData = ORDERS_LOADED, baskets: unknown = null) {
		const same =
			version === this.dataVersion &&
			baskets === this.baskets &&
			JSON.stringify(loaded) === JSON.stringify(this.loaded);
		if (same) return;
		this.loads++;
		this.dataVersion = version;
		this.baskets = baskets;
		this.loaded = loaded;
		this.cache.clear();
		this.materializedKey = null;
		// Built from the previous data: dropped before the next build (they keep their names).
		void this.shared.clear(async () => {
			const e = await this.engine();
			return (q) => e.query(q);
		});
	}

	/** Whether `m` runs on the loaded data (basket files alone: only the basket analysis). */
	applies(m: AnalysisModule): boolean {
		return appliesTo(m, this.loaded);
	}

	/** Reset controls for a freshly loaded data set. */
	reset(defaultAsOf: string) {
		this.asOf = defaultAsOf;
		this.from = null;
		this.to = null;
		this.filter = null;
		this.settings = {};
	}

	scope(hasCustomers: boolean, customerColumns: string[]): Scope | null {
		// Basket files alone have no dates, so no as-of date to start from; the analyses that
		// apply to them read the basket file, not the scope (their prepare picks that source).
		if (!this.loaded.orders) {
			return {
				asOf: '',
				from: null,
				to: null,
				filter: null,
				hasCustomers: false,
				customerColumns: []
			};
		}
		if (!this.asOf) return null;
		return {
			asOf: this.asOf,
			from: this.from || null,
			to: this.to || null,
			filter: this.filter && this.filter.values.length > 0 ? this.filter : null,
			hasCustomers,
			customerColumns
		};
	}

	/**
	 * Run every analysis, one after the other (one DuckDB worker); stale runs are dropped. Cached
	 * results are shown at once; the rest run over the scope materialised once. True when this run
	 * finished as the latest one (false when a newer run replaced it).
	 */
	async runAll(scope: Scope): Promise<boolean> {
		const gen = ++this.generation;
		const cached = new Map<string, unknown>();
		// Those that do not apply to the loaded data (orders analyses on basket files) stay idle.
		const analyses = this.analyses.filter((a) => this.applies(a));
		for (const a of analyses) {
			const key = this.cacheKey(a, scope);
			if (this.cache.has(key)) cached.set(a.id, this.cache.get(key));
		}
		this.results = Object.fromEntries(
			this.analyses.map((a) => [
				a.id,
				!this.applies(a)
					? idle()
					: cached.has(a.id)
						? { status: 'done', data: cached.get(a.id), error: null, ms: 0 }
						: { ...(this.results[a.id] ?? idle()), status: 'running' }
			])
		);
		// Progressive (issue 22): the sections on screen first, then those scrolled past,
		// readers of derived fields after their owners (registry-tools nextToRun). While one waits
		// for its worker (a fit, rule mining, a simulation), the next runs its SQL: DuckDB would
		// otherwise sit idle (about 2 s of the 1 M-line dashboard). Statements still run one
		// analysis at a time (takeTurn).
		this.pending = analyses.filter((a) => !cached.has(a.id));
		this.asked = [];
		const running = new Map<string, Promise<void>>();
		for (;;) {
			if (gen !== this.generation) return false;
			const a = nextToRun(
				this.analyses,
				this.pending,
				this.visible,
				this.asked,
				[...running.keys()],
				(m) => this.settingsOf(m)
			);
			if (!a) {
				if (running.size === 0) break;
				await Promise.race(running.values());
				continue;
			}
			this.pending = this.pending.filter((x) => x !== a);
			this.asked = this.asked.filter((id) => id !== a.id);
			let computing = (): void => {};
			const engineFree = new Promise<void>((resolve) => (computing = resolve));
			// Not for a section on screen: the person waits for that one, which would then wait
			// for the next section's statements after its worker is done.
			const onComputing = () => {
				if (!this.visible.has(a.id)) computing();
			};
			const run = this.runOne(a, scope, gen, onComputing).finally(() => running.delete(a.id));
			running.set(a.id, run);
			await Promise.race([run, engineFree]);
			// Let the browser paint this section before the next result arrives.
			await yieldToMain();
		}
		return gen === this.generation;
	}

	/**
	 * A section came into view (`inView`) or left it (its IntersectionObserver): the ones on
	 * screen run first, then those seen while they waited (scrolled past), the last seen first.
	 */
	see(id: string, inView: boolean) {
		if (!inView) {
			this.visible.delete(id);
			return;
		}
		this.visible.add(id);
		if (this.pending.some((a) => a.id === id))
			this.asked = [...this.asked.filter((x) => x !== id), id];
	}

	/** What runAll still has to run, in display order, and the sections asked for meanwhile. */
	private pending: AnalysisModule[] = [];
	private asked: string[] = [];
	/** Sections (ids) on screen now. */
	private readonly visible = new Set<string>();

	/** Re-run one analysis after its own settings changed (from the cache when it can). */
	async rerun(id: string, scope: Scope): Promise<void> {
		const a = this.analyses.find((x) => x.id === id);
		// One that does not apply to the loaded data (an orders analysis reading the basket
		// analysis' field, with basket files alone) stays idle, as runAll leaves it.
		if (!a || !this.applies(a)) return;
		const key = this.cacheKey(a, scope);
		if (this.cache.has(key)) {
			const data = this.cache.get(key);
			// Its SQL did not change and it shows that result: keep its state, nothing to redraw.
			const current = this.results[id];
			if (current?.status === 'done' && current.data === data) return;
			this.set(id, { status: 'done', data, error: null, ms: 0 });
			return;
		}
		this.set(id, { ...(this.results[id] ?? idle()), status: 'running' });
		await this.runOne(a, scope, this.generation);
	}

	/**
	 * The user changed some settings of `m`: re-run it, then the analyses that read its derived
	 * fields (registry `dependsOn`; from the cache when their SQL did not change).
	 */
	async change<S extends object>(m: AnalysisModule<S>, patch: Partial<S>, scope: Scope | null) {
		this.update(m, patch);
		if (!scope) return;
		await this.rerun(m.id, scope);
		for (const id of dependentsOf(this.analyses, m.id)) await this.rerun(id, scope);
	}

	/** The state of one analysis, typed by its manifest. */
	stateOf<S extends object, R>(m: AnalysisModule<S, R>): AnalysisState<R> {
		// The one place results meet their type: runOne stored what m.def.run returned under m.id.
		return (this.results[m.id] ?? idle()) as AnalysisState<R>;
	}

	/** Defaults overlaid with what the user changed. */
	settingsOf<S extends object>(m: AnalysisModule<S>): S {
		const own = this.settings[m.id];
		const seen = this.settingsSeen.get(m.id);
		// The same object while this analysis' own settings are the same: every section derives
		// its settings from here, and a new object at another analysis' change redrew its charts.
		if (seen && seen.own === own && seen.defaults === m.defaults) return seen.value as S;
		const value = { ...m.defaults, ...((own ?? {}) as Partial<S>) };
		this.settingsSeen.set(m.id, { own, defaults: m.defaults, value });
		return value;
	}

	/** settingsOf's last answer per analysis, with what it was made from (not reactive). */
	private readonly settingsSeen = new Map<
		string,
		{ own: unknown; defaults: object; value: object }
	>();

	/** Settings as the analysis runs them (derived statements filled in). */
	prepared<S extends object>(m: AnalysisModule<S>, scope: Scope): S {
		return preparedSettings(
			this.analyses,
			m,
			scope,
			this.settingsOf(m),
			(o) => this.settingsOf(o),
			this.loaded,
			this.dataKey()
		) as S;
	}

	/**
	 * Names the data this dashboard's engine holds (PrepareContext.derivedIdentity): another load,
	 * or another dashboard on the same engine (tests), gives another key.
	 */
	private dataKey(): string {
		return `${this.instance}:${this.loads}`;
	}

	/**
	 * The result of `m` with its per-customer lists (RunOptions.customerLists), for a download no
	 * named query gives: the basket analysis' recommendations come from its miner, not from SQL.
	 * Run afresh on the plain scope each time (the dashboard's results carry no lists).
	 */
	async resultWithLists<S extends object, R>(m: AnalysisModule<S, R>, scope: Scope): Promise<R> {
		const engine = await this.engine();
		const compute = m.compute ? (await m.compute()).default : undefined;
		const plain: Scope = { ...scope, materialized: false };
		return m.def.run((q) => engine.query(q), plain, this.prepared(m, plain), {
			customerLists: true,
			compute
		});
	}

	/** The SQL an analysis runs with the current scope and settings (for "Open in notebook"). */
	queriesOf(id: string, scope: Scope) {
		const a = this.analyses.find((x) => x.id === id);
		return a ? a.def.queries(scope, this.prepared(a, scope)) : {};
	}

	/** All rows of one named query of `m` with `scope` (a customer list, fetched on export). */
	async rowsOf<S extends object>(
		m: AnalysisModule<S>,
		key: string,
		scope: Scope | null
	): Promise<Record<string, unknown>[]> {
		const q = scope ? m.def.queries(scope, this.prepared(m, scope))[key] : undefined;
		if (!q) return [];
		const engine = await this.engine();
		return engine.query<Record<string, unknown>>(q);
	}

	/**
	 * A customer list for download: the named query `key` of `m` with `scope`, only the rows where
	 * `keep.column` = `keep.value`, with the customers' contact columns (core/contacts.ts).
	 */
	async customersOf<S extends object>(
		m: AnalysisModule<S>,
		key: string,
		scope: Scope | null,
		sources: ContactSources,
		keep?: ListFilter
	): Promise<CustomerList> {
		const q = scope ? m.def.queries(scope, this.prepared(m, scope))[key] : undefined;
		if (!q) return { rows: [], contacts: [] };
		return this.customerList(q, sources, keep);
	}

	/** Any customer list statement (a `customer_id` column) with the contact columns added. */
	async customerList(q: Sql, sources: ContactSources, keep?: ListFilter): Promise<CustomerList> {
		return this.lists.query(await this.engine(), this.dataVersion, q, sources, keep);
	}

	/**
	 * Run `use` over `scope` materialised (the temp tables the analyses read), for statements with
	 * single-customer predicates (the customer profile): they read the scope's per-customer facts
	 * instead of aggregating `orders` again.
	 */
	async onScope<T>(scope: Scope, use: (query: QueryFn, scope: Scope) => Promise<T>): Promise<T> {
		const engine = await this.engine();
		await this.ensureScope(engine, scope);
		return use((q) => engine.query(q), { ...scope, materialized: true });
	}

	/** Change some settings of one analysis (the caller re-runs it). */
	update<S extends object>(m: AnalysisModule<S>, patch: Partial<S>) {
		this.settings = {
			...this.settings,
			[m.id]: { ...(this.settings[m.id] ?? {}), ...(patch as Record<string, unknown>) }
		};
	}

	private set(id: string, value: AnalysisState) {
		this.results = { ...this.results, [id]: value };
	}

	/**
	 * The data version, the analysis, its complete SQL (which spells out the scope) and its
	 * settings: not every setting is in the SQL — the basket analysis' support and confidence
	 * go to its miner, which runs after the same statements.
	 */
	private cacheKey(a: AnalysisModule, scope: Scope): string {
		const plain: Scope = { ...scope, materialized: false };
		const settings = this.prepared(a, plain);
		return JSON.stringify([this.dataVersion, a.id, a.def.queries(plain, settings), settings]);
	}

	private remember(key: string, data: unknown) {
		this.cache.delete(key);
		this.cache.set(key, data);
		// Keep two scopes' worth (e.g. before and after a filter): customer lists are large.
		while (this.cache.size > 2 * this.analyses.length) {
			const oldest = this.cache.keys().next().value as string;
			this.cache.delete(oldest);
		}
	}

	private scopeKey(scope: Scope): string {
		const plain: Scope = { ...scope, materialized: false };
		return JSON.stringify([this.dataVersion, plain]);
	}

	private isMaterialized(scope: Scope): boolean {
		return this.materializedKey === this.scopeKey(scope);
	}

	/** Materialise `scope` in the worker unless it already is; one materialisation at a time. */
	private ensureScope(engine: Engine, scope: Scope): Promise<void> {
		const plain: Scope = { ...scope, materialized: false };
		const key = this.scopeKey(scope);
		const next = this.scopeQueue.then(async () => {
			if (this.materializedKey === key) return;
			this.materializedKey = null;
			const t0 = performance.now();
			for (const stmt of materializeScopeStatements(plain)) await engine.exec(stmt);
			measure('scope', t0);
			this.materializedKey = key;
		});
		this.scopeQueue = next.catch(() => undefined);
		return next;
	}

	/**
	 * The analyses' turns at the engine, in the order asked: one issues statements at a time, so
	 * a section's SQL time is its own statements' (the bench's `sql <id>`), and one waiting for its
	 * worker gives its turn up meanwhile. The returned function ends the turn.
	 */
	private async takeTurn(): Promise<() => void> {
		let end = (): void => {};
		const mine = new Promise<void>((resolve) => (end = resolve));
		const before = this.turns;
		this.turns = before.then(() => mine);
		await before;
		return end;
	}
	private turns: Promise<void> = Promise.resolve();

	/**
	 * Run `a` and show its result. `computing` is called when it hands work to its worker (its
	 * turn at the engine given up until the worker is done).
	 */
	private async runOne(
		a: AnalysisModule,
		scope: Scope,
		gen: number,
		computing: () => void = () => {}
	): Promise<void> {
		// Runs of one analysis one after the other (a settings change while the dashboard's run of
		// it waits for its worker): an analysis may serialise its own runs (the forecast does), and
		// a second run holding the turn while waiting for the first, which waits for the turn after
		// its worker, would never end.
		const previous = this.runsOf.get(a.id);
		const mine = (previous ?? Promise.resolve()).then(() =>
			this.runTurns(a, scope, gen, computing)
		);
		const tail = mine.catch(() => undefined);
		this.runsOf.set(a.id, tail);
		try {
			await mine;
		} finally {
			if (this.runsOf.get(a.id) === tail) this.runsOf.delete(a.id);
		}
	}
	private readonly runsOf = new Map<string, Promise<void>>();

	private async runTurns(
		a: AnalysisModule,
		scope: Scope,
		gen: number,
		computing: () => void
	): Promise<void> {
		let endTurn = await this.takeTurn();
		let turn = true;
		try {
			await this.runInTurn(a, scope, gen, async (job) => {
				turn = false;
				endTurn();
				computing();
				try {
					return await job();
				} finally {
					endTurn = await this.takeTurn();
					turn = true;
				}
			});
		} finally {
			if (turn) endTurn();
		}
	}

	private async runInTurn(
		a: AnalysisModule,
		scope: Scope,
		gen: number,
		offTurn: <T>(job: () => Promise<T>) => Promise<T>
	): Promise<void> {
		const engine = await this.engine();
		// Time spent waiting for DuckDB (statement, transfer, rows), for the bench's wasm/native
		// ratio of the SQL alone (`clientele: sql <id>`); the scope's materialisation counts too.
		let sqlMs = 0;
		const timed = async <T>(p: () => Promise<T>): Promise<T> => {
			const t = performance.now();
			try {
				return await p();
			} finally {
				sqlMs += performance.now() - t;
			}
		};
		const query: QueryFn = (q) => timed(() => engine.query(q));
		const t0 = performance.now();
		try {
			const key = this.cacheKey(a, scope);
			// An analysis of a few aggregates (the overview, what a person sees first) costs less
			// than materialising the scope: when the scope is not materialised yet, it runs on the
			// plain SQL (same rows, see scope-materialized.test) and the next analysis materialises.
			const materialized = !a.beforeScope || this.isMaterialized(scope);
			const fast: Scope = { ...scope, materialized };
			// The settings of the key, taken with it: a change made while this run waits (for the
			// scope, the compute chunk) runs on its own, and its result must not be cached here.
			const settings = this.prepared(a, fast);
			if (materialized) await timed(() => this.ensureScope(engine, scope));
			const own = a.compute ? (await a.compute()).default : undefined;
			const compute: typeof own = own && ((...args) => offTurn(() => own(...args)));
			const data: unknown = await a.def.run(query, fast, settings, {
				customerLists: false,
				compute,
				shared: this.shared,
				queryUtf8:
					engine.queryUtf8 && (<K extends string>(q: Sql) => timed(() => engine.queryUtf8!<K>(q)))
			});
			if (gen !== this.generation) return;
			measure(`analysis ${a.id}`, t0);
			measureSpan(`sql ${a.id}`, t0, sqlMs);
			this.remember(key, data);
			// The result's rows were decoded in this task; the section's DOM update gets its own
			// (together they came near the 100 ms a task may block the page).
			await yieldToMain();
			// Shown only while its settings are in force: a run for settings changed since ends
			// later and shows its own (an older run finishing last must not replace it).
			if (gen !== this.generation || this.cacheKey(a, scope) !== key) return;
			this.set(a.id, { status: 'done', data, error: null, ms: performance.now() - t0 });
		} catch (e) {
			if (gen !== this.generation) return;
			this.set(a.id, {
				status: 'error',
				data: null,
				error: e instanceof Error ? e.message : String(e),
				ms: performance.now() - t0
			});
		}
	}
}

function idle(): AnalysisState {
	return { status: 'idle', data: null, error: null, ms: 0 };
}
