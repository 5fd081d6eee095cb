// Bundled by scripts/bench/native-bundle.mjs for scripts/bench/basket.mjs: the basket analysis'
// mining job (the code its Web Worker runs). Pure core only.
export { runBasketJob } from '../../src/analyses/basket/job';
