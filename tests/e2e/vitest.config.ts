// Browser tests: the built dist/ served under /clientele/ and driven by Debian's Chromium through
// playwright-core. `npm test` builds first; this config only serves what is there.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('../../', import.meta.url)),
	test: {
		include: ['tests/e2e/**/*.spec.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/helpers/global-setup.ts'],
		// One browser at a time: two cores, and DuckDB-WASM takes most of one.
		fileParallelism: false,
		maxWorkers: 1,
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
