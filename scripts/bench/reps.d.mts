// Types of reps.mjs for the tests (tsconfig.node.json type-checks tests/, not scripts/).
export function median(xs: readonly (number | null | undefined)[]): number | null;
export function medianRun<T>(runs: readonly (T | null | undefined)[]): T | null;
export function rangeRun(runs: readonly unknown[]): unknown;
export const BUSY_LOAD: number;
