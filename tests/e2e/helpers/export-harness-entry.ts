// Entry of the in-test bundle used by export-modules.spec.ts: the chart and export modules exactly
// as the app imports them, exposed on one global so the spec can drive them in Chromium.
export * as Plot from '@observablehq/plot';
export { renderChart } from '../../../src/charts/render';
export { revenueByMonthSpec } from '../../../src/analyses/overview/chart';
export { chartToSvg } from '../../../src/export/svg';
export { chartToPng, svgToPng } from '../../../src/export/png';
export { csvBlob, toCsv } from '../../../src/export/csv';
export { downloadBlob } from '../../../src/export/download';
