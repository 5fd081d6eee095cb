// Types of duckdb-wasm-node.mjs for the tests (tsconfig.node.json type-checks tests/, not scripts/).
import type { createDuckDB } from '@duckdb/duckdb-wasm/blocking';
export function wasmCompilations(): number;
export function createWasmDuckDB(): ReturnType<typeof createDuckDB>;
