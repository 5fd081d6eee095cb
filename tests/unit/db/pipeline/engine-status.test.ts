// Engine status (src/db/pipeline/engine-status.ts): start, a worker that died, restart — with
// Node engines standing in for the page's worker; a crash is simulated by the `crashed` flag the
// browser engine sets when its worker dies, or by an engine that stops answering.
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import {
	EngineStatus,
	type EngineState,
	type RestartableEngine
} from '../../../../src/db/pipeline/engine-status';

type Crashable = RestartableEngine & { crashed: boolean; id: number };

/** A source of Node engines: `get` the current one, `restart` makes the next (numbered). */
function source(opts: { failRestart?: boolean } = {}) {
	let made = 0;
	const make = async (): Promise<Crashable> =>
		Object.assign(Object.create(null) as object, await createNodeEngine(), {
			crashed: false,
			id: ++made
		}) as Crashable;
	let current = make();
	return {
		get: () => current,
		restart: () => {
			current = opts.failRestart ? Promise.reject(new Error('no wasm')) : make();
			return current;
		},
		made: () => made
	};
}

function recorder() {
	const states: [EngineState, string | null][] = [];
	return { states, onChange: (s: EngineState, e: string | null) => void states.push([s, e]) };
}

describe('EngineStatus', () => {
	it('reports ready once the engine has started, or the error it failed with', async () => {
		const ok = recorder();
		let readyFirst = false;
		await new EngineStatus(source(), ok.onChange).watchStart(() => (readyFirst = true));
		expect([ok.states, readyFirst]).toEqual([[['ready', null]], true]);
		const failed = recorder();
		const broken = { get: () => Promise.reject(new Error('no wasm')), restart: () => null! };
		await new EngineStatus<Crashable>(broken, failed.onChange).watchStart();
		expect(failed.states).toEqual([['error', 'no wasm']]);
	});

	it('hands out a fresh engine for new work after the worker died, and says so', async () => {
		const src = source();
		const rec = recorder();
		const status = new EngineStatus(src, rec.onChange);
		const first = await status.live();
		expect([first.engine.id, first.restarted]).toEqual([1, false]);
		first.engine.crashed = true;
		const next = await status.live();
		expect([next.engine.id, next.restarted]).toEqual([2, true]);
		expect(rec.states).toEqual([
			['starting', null],
			['ready', null]
		]);
		expect(await next.engine.query('SELECT 42 AS x')).toEqual([{ x: 42 }]);
	});

	it('after a crash, recovery restarts the engine once and clears the data first', async () => {
		const src = source();
		const rec = recorder();
		const status = new EngineStatus(src, rec.onChange);
		const engine = await src.get();
		await engine.exec('CREATE TABLE raw_orders (x INT)');
		engine.crashed = true;
		const cleared: EngineState[] = [];
		const clear = () => void cleared.push(rec.states.at(-1)![0]);
		// Two callers at once (an analysis and the data checks) share one restart.
		const outcomes = await Promise.all([status.recover(clear), status.recover(clear)]);
		expect(outcomes).toEqual(['restarted', 'restarted']);
		expect(src.made()).toBe(2);
		// The data is cleared while the engine is 'starting', before the new one is ready.
		expect(cleared).toEqual(['starting']);
		expect(rec.states).toEqual([
			['starting', null],
			['ready', null]
		]);
		const fresh = await src.get();
		expect(
			await fresh.query(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'raw_orders'`)
		).toEqual([]);
	});

	it('an engine that stops answering counts as dead', async () => {
		const src = source();
		const status = new EngineStatus(src, () => undefined, 50);
		const engine = await src.get();
		engine.query = () => new Promise(() => undefined);
		expect(await status.alive(engine)).toBe(false);
		expect(await status.recover(() => undefined)).toBe('restarted');
		expect(src.made()).toBe(2);
	});

	it('a live engine only loses the upload tables a cancelled load left behind', async () => {
		const src = source();
		const rec = recorder();
		const status = new EngineStatus(src, rec.onChange);
		const engine = await src.get();
		await engine.exec('CREATE TABLE raw_upload_0 (x INT); CREATE TABLE raw_orders (x INT)');
		let cleared = false;
		expect(await status.recover(() => (cleared = true))).toBe('freed');
		const left = await engine.query<{ t: string }>(
			`SELECT table_name AS t FROM duckdb_tables() ORDER BY t`
		);
		expect(left).toEqual([{ t: 'raw_orders' }]);
		expect([cleared, src.made(), rec.states]).toEqual([false, 1, []]);
	});

	it('a restart that fails leaves the status in error, with why', async () => {
		const src = source({ failRestart: true });
		const rec = recorder();
		const status = new EngineStatus(src, rec.onChange);
		(await src.get()).crashed = true;
		expect(await status.recover(() => undefined)).toBe('restarted');
		expect(rec.states).toEqual([
			['starting', null],
			['error', 'no wasm']
		]);
		// The cancel button's restart shows the error as it always has.
		const cancel = recorder();
		await new EngineStatus(source({ failRestart: true }), cancel.onChange).restart();
		expect(cancel.states).toEqual([
			['starting', null],
			['error', 'Error: no wasm']
		]);
	});
});
