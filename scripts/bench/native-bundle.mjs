// Compiles scripts/bench/native-entry.ts (the app's pure TS modules) to one ES module with Vite's
// build API, so Node can import the exact code the browser runs without tsx or vite-node.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

/**
 * @param {string} root repository root; returns the imported module.
 * @param {string} entry the entry, relative to root (the clv bench bundles its own).
 */
export async function importAppModules(root, entry = 'scripts/bench/native-entry.ts') {
	const outDir = await mkdtemp(join(tmpdir(), 'clientele-bench-lib-'));
	await build({
		root,
		configFile: false,
		logLevel: 'warn',
		build: {
			outDir,
			emptyOutDir: true,
			minify: false,
			target: 'node20',
			// The registry names each section's component as a lazy import: the native run never
			// draws, so .svelte files stay external (never loaded) rather than compiled.
			rollupOptions: { external: (id) => id.endsWith('.svelte') },
			lib: {
				entry: join(root, entry),
				formats: ['es'],
				fileName: () => 'app-modules.mjs'
			}
		}
	});
	return import(pathToFileURL(join(outDir, 'app-modules.mjs')).href);
}
