// The forecast's Web Worker: runs job.ts off the page's thread (compute.ts posts the input and
// reads back progress and the output). Module worker, bundled by Vite from this folder.
import { runFitJob, type FitJobInput } from './job';

/** What compute.ts posts: one job, by id. */
export interface FitRequest {
	id: number;
	input: FitJobInput;
}

/** What the worker posts back: progress, then the output or an error. */
export type FitReply =
	| { id: number; type: 'progress'; stage: string; share: number }
	| { id: number; type: 'done'; output: ReturnType<typeof runFitJob> }
	| { id: number; type: 'error'; message: string };

// A DedicatedWorkerGlobalScope; typed by hand (the project's lib is DOM, not WebWorker).
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<FitRequest>) => void) | null;
	postMessage(message: FitReply): void;
};

scope.onmessage = (e) => {
	const { id, input } = e.data;
	try {
		const output = runFitJob(input, (stage, share) =>
			scope.postMessage({ id, type: 'progress', stage, share })
		);
		scope.postMessage({ id, type: 'done', output });
	} catch (err) {
		scope.postMessage({
			id,
			type: 'error',
			message: err instanceof Error ? err.message : String(err)
		});
	}
};
