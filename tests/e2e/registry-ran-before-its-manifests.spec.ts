// Regression: Rolldown's default chunking split the analysis registry's modules over two chunks
// that imported each other. Reached first from the warm-up's import, the registry's chunk ran
// before its manifests' chunk and ANALYSES held `undefined`: the warm-up failed, and a file that
// ran out of memory showed "Cannot read properties of undefined (reading 'section')" instead of
// its message. The build keeps every module's order (vite.config.ts strictExecutionOrder), and no
// two chunks of it import each other, directly or round a longer loop.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from './helpers/static-server.mjs';

/** The static imports of every built chunk: file → the chunks it imports. */
function chunkImports(dir: string): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
		const text = readFileSync(join(dir, file), 'utf8');
		const deps = [...text.matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]!);
		graph.set(file, deps);
	}
	return graph;
}

/** Every import loop in the graph, as the chunks round it. */
function importLoops(graph: Map<string, string[]>): string[][] {
	const state = new Map<string, 'open' | 'done'>();
	const loops: string[][] = [];
	const visit = (file: string, path: string[]) => {
		state.set(file, 'open');
		for (const dep of graph.get(file) ?? []) {
			if (state.get(dep) === 'open') loops.push([...path.slice(path.indexOf(dep)), dep]);
			else if (!state.has(dep)) visit(dep, [...path, dep]);
		}
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file, [file]);
	return loops;
}

describe('the registry ran before its manifests', () => {
	it('finds a loop where there is one (the check can fail)', () => {
		const graph = new Map([
			['a.js', ['b.js']],
			['b.js', ['c.js']],
			['c.js', ['a.js']],
			['d.js', ['a.js']]
		]);
		expect(importLoops(graph)).toEqual([['a.js', 'b.js', 'c.js', 'a.js']]);
	});

	it('no two chunks of the build import each other', () => {
		const graph = chunkImports(join(DIST_DIR, 'assets'));
		expect(graph.size).toBeGreaterThan(10);
		expect(importLoops(graph)).toEqual([]);
	});
});
