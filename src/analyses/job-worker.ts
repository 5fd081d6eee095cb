/**
 * One long job (a model fit, rule mining) in a module Web Worker, for an analysis' compute hook
 * (clv/compute.ts, basket/compute.ts). The worker is started from a blob: URL that imports the
 * bundled worker script, so it inherits the page's Content-Security-Policy (connect-src 'self')
 * as DuckDB's worker does (db/duckdb-browser.ts): a worker started from its own URL takes its
 * policy from its own response headers, which a static host cannot send. Jobs run one after the
 * other in the one worker; a worker that fails to load or crashes fails every pending job and is
 * started afresh for the next.
 */

/** What a job worker posts back: progress (any fields), then the output or an error. */
export type JobReply<Out, Progress> =
	| ({ id: number; type: 'progress' } & Progress)
	| { id: number; type: 'done'; output: Out }
	| { id: number; type: 'error'; message: string };

/** What the page posts to a job worker: one job, by id. */
export interface JobRequest<In> {
	id: number;
	input: In;
}

export interface JobWorkerOptions<Progress, In = unknown> {
	/** The bundled worker's URL (`import url from './x.worker.ts?worker&url'`). */
	url: string;
	/** The worker's `self.name`, so tests and devtools can tell it from others. */
	name: string;
	/** Said in the error when the worker fails: 'the fit worker'. */
	label: string;
	/** A job was posted. */
	onStart(): void;
	/** A progress reply of the running job. */
	onProgress(progress: Progress): void;
	/** No job is pending any more (done, failed or the worker died). */
	onIdle(): void;
	/**
	 * The buffers of `input` to hand over by transfer rather than copy (packed.ts packedBuffers);
	 * they are detached on the page once posted.
	 */
	transfer?(input: In): Transferable[];
}

/** The bootstrap script of a blob: module worker that loads `url` (made absolute: a blob has no base). */
export function workerBootstrap(url: string, base: string): string {
	return `import ${JSON.stringify(new URL(url, base).href)};`;
}

/** A function that runs one job in the (lazily started) worker and resolves with its output. */
export function jobWorker<In, Out, Progress extends object>(
	options: JobWorkerOptions<Progress, In>
): (input: In) => Promise<Out> {
	let worker: Worker | null = null;
	let nextId = 1;
	const pending = new Map<number, { resolve(o: Out): void; reject(e: Error): void }>();

	function start(): Worker {
		if (worker) return worker;
		const script = workerBootstrap(options.url, document.baseURI);
		const blobUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
		let w: Worker;
		try {
			w = new Worker(blobUrl, { type: 'module', name: options.name });
		} finally {
			// The worker has fetched its bootstrap once it starts; the URL is not needed afterwards.
			setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
		}
		w.onmessage = (e: MessageEvent<JobReply<Out, Progress>>) => {
			const reply = e.data;
			const job = pending.get(reply.id);
			if (!job) return;
			if (reply.type === 'progress') {
				options.onProgress(reply);
				return;
			}
			pending.delete(reply.id);
			if (pending.size === 0) options.onIdle();
			if (reply.type === 'done') job.resolve(reply.output);
			else job.reject(new Error(reply.message));
		};
		w.onerror = (e) => {
			const err = new Error(`${options.label} failed (${e.message || 'no message'})`);
			for (const job of pending.values()) job.reject(err);
			pending.clear();
			options.onIdle();
			w.terminate();
			worker = null;
		};
		worker = w;
		return w;
	}

	return (input: In) => {
		const w = start();
		const id = nextId++;
		options.onStart();
		return new Promise<Out>((resolve, reject) => {
			pending.set(id, { resolve, reject });
			const request: JobRequest<In> = { id, input };
			w.postMessage(request, options.transfer?.(input) ?? []);
		});
	};
}
