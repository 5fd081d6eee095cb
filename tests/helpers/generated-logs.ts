// The bench's generated order log (scripts/generate-sample.mjs), clean or with its dirty lines,
// loaded through the load path a person's file takes — for tests that prove a statement gives the
// same rows as before on the bench's file kinds. Every load is closed, and the files removed,
// after the test file.
import { afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeOrders } from '../../scripts/generate-sample.mjs';
import { loadBytes, type LoadedText } from './load-text';

export interface GeneratedLogs {
	/** The generated log of about `lines` lines, loaded. */
	load(dirty: boolean, lines: number): Promise<LoadedText>;
	/** Close `loaded` with the others after the file's tests. */
	keep(loaded: LoadedText): LoadedText;
}

/** Call at a test file's top level: registers the clean-up. */
export function generatedLogs(): GeneratedLogs {
	const loads: LoadedText[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'clientele-generated-'));
	afterAll(async () => {
		for (const l of loads) await l.db.close();
		rmSync(dir, { recursive: true, force: true });
	});
	const keep = (loaded: LoadedText) => {
		loads.push(loaded);
		return loaded;
	};
	return {
		keep,
		async load(dirty, lines) {
			const out = join(dir, `orders-${dirty ? 'dirty' : 'clean'}-${lines}.csv`);
			await writeOrders({ out, lines, dirty });
			return keep(await loadBytes(new Uint8Array(readFileSync(out)), 'orders.csv'));
		}
	};
}
