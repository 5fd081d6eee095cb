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
		assetsInlineLimit: 0,
		rolldownOptions: {
			// Rolldown's default chunking split the registry's modules over two chunks that import
			// each other; whichever was reached first decided the order, and from the warm-up's import
			// the registry ran before its manifests (ANALYSES held undefined). Strict order keeps
			// every module's execution order what the source says, whatever the chunks.
			output: { strictExecutionOrder: true }
		}
	},
	worker: { format: 'es' },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/regressions/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Threads, not forks: a fresh child process per test file cost about 100 s of the suite's
		// 570 s on the two-core machine (471 s with threads, one run each, 186 files). The tests
		// change no process-wide state that threads would share.
		pool: 'threads',
		// Both cores: Vitest's default leaves one free, which on a two-core CI machine is one worker.
		maxWorkers: 2
	}
});
