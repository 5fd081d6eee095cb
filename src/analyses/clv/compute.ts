/**
 * The forecast's compute hook (the manifest's `compute`, given to def.run as options.compute by
 * the state layer): in the page, job.ts runs in a module Web Worker so a fit of a million
 * customers never blocks the page; where there is no Worker (Node: tests, the warm-up's corpus
 * run) it runs in-thread. Loaded with the dashboard, never with the empty page.
 */
import type { FitJobInput, FitJobOutput } from './job';
import type { FitReply, FitRequest } from './fit.worker';

/** The fit's progress: the stage running ('bgnbd', 'gamma-gamma', 'predictions') or null, and its share done. */
export interface FitProgress {
	stage: string | null;
	share: number;
}

const listeners = new Set<(p: FitProgress) => void>();

/** Call `listener` on every progress report (the section shows it); returns the unsubscribe. */
export function onFitProgress(listener: (p: FitProgress) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function report(stage: string | null, share = 0) {
	for (const l of listeners) l({ stage, share });
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(o: FitJobOutput): void; reject(e: Error): void }>();

function fitWorker(): Worker {
	if (worker) return worker;
	const w = new Worker(new URL('./fit.worker.ts', import.meta.url), {
		type: 'module',
		name: 'clientele-clv-fit'
	});
	w.onmessage = (e: MessageEvent<FitReply>) => {
		const reply = e.data;
		const job = pending.get(reply.id);
		if (!job) return;
		if (reply.type === 'progress') {
			report(reply.stage, reply.share);
			return;
		}
		pending.delete(reply.id);
		if (pending.size === 0) report(null);
		if (reply.type === 'done') job.resolve(reply.output);
		else job.reject(new Error(reply.message));
	};
	w.onerror = (e) => {
		// A worker that failed to load or crashed: fail every job, start afresh next time.
		const err = new Error(`clv: the fit worker failed (${e.message || 'no message'})`);
		for (const job of pending.values()) job.reject(err);
		pending.clear();
		report(null);
		w.terminate();
		worker = null;
	};
	worker = w;
	return w;
}

/** Run the fit job (job.ts) off the page's thread; in-thread where there is no Worker. */
export default async function compute(input: unknown): Promise<unknown> {
	const job = input as FitJobInput;
	if (typeof Worker === 'undefined') {
		const { runFitJob } = await import('./job');
		return runFitJob(job);
	}
	const w = fitWorker();
	const id = nextId++;
	report('bgnbd');
	return new Promise<FitJobOutput>((resolve, reject) => {
		pending.set(id, { resolve, reject });
		const request: FitRequest = { id, input: job };
		w.postMessage(request);
	});
}
