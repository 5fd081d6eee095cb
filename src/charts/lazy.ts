// Observable Plot's renderer and the notebook's chart specs, as one chunk loaded by charts/load.ts:
// Plot and d3 are a third of the page's script, and no chart is drawn before a file is loaded.
// Each analysis' chart specs are a chunk of their own (its manifest's `chart`).
export { renderChart, renderChartInSteps } from './render';
export { notebookChartSpec } from './notebook';
