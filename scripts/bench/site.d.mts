// Types for the parts of site.mjs that TypeScript tests import.

/** JS files (names under dist/assets) of the page entry's static module graph. */
export function entryGraph(root: string, dist?: string): string[];
