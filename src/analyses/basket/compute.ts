/**
 * The basket analysis' compute hook (the manifest's `compute`, given to def.run as
 * options.compute by the state layer): in the page, job.ts runs in a module Web Worker
 * (../job-worker.ts, bound by the page's policy) so mining never blocks the page and its progress
 * shows; where there is no Worker (Node: tests, the warm-up) it runs in-thread. Jobs run one
 * after the other in the one worker; a newer job does not cancel an older one (the dashboard
 * keeps only the latest result).
 */
import { jobWorker } from '../job-worker';
import { packedBuffers } from '../packed';
import type { BasketJobInput, BasketJobOutput } from './job';
import type { MineProgressReply } from './mine.worker';
import workerUrl from './mine.worker.ts?worker&url';

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

let run: ((input: BasketJobInput) => Promise<BasketJobOutput>) | null = null;

/** Run the mining job (job.ts) off the page's thread; in-thread where there is no Worker. */
export default async function compute(input: unknown): Promise<unknown> {
	const job = input as BasketJobInput;
	if (typeof Worker === 'undefined') {
		const { runBasketJob } = await import('./job');
		return runBasketJob(job);
	}
	run ??= jobWorker<BasketJobInput, BasketJobOutput, MineProgressReply>({
		url: workerUrl,
		name: 'clientele-basket-mine',
		label: 'basket: the mining worker',
		onStart: () => report(true),
		onProgress: (p) => report(true, p.share, p.itemsets),
		onIdle: () => report(false),
		// The baskets' packed parts cross by transfer, not by copy (../packed.ts).
		transfer: (input) => packedBuffers(input.baskets)
	});
	return run(job);
}
