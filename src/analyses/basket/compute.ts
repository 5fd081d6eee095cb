/**
 * The basket analysis' compute hook (the manifest's `compute`, given to def.run as
 * options.compute by the state layer): in the page, job.ts runs in a module Web Worker so
 * mining never blocks the page and its progress shows; where there is no Worker (Node: tests,
 * the warm-up) it runs in-thread. Jobs run one after the other in the one worker; a newer job
 * does not cancel an older one (the dashboard keeps only the latest result).
 */
import type { BasketJobInput, BasketJobOutput } from './job';
import type { MineReply, MineRequest } from './mine.worker';

/** The miner's progress: whether a job runs, the share of the mining done, itemsets found. */
export interface MineProgressReport {
	running: boolean;
	share: number;
	itemsets: number;
}

const listeners = new Set<(p: MineProgressReport) => void>();

/** Call `listener` on every progress report (the section's bar); returns the unsubscribe. */
export function onMineProgress(listener: (p: MineProgressReport) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function report(running: boolean, share = 0, itemsets = 0) {
	for (const l of listeners) l({ running, share, itemsets });
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(o: BasketJobOutput): void; reject(e: Error): void }>();

function mineWorker(): Worker {
	if (worker) return worker;
	const w = new Worker(new URL('./mine.worker.ts', import.meta.url), {
		type: 'module',
		name: 'clientele-basket-mine'
	});
	w.onmessage = (e: MessageEvent<MineReply>) => {
		const reply = e.data;
		const job = pending.get(reply.id);
		if (!job) return;
		if (reply.type === 'progress') {
			report(true, reply.share, reply.itemsets);
			return;
		}
		pending.delete(reply.id);
		if (pending.size === 0) report(false);
		if (reply.type === 'done') job.resolve(reply.output);
		else job.reject(new Error(reply.message));
	};
	w.onerror = (e) => {
		// A worker that failed to load or crashed: fail every job, start afresh next time.
		const err = new Error(`basket: the mining worker failed (${e.message || 'no message'})`);
		for (const job of pending.values()) job.reject(err);
		pending.clear();
		report(false);
		w.terminate();
		worker = null;
	};
	worker = w;
	return w;
}

/** Run the mining job (job.ts) off the page's thread; in-thread where there is no Worker. */
export default async function compute(input: unknown): Promise<unknown> {
	const job = input as BasketJobInput;
	if (typeof Worker === 'undefined') {
		const { runBasketJob } = await import('./job');
		return runBasketJob(job);
	}
	const w = mineWorker();
	const id = nextId++;
	report(true);
	return new Promise<BasketJobOutput>((resolve, reject) => {
		pending.set(id, { resolve, reject });
		const request: MineRequest = { id, input: job };
		w.postMessage(request);
	});
}
