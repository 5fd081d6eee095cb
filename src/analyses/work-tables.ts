/**
 * What the analyses that store a worker's result in DuckDB share (the forecast's fits,
 * clv/write-fit.ts; the basket analysis' rules, basket/recommended.ts): a key's rows are written
 * under a run number, then made the key's in one statement, so a reader sees the previous rows or
 * the new ones, never none or both.
 */

let runs = 0;

/** A run number no other run of this page (or test process) uses. */
export function nextRun(): number {
	runs = (runs + 1) % 1000;
	return Date.now() * 1000 + runs;
}

/** A finite number as a SQL literal; NULL otherwise (∞, NaN, a missing value). */
export function numberLiteral(v: number | undefined): string {
	return v !== undefined && Number.isFinite(v) ? String(v) : 'NULL';
}
