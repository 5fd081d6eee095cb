// Issue 14: a section reads its typed state from its manifest (dashboard.stateOf(m), settingsOf(m)),
// so no analysis section casts data. Only DOM casts (e.currentTarget as HTMLInputElement) remain.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../src/analyses', import.meta.url));
const sections = readdirSync(root, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.flatMap((d) =>
		readdirSync(join(root, d.name))
			.filter((f) => f.endsWith('.svelte'))
			.map((f) => join(d.name, f))
	);

/** `x as T` casts other than DOM element casts and `as const`. */
function dataCasts(source: string): string[] {
	return [
		...source
			.replace(/\{#each\b[^}]*\}/g, '')
			.matchAll(/\bas\s+(?!const\b)([A-Za-z_][\w.<>[\]|]*)/g)
	]
		.map((m) => m[1]!.trim())
		.filter((t) => !/^HTML\w*Element$/.test(t));
}

describe('analysis sections cast no data', () => {
	it('finds the sections', () => {
		expect(sections.length).toBeGreaterThanOrEqual(7);
	});

	it.each(sections)('%s', (file) => {
		// Comments may say "as …" in prose: drop them first.
		const code = readFileSync(join(root, file), 'utf8')
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/\/\/.*$/gm, '')
			.replace(/<!--[\s\S]*?-->/g, '');
		expect(dataCasts(code)).toEqual([]);
	});

	it('the check sees a cast', () => {
		expect(dataCasts('const d = st.data as unknown as RfmResult;')).toEqual([
			'unknown',
			'RfmResult'
		]);
		expect(dataCasts('{#each rows as row (row.id)}')).toEqual([]);
		expect(
			dataCasts('const x = e.currentTarget as HTMLInputElement; const y = [1] as const;')
		).toEqual([]);
	});
});
