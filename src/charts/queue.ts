import { yieldToMain } from '../core/yield';

/**
 * Charts are drawn one per frame: when a result arrives for a section with several charts (or the
 * window is resized), each Plot render runs in its own task, after the previous chart has been
 * laid out and painted, with the page free to respond in between. Drawing several charts between
 * two frames left their style and layout to one rendering step (a 117 ms task at 10 M lines).
 */
let tail: Promise<void> = Promise.resolve();

/** The next rendering step has run (or 100 ms passed: a hidden tab has no frames). */
function afterNextFrame(): Promise<void> {
	return new Promise((resolve) => {
		const timer = setTimeout(resolve, 100);
		if (typeof requestAnimationFrame !== 'function') return;
		requestAnimationFrame(() => {
			clearTimeout(timer);
			// rAF runs just before the frame is rendered: the next task comes after it.
			setTimeout(resolve, 0);
		});
	});
}

/** Run `draw` after the charts queued before it, in a task of its own after a frame. */
export function drawLater(draw: () => void): void {
	tail = tail.then(async () => {
		await afterNextFrame();
		await yieldToMain();
		draw();
	});
}
