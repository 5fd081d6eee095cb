// Bundled by scripts/bench/native-bundle.mjs (Vite library build) so the benchmark runs the app's
// own TypeScript in Node: the CSV loader, column detection, canonical statements and analyses.
// Pure core + db/load-csv only: no Svelte, no DuckDB-WASM, no DOM.
export { loadCsv } from '../../src/db/load-csv';
export { detectOrderRoles } from '../../src/core/columns';
export { sniffDateFormat, sniffNumberFormat } from '../../src/core/formats';
export { buildLoadSummaryQuery, buildOrdersStatements } from '../../src/core/canonical';
export { buildOrdersTables } from '../../src/db/build-orders';
export { ANALYSES } from '../../src/analyses/index';
export { defaultPreparedSettings } from '../../src/analyses/registry-tools';
export { SharedTableCache } from '../../src/analyses/work-tables';
export { materializeScopeStatements } from '../../src/core/scope';
export { PACKED_DATABASE, SESSION_SETUP } from '../../src/db/session';
export { memoryLimitBytes, prefersCompressed } from '../../src/db/memory';
