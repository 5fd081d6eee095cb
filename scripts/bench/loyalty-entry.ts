// Bundled by scripts/bench/native-bundle.mjs for scripts/bench/loyalty.mjs (issue 21): the native
// bench's modules and the loyalty simulation's points and ledger job (what its Web Worker runs).
export * from './native-entry';
export { runLoyaltyJob } from '../../src/analyses/loyalty/job';
