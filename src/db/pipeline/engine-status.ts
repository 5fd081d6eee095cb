/**
 * Engine status: the engine's start, a worker that died (out of memory, a cancelled load) and its
 * restart, told to the page as 'starting' / 'ready' / 'error'. The engine comes from a source
 * (db/engine-instance in the page, a Node engine in tests), so this is testable without a browser.
 */
import type { Engine } from '../engine';
import { dropUploads } from '../tables';

export type EngineState = 'starting' | 'ready' | 'error';

/** An engine whose worker can die (db/duckdb-browser BrowserEngine). */
export interface RestartableEngine extends Engine {
	readonly crashed: boolean;
}

export interface EngineSource<E extends RestartableEngine> {
	/** The current engine (started, starting or failed). */
	get(): Promise<E>;
	/** Kill the current engine and start a fresh one: its tables are gone. */
	restart(): Promise<E>;
}

/** How long a live engine has to answer `SELECT 1` before it counts as stuck. */
export const PROBE_MS = 5000;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class EngineStatus<E extends RestartableEngine> {
	private recovering: Promise<'freed' | 'restarted'> | null = null;

	constructor(
		private readonly source: EngineSource<E>,
		/** Told every change of state, with the error's text for 'error'. */
		private readonly onChange: (state: EngineState, error: string | null) => void,
		private readonly probeMs = PROBE_MS
	) {}

	/** Follow the engine's start: 'ready', or 'error' with why. */
	watchStart(onReady?: () => void): Promise<void> {
		return this.source.get().then(
			() => {
				onReady?.();
				this.onChange('ready', null);
			},
			(e: unknown) => this.onChange('error', messageOf(e))
		);
	}

	/**
	 * The engine for new work: a fresh one when the worker died since (e.g. out of memory in an
	 * analysis) — `restarted` then says whatever was loaded is gone.
	 */
	async live(): Promise<{ engine: E; restarted: boolean }> {
		const engine = await this.source.get();
		if (!engine.crashed) return { engine, restarted: false };
		this.onChange('starting', null);
		const fresh = await this.source.restart();
		this.onChange('ready', null);
		return { engine: fresh, restarted: true };
	}

	/** Kill the engine (cancels whatever runs) and start a fresh one. */
	async restart(): Promise<void> {
		this.onChange('starting', null);
		// The text as the cancel button has always shown it.
		await this.source.restart().then(
			() => this.onChange('ready', null),
			(e: unknown) => this.onChange('error', String(e))
		);
	}

	/**
	 * After running out of memory: when the engine still answers, free what a half-finished load
	 * left behind ('freed'); when its worker died or no longer answers, call `beforeRestart` (the
	 * loaded data is gone) and start a fresh engine ('restarted'). Concurrent calls share one run.
	 */
	recover(beforeRestart: () => void): Promise<'freed' | 'restarted'> {
		this.recovering ??= this.recoverOnce(beforeRestart).finally(() => (this.recovering = null));
		return this.recovering;
	}

	/** Whether `engine` is alive: not crashed and answering a trivial query in time. */
	async alive(engine: E | null): Promise<boolean> {
		if (engine === null || engine.crashed) return false;
		return withTimeout(engine.query('SELECT 1 AS ok'), this.probeMs).then(
			() => true,
			() => false
		);
	}

	private async recoverOnce(beforeRestart: () => void): Promise<'freed' | 'restarted'> {
		const engine = await this.source.get().catch(() => null);
		if (engine && (await this.alive(engine))) {
			await dropUploads(engine);
			return 'freed';
		}
		this.onChange('starting', null);
		beforeRestart();
		await this.source.restart().then(
			() => this.onChange('ready', null),
			(e: unknown) => this.onChange('error', messageOf(e))
		);
		return 'restarted';
	}
}

/** `p`, or a rejection after `ms` milliseconds (a worker that stopped answering). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('timeout')), ms);
		p.then(
			(v) => {
				clearTimeout(timer);
				resolve(v);
			},
			(e: unknown) => {
				clearTimeout(timer);
				reject(e instanceof Error ? e : new Error(String(e)));
			}
		);
	});
}
