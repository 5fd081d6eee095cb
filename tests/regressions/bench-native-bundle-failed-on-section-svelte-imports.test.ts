// Issue 22 (bench): the native bundle failed on the registry's lazy Section.svelte imports, so `npm run bench` could not run.
// `npm run bench` runs the app's SQL in native DuckDB from a Vite bundle of
// scripts/bench/native-entry.ts. Since the analyses moved into folders whose manifests name their
// Section.svelte as lazy imports, that bundle failed on the first .svelte file and the bench
// could not run at all; nothing in `npm test` noticed.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain .mjs script without types
import { importAppModules } from '../../scripts/bench/native-bundle.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the bench native bundle', () => {
	it('builds although the registry lazily imports Section.svelte files', async () => {
		const mod = (await importAppModules(ROOT)) as Record<string, unknown>;
		expect(Object.keys(mod).length).toBeGreaterThan(5);
		expect(Object.keys(mod)).toContain('prefersCompressed');
	}, 120_000);
});
