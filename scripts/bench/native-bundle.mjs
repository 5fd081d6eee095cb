// Compiles scripts/bench/native-entry.ts (the app's pure TS modules) to one ES module with Vite's
// build API, so Node can import the exact code the browser runs without tsx or vite-node.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

/** @param {string} root repository root; returns the imported module. */
export async function importAppModules(root) {
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
			lib: {
				entry: join(root, 'scripts/bench/native-entry.ts'),
				formats: ['es'],
				fileName: () => 'app-modules.mjs'
			}
		}
	});
	return import(pathToFileURL(join(outDir, 'app-modules.mjs')).href);
}
