/**
 * The load pipeline's steps as the Session runs them (session.svelte.ts): reading files, proposing
 * a mapping, building the tables, the data checks. A chunk of its own, fetched with the first
 * file (or while the engine warms up): the empty page does not need it (issue 22, the empty
 * page's script ≤ 300 KB).
 */
export { countColumns } from '../db/load-csv';
export { inputHead, startDataSet } from '../db/pipeline/files';
export { mappingFor, proposeOrdersMapping, signatureOf } from '../db/pipeline/mapping';
export { loadDataSet } from '../db/pipeline/load-data-set';
export { buildTables } from '../db/pipeline/build';
export { readFeedbackSummary } from '../db/pipeline/feedback';
export { dataWarnings } from '../db/pipeline/checks';
export { changeKind, heldSet, reread } from './session-reread';

/** The module, fetched once. */
export type SessionLoad = typeof import('./session-load');
