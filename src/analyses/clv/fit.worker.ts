// The forecast's Web Worker: runs job.ts off the page's thread (compute.ts posts the input and
// reads back progress and the output through ../job-worker.ts). Module worker, bundled by Vite.
import type { JobReply, JobRequest } from '../job-worker';
import { runFitJob, type FitJobInput, type FitJobOutput } from './job';
import { packedBuffers } from '../packed';

/** The progress fields of a reply: the stage running and its share done. */
export interface FitProgressReply {
	stage: string;
	share: number;
}

// A DedicatedWorkerGlobalScope; typed by hand (the project's lib is DOM, not WebWorker).
const scope = self as unknown as {
	onmessage: ((e: MessageEvent<JobRequest<FitJobInput>>) => void) | null;
	postMessage(message: JobReply<FitJobOutput, FitProgressReply>, transfer?: Transferable[]): void;
};

/** The buffers of the output's per-group predictions, handed over by transfer, not copied. */
export function outputBuffers(output: FitJobOutput): ArrayBuffer[] {
	return packedBuffers(output.pAlive, output.expHorizon, output.expHoldout, output.discounted);
}

scope.onmessage = (e) => {
	const { id, input } = e.data;
	try {
		const output = runFitJob(input, (stage, share) =>
			scope.postMessage({ id, type: 'progress', stage, share })
		);
		scope.postMessage({ id, type: 'done', output }, outputBuffers(output));
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		scope.postMessage({ id, type: 'error', message });
	}
};
