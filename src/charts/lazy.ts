// Everything that needs Observable Plot, as one chunk loaded by charts/load.ts: Plot and d3 are a
// third of the page's script, and no chart is drawn before a file is loaded.
export { renderChart } from './render';
export { revenueByMonthSpec } from './overview';
export { rfmHeatmapSpec, rfmSegmentsSpec } from './rfm';
export { cohortHeatmapSpec, retentionCurvesSpec, cumulativeRevenueSpec } from './cohort';
export { stageBarsSpec, stagesOverTimeSpec, migrationHeatmapSpec } from './lifecycle';
export { breakdownBarsSpec, crossTabSpec } from './breakdown';
export { lorenzSpec } from './concentration';
export { cycleHistogramSpec } from './cycle';
export { notebookChartSpec } from './notebook';
