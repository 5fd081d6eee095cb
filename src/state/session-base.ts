/**
 * The engine side of the session: where its engine comes from and whether it lives (restarted
 * after a crash, recovered after running out of memory), the warm-up while the page waits, and
 * the loading state a step runs in (progress, cancel, its failure shown as a problem). Session
 * (session.svelte.ts) extends it with the data set's steps.
 */
import type { LoadProgress, LoadReport } from '../core/ingest/types';
import type { Sql } from '../core/sql';
import { isEngineDead, isOutOfMemory } from '../core/engine-errors';
import { engineStats, type EngineStats } from '../db/stats';
import { EngineStatus } from '../db/pipeline/engine-status';
import { runWarmUp } from './engine-warm-up';
import { problemOf } from './problems';
import { forgotten } from './session-data';
import { PAGE_ENGINE, type SessionEngine, type SessionEngineSource } from './session-engine';
import { SessionState } from './session-state.svelte';

export class SessionBase extends SessionState {
	protected abort: AbortController | null = null;
	protected readonly counting = new Set<LoadReport>();
	protected readonly status: EngineStatus<SessionEngine>;

	/** `engines`: where the engine comes from — the page's (db/engine-instance) unless a test's. */
	constructor(protected readonly engines: SessionEngineSource = PAGE_ENGINE) {
		super();
		this.status = new EngineStatus(engines, (s, e) => {
			this.engineState = s;
			if (e !== null) this.engineError = e;
		});
		// For the bench: what the page fetched until the engine is ready is its start-up weight.
		void this.status.watchStart(() => performance.mark?.('clientele: engine ready'));
	}

	/**
	 * Once the engine is up, and only if no file has been given yet, run its warm-up: the user's
	 * first file then runs on optimised code. Anything the page asks of the engine stops it.
	 * `prefetch` (the page's chunks a file will need) runs after a complete warm-up while the
	 * page still waits for a file, before the state becomes 'done'; its failure is ignored (the
	 * file asks for the same chunks again).
	 */
	async warmUp(prefetch?: () => Promise<unknown>): Promise<void> {
		const engine = await this.engines.get().catch(() => null);
		if (!engine || this.phase !== 'empty' || this.warmState !== 'idle') return;
		this.warmState = 'running';
		this.warmState = await runWarmUp(engine, () => this.phase === 'empty', prefetch);
	}

	/**
	 * Run a load step with the page's loading state: `work` reports progress by file; its failure is
	 * shown as a problem with the file `failed()` names, unless the load was cancelled meanwhile.
	 */
	protected async loading(
		failed: () => string | null,
		work: (
			signal: AbortSignal,
			onProgress: (file: string, p: LoadProgress) => void
		) => Promise<void>
	): Promise<void> {
		this.abort?.abort();
		const abort = new AbortController();
		this.abort = abort;
		this.phase = 'loading';
		this.problem = null;
		const startedAt = performance.now();
		try {
			await work(abort.signal, (file, p) => {
				this.progress = { file, stage: p.stage, fraction: p.fraction, startedAt };
			});
		} catch (e) {
			if (!abort.signal.aborted) this.failWith(e, failed());
		} finally {
			if (this.abort === abort) this.abort = null;
			this.progress = null;
		}
	}

	/** Cancel a running load: the worker is killed and restarted; nothing half-loaded remains. */
	async cancel(): Promise<void> {
		this.abort?.abort();
		this.abort = null;
		this.progress = null;
		await this.status.restart();
		this.apply({
			...forgotten(),
			phase: 'empty',
			problem: { file: null, key: 'error.cancelled', message: '' }
		});
	}

	protected failWith(e: unknown, file: string | null = null): void {
		this.phase = 'error';
		this.problem = problemOf(e, file);
		if (isOutOfMemory(e) || isEngineDead(e)) void this.recover();
	}

	/** DuckDB's tables, views and memory (the `?probe` test hook, scripts/measure-memory.mjs). */
	async engineStats(): Promise<EngineStats> {
		return engineStats(await this.engines.get());
	}

	/** Rows of one read-only query (rejected lines, customer lists, filter values). */
	async rows<T>(q: Sql): Promise<T[]> {
		const engine = await this.engines.get();
		return engine.query<T>(q);
	}

	/** An analysis ran out of memory: restart the engine if its worker died (no-op otherwise). */
	checkEngine(): void {
		void this.recover();
	}

	/**
	 * After running out of memory: free what a half-finished load left behind, or — when the
	 * worker died or no longer answers — start a fresh engine (the loaded data is gone then, and
	 * the page says so by going back to the empty state with the problem shown).
	 */
	private async recover(): Promise<void> {
		await this.status.recover(() => {
			this.apply({ ...forgotten(), phase: 'error' });
			if (this.problem?.key !== 'error.outOfMemory') {
				this.problem = { file: null, key: 'error.engineCrashed', message: 'worker stopped' };
			}
		});
	}
}
