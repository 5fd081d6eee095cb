// Types for the parts of site.mjs that TypeScript tests import.

/** JS files (names under dist/assets) of the page entry's static module graph. */
export function entryGraph(root: string, dist?: string): string[];

/** One dist/assets JS file with its size and gzipped size (bytes). */
export interface JsFile {
	file: string;
	bytes: number;
	gzip: number;
}

/** Every dist/assets/*.js file with its gzipped size, and totals in KB. */
export function jsSizes(
	root: string,
	dist?: string
): {
	files: JsFile[];
	totalGzipKB: number;
	appGzipKB: number;
	duckdbWorkerGzipKB: number;
	firstLoadGzipKB: number;
	lazyGzipKB: number;
};

/** Gzipped KB of the JS files named (as the empty page fetched them) plus DuckDB's worker. */
export function startupGzip(
	js: { files: JsFile[] },
	names: string[]
): { files: string[]; gzipKB: number };
