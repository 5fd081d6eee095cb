/**
 * The forecast's compute hook (the manifest's `compute`, given to def.run as options.compute by
 * the state layer): in the page, job.ts runs in a module Web Worker (../job-worker.ts, bound by
 * the page's policy) so a fit of a million customers never blocks the page; where there is no
 * Worker (Node: tests, the warm-up's corpus run) it runs in-thread. Loaded with the dashboard,
 * never with the empty page.
 */
import { jobWorker } from '../job-worker';
import { packedBuffers } from '../packed';
import type { FitJobInput, FitJobOutput } from './job';
import type { FitProgressReply } from './fit.worker';
import workerUrl from './fit.worker.ts?worker&url';

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

let run: ((input: FitJobInput) => Promise<FitJobOutput>) | null = null;

/** The buffers of the input's typed columns (the groups and the spend), for the transfer list. */
export function inputBuffers(input: FitJobInput): ArrayBuffer[] {
	const { groups: g, spend: s } = input;
	return packedBuffers(g.x, g.tx, g.T, g.weight, s.x, s.m, s.weight);
}

/** Run the fit job (job.ts) off the page's thread; in-thread where there is no Worker. */
export default async function compute(input: unknown): Promise<unknown> {
	const job = input as FitJobInput;
	if (typeof Worker === 'undefined') {
		const { runFitJob } = await import('./job');
		return runFitJob(job);
	}
	run ??= jobWorker<FitJobInput, FitJobOutput, FitProgressReply>({
		url: workerUrl,
		name: 'clientele-clv-fit',
		label: 'clv: the fit worker',
		onStart: () => report('bgnbd'),
		onProgress: (p) => report(p.stage, p.share),
		onIdle: () => report(null),
		// The groups' and spend's columns cross by transfer, not by copy (job.ts GroupColumns).
		transfer: inputBuffers
	});
	return run(job);
}
