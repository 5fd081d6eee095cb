// The loyalty simulation's Web Worker: runs job.ts (points and ledger) off the page's thread (compute.ts posts the
// input and reads back the output through ../job-worker.ts). Module worker, bundled by Vite.
import type { JobReply, JobRequest } from '../job-worker';
import type { LedgerOutput } from './ledger';
import { runLoyaltyJob, type LoyaltyJobInput } from './job';

// A DedicatedWorkerGlobalScope; typed by hand (the project's lib is DOM, not WebWorker).
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<JobRequest<LoyaltyJobInput>>) => void) | null;
	postMessage(message: JobReply<LedgerOutput[], object>): void;
};

scope.onmessage = (e) => {
	const { id, input } = e.data;
	try {
		scope.postMessage({ id, type: 'done', output: runLoyaltyJob(input) });
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		scope.postMessage({ id, type: 'error', message });
	}
};
