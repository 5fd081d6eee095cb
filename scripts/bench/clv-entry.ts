// Bundled by scripts/bench/native-bundle.mjs for scripts/bench/clv.mjs: the customer value
// forecast's fit job (the code its Web Worker runs) and the BG/NBD simulator. Pure core only.
export { runFitJob } from '../../src/analyses/clv/job';
export { simulateBgnbd } from '../../src/analyses/clv/model/simulate';
