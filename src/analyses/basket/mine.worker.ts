// The basket miner's Web Worker: runs job.ts off the page's thread (compute.ts posts the input
// and reads back progress and the output through ../job-worker.ts). Module worker, bundled by Vite.
import type { JobReply, JobRequest } from '../job-worker';
import { runBasketJob, type BasketJobInput, type BasketJobOutput } from './job';

/** The progress fields of a reply: the share of the mining done and the itemsets found. */
export interface MineProgressReply {
	share: number;
	itemsets: number;
}

// A DedicatedWorkerGlobalScope; typed by hand (the project's lib is DOM, not WebWorker).
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<JobRequest<BasketJobInput>>) => void) | null;
	postMessage(message: JobReply<BasketJobOutput, MineProgressReply>): void;
};

scope.onmessage = async (e) => {
	const { id, input } = e.data;
	try {
		const output = await runBasketJob(input, (share, itemsets) =>
			scope.postMessage({ id, type: 'progress', share, itemsets })
		);
		scope.postMessage({ id, type: 'done', output });
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		scope.postMessage({ id, type: 'error', message });
	}
};
