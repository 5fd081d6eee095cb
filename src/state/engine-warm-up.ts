/**
 * The engine's warm-up while the page waits for a file (db/warm-up.ts, run by the browser engine on
 * a database of its own): the user's first file then runs on optimised code.
 */
import { measure } from '../core/timing';
import { withDefaultSettings } from './default-runs';
import type { SessionEngine } from './session-engine';

/** 'stopped': a file (or anything else) needed the engine first. */
export type WarmState = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

/**
 * Run the warm-up on `engine`. `prefetch` (the page's chunks a file will need) runs after a
 * complete warm-up while `waiting()` still says the page waits for a file; its failure is ignored
 * (the file asks for the same chunks again). A failed warm-up is not the user's problem: their file
 * runs as it would have without it.
 */
export async function runWarmUp(
	engine: Pick<SessionEngine, 'warmUp'>,
	waiting: () => boolean,
	prefetch?: () => Promise<unknown>
): Promise<Exclude<WarmState, 'idle' | 'running'>> {
	const t0 = performance.now();
	try {
		// The registry is a chunk of its own, as it was when the warm-up imported it.
		const { ANALYSES } = await import('../analyses');
		const outcome = await engine.warmUp(withDefaultSettings(ANALYSES));
		measure(`warm-up ${outcome.state}`, t0);
		if (outcome.state === 'done' && prefetch && waiting()) {
			const t1 = performance.now();
			await prefetch().catch(() => undefined);
			measure('prefetch', t1);
		}
		return outcome.state;
	} catch {
		return 'failed';
	}
}
