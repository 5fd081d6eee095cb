import type { QueryFn } from '../core/analysis';
import type { Scope } from '../core/scope';
import { getEngine } from '../db/engine-instance';
import type { RegisteredAnalysis } from '../core/analyses';
import type { Sql } from '../core/sql';
import { measure } from '../core/timing';

export interface AnalysisState {
	status: 'idle' | 'running' | 'done' | 'error';
	data: unknown;
	error: string | null;
	ms: number;
}

/**
 * Global controls (as-of date, date range, one dimension filter) and the analyses' results.
 * Every analysis reads the same Scope, so all of them follow the controls.
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

	private generation = 0;

	constructor(private readonly analyses: readonly RegisteredAnalysis[]) {
		this.results = Object.fromEntries(analyses.map((a) => [a.def.id, idle()]));
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

	/** Run every analysis, one after the other (one DuckDB worker); stale runs are dropped. */
	async runAll(scope: Scope): Promise<void> {
		const gen = ++this.generation;
		this.results = Object.fromEntries(
			this.analyses.map((a) => [
				a.def.id,
				{ ...(this.results[a.def.id] ?? idle()), status: 'running' }
			])
		);
		for (const a of this.analyses) {
			if (gen !== this.generation) return;
			await this.runOne(a, scope, gen);
		}
	}

	/** Re-run one analysis after its own settings changed. */
	async rerun(id: string, scope: Scope): Promise<void> {
		const a = this.analyses.find((x) => x.def.id === id);
		if (!a) return;
		this.set(id, { ...(this.results[id] ?? idle()), status: 'running' });
		await this.runOne(a, scope, this.generation);
	}

	/** Defaults overlaid with what the user changed. */
	settingsOf(entry: RegisteredAnalysis | string): Record<string, unknown> {
		const a = typeof entry === 'string' ? this.analyses.find((x) => x.def.id === entry) : entry;
		if (!a) return {};
		return { ...a.defaults, ...(this.settings[a.def.id] ?? {}) };
	}

	/** Settings as the analysis runs them (derived statements filled in). */
	prepared(a: RegisteredAnalysis, scope: Scope): Record<string, unknown> {
		const settings = this.settingsOf(a);
		if (!a.prepare) return settings;
		return a.prepare(scope, settings, (id) => {
			return this.settingsOf(id);
		});
	}

	/** The SQL an analysis runs with the current scope and settings (for "Open in notebook"). */
	queriesOf(id: string, scope: Scope) {
		const a = this.analyses.find((x) => x.def.id === id);
		return a ? a.def.queries(scope, this.prepared(a, scope)) : {};
	}

	/** Change some settings of one analysis (the caller re-runs it). */
	update(id: string, patch: Record<string, unknown>) {
		this.settings = { ...this.settings, [id]: { ...(this.settings[id] ?? {}), ...patch } };
	}

	/** Rows of one query (segment customer lists for export). */
	async rows<T>(q: Sql): Promise<T[]> {
		const engine = await getEngine();
		return engine.query<T>(q);
	}

	private set(id: string, value: AnalysisState) {
		this.results = { ...this.results, [id]: value };
	}

	private async runOne(a: RegisteredAnalysis, scope: Scope, gen: number): Promise<void> {
		const engine = await getEngine();
		const query: QueryFn = (q) => engine.query(q);
		const t0 = performance.now();
		try {
			const data: unknown = await a.def.run(query, scope, this.prepared(a, scope));
			if (gen !== this.generation) return;
			measure(`analysis ${a.def.id}`, t0);
			this.set(a.def.id, { status: 'done', data, error: null, ms: performance.now() - t0 });
		} catch (e) {
			if (gen !== this.generation) return;
			this.set(a.def.id, {
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
