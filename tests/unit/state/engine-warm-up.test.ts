// The engine's warm-up as the Session runs it (src/state/engine-warm-up.ts): the page's chunks are
// prefetched only after a complete warm-up while the page still waits for a file, and a failed
// warm-up or prefetch is nobody's problem. The warm-up itself is the browser engine's
// (tests/e2e/warm-up.spec.ts); here the engine's answer is given.
import { describe, expect, it } from 'vitest';
import { runWarmUp } from '../../../src/state/engine-warm-up';
import type { SessionEngine } from '../../../src/state/session-engine';

type WarmUp = SessionEngine['warmUp'];

/** An engine whose warm-up answers `outcome` and records the analyses it was given. */
function engine(outcome: 'done' | 'stopped' | Error) {
	const given: unknown[][] = [];
	const warmUp = ((analyses) => {
		given.push([...analyses]);
		if (outcome instanceof Error) return Promise.reject(outcome);
		return Promise.resolve(
			outcome === 'done' ? { state: 'done', result: {} as never } : { state: 'stopped' }
		);
	}) as WarmUp;
	return { warmUp, given };
}

describe('runWarmUp', () => {
	it('runs every analysis with its default settings, then prefetches while the page waits', async () => {
		const e = engine('done');
		let prefetched = 0;
		const state = await runWarmUp(
			e,
			() => true,
			async () => void prefetched++
		);
		expect([state, prefetched]).toEqual(['done', 1]);
		expect(e.given).toHaveLength(1);
		expect(e.given[0]!.length).toBeGreaterThan(0);
	});

	it('does not prefetch once a file came, nor after a stopped warm-up', async () => {
		let prefetched = 0;
		const prefetch = async () => void prefetched++;
		expect(await runWarmUp(engine('done'), () => false, prefetch)).toBe('done');
		expect(await runWarmUp(engine('stopped'), () => true, prefetch)).toBe('stopped');
		expect(prefetched).toBe(0);
	});

	it('a failed warm-up is "failed"; a failed prefetch still leaves it "done"', async () => {
		expect(await runWarmUp(engine(new Error('worker died')), () => true)).toBe('failed');
		const broken = () => Promise.reject(new Error('offline'));
		expect(await runWarmUp(engine('done'), () => true, broken)).toBe('done');
	});
});
