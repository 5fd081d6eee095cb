// The basket miner's Web Worker: runs job.ts off the page's thread (compute.ts posts the input
// and reads back progress and the output). Module worker, bundled by Vite from this folder.
import { runBasketJob, type BasketJobInput, type BasketJobOutput } from './job';

/** What compute.ts posts: one job, by id. */
export interface MineRequest {
	id: number;
	input: BasketJobInput;
}

/** What the worker posts back: progress, then the output or an error. */
export type MineReply =
	| { id: number; type: 'progress'; share: number; itemsets: number }
	| { id: number; type: 'done'; output: BasketJobOutput }
	| { id: number; type: 'error'; message: string };

// A DedicatedWorkerGlobalScope; typed by hand (the project's lib is DOM, not WebWorker).
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<MineRequest>) => void) | null;
	postMessage(message: MineReply): void;
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
