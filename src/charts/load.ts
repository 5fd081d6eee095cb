// The charts chunk (charts/lazy.ts: Plot, d3 and the renderer), fetched once, and each analysis'
// chart specs (src/analyses/<id>/chart.ts, a chunk each beside Plot's). The page asks for them when
// a first file starts loading (App.svelte), so they are there before the first chart; a chart that
// needs them earlier waits for the same promise.
export type Charts = typeof import('./lazy');

let loaded: Charts | null = null;
let loading: Promise<Charts> | null = null;

/** The charts module, loading it on first call; a failed load is retried on the next call. */
export function loadCharts(): Promise<Charts> {
	loading ??= import('./lazy').then(
		(m) => (loaded = m),
		(e: unknown) => {
			loading = null;
			throw e;
		}
	);
	return loading;
}

/** The charts module if it has arrived, else null. */
export function chartsIfLoaded(): Charts | null {
	return loaded;
}

/** Modules loaded through loadModule, by their loader (a manifest's `chart`). */
const modules = new Map<() => Promise<unknown>, { value?: unknown; promise?: Promise<unknown> }>();

/** A module by its loader, once; a failed load is retried on the next call. */
export function loadModule<M>(loader: () => Promise<M>): Promise<M> {
	let entry = modules.get(loader);
	if (!entry) modules.set(loader, (entry = {}));
	const e = entry;
	e.promise ??= loader().then(
		(m) => (e.value = m),
		(err: unknown) => {
			e.promise = undefined;
			throw err;
		}
	);
	return e.promise as Promise<M>;
}

/** The module of `loader` if it has arrived, else undefined. */
export function moduleIfLoaded<M>(loader: () => Promise<M>): M | undefined {
	return modules.get(loader)?.value as M | undefined;
}
