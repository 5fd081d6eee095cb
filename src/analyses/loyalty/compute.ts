/**
 * The loyalty simulation's compute hook (the manifest's `compute`, given to def.run as
 * options.compute by the state layer): in the page, the points and ledger (job.ts, ledger.ts) runs in a module
 * Web Worker (../job-worker.ts, bound by the page's policy), so replaying a million purchases never
 * blocks the page; where there is no Worker (Node: tests, the warm-up) it runs in-thread. Jobs run
 * one after the other in the one worker.
 */
import { jobWorker } from '../job-worker';
import { packedBuffers } from '../packed';
import type { LedgerOutput } from './ledger';
import { runLoyaltyJob, type LoyaltyJobInput } from './job';
import workerUrl from './ledger.worker.ts?worker&url';

let run: ((input: LoyaltyJobInput) => Promise<LedgerOutput[]>) | null = null;

/** Run the points ledger off the page's thread; in-thread where there is no Worker. */
export default async function compute(input: unknown): Promise<unknown> {
	const job = input as LoyaltyJobInput;
	if (typeof Worker === 'undefined') return runLoyaltyJob(job);
	run ??= jobWorker<LoyaltyJobInput, LedgerOutput[], object>({
		url: workerUrl,
		name: 'clientele-loyalty-ledger',
		label: 'loyalty: the ledger worker',
		onStart: () => undefined,
		onProgress: () => undefined,
		onIdle: () => undefined,
		// The packed ids and purchases cross by transfer, not by copy (../packed.ts).
		transfer: (input) => packedBuffers(input.ids, input.purchases)
	});
	return run(job);
}
