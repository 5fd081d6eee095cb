// The unit tests' engine (tests/helpers/node-engine.ts) compiles DuckDB's wasm once per process and
// gives every engine a database of its own: the suite made well over a hundred engines, each
// compiling and optimising the 35 MB file again.
import { describe, expect, it } from 'vitest';
import { createNodeEngine, wasmCompilations } from '../../helpers/node-engine';

describe('the unit tests’ DuckDB engine', () => {
	it('compiled DuckDB’s wasm for every engine: now once per process, each engine with a database of its own', async () => {
		const a = await createNodeEngine();
		const b = await createNodeEngine();
		expect(wasmCompilations()).toBe(1);
		await a.exec('CREATE TABLE only_in_a AS SELECT 42 AS x');
		expect(await a.query('SELECT x FROM only_in_a')).toEqual([{ x: 42 }]);
		await expect(b.query('SELECT x FROM only_in_a')).rejects.toThrow(/only_in_a/);
		// Each engine is locked down as the page's is.
		await expect(b.exec('SET enable_external_access = true')).rejects.toThrow();
		await Promise.all([a.close(), b.close()]);
	});
});
