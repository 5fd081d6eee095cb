// The charts chunk (charts/lazy.ts: Plot, d3 and the chart specs), fetched once. The page asks for
// it when a first file starts loading (App.svelte), so it is there before the first chart; a chart
// that needs it earlier waits for the same promise.
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
