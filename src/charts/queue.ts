import { yieldToMain } from '../core/yield';

/**
 * Charts are drawn one per task: when a result arrives for a section with several charts (or the
 * window is resized), each Plot render runs in its own task with the page free to respond in
 * between, instead of all of them blocking the main thread at once.
 */
let tail: Promise<void> = Promise.resolve();

/** Run `draw` after the charts queued before it, in a task of its own. */
export function drawLater(draw: () => void): void {
	tail = tail.then(async () => {
		await yieldToMain();
		draw();
	});
}
