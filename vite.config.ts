import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// base './' makes the build work from any sub-path (GitHub Pages project sites) and from file copies.
export default defineConfig({
	base: './',
	plugins: [svelte()],
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	build: {
		target: 'es2022',
		chunkSizeWarningLimit: 1500,
		assetsInlineLimit: 0
	},
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/regressions/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks'
	}
});
