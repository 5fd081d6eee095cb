import { afterNextFrame, yieldToMain } from '../core/yield';

/**
 * Charts are drawn one per frame: when a result arrives for a section with several charts (or the
 * window is resized), each chart is drawn in its own tasks (one per Plot render: a chart's two
 * renders run apart, Chart.svelte), after the previous chart has been laid out and painted, with
 * the page free to respond in between. Drawing several charts between
 * two frames left their style and layout to one rendering step (a 117 ms task at 10 M lines).
 *
 * A draw that is already stale when its turn comes (its chart was asked for again: a resize, a
 * language switch, a new result) is skipped without waiting for a frame. It used to wait for one
 * like a real draw, so a language switch followed by two resizes queued some seventy frames of
 * nothing in front of the charts still to draw, and under load the page kept moving for tens of
 * seconds (an element screenshot in CI waited 30 s for its section to hold still).
 *
 * While draws are queued, `<html data-charts-drawing="true">` (docs/hooks.md): a page whose
 * charts are still being laid out has sections changing height.
 */
let tail: Promise<void> = Promise.resolve();
let queued = 0;

function setDrawing(on: boolean): void {
	if (typeof document === 'undefined') return;
	document.documentElement.dataset.chartsDrawing = on ? 'true' : 'false';
}

/**
 * Run `draw` after the charts queued before it, in a task of its own after a frame; unless
 * `stale()` says by then (or just before the draw) that it is no longer wanted. A draw in steps
 * (a promise) holds the queue until it is done: the next chart starts after it.
 */
export function drawLater(draw: () => unknown, stale: () => boolean = () => false): void {
	if (queued++ === 0) setDrawing(true);
	tail = tail.then(async () => {
		try {
			if (stale()) return;
			await afterNextFrame();
			await yieldToMain();
			if (!stale()) await draw();
		} catch (e) {
			// Surfaces as an uncaught error, without stopping the charts queued after it.
			setTimeout(() => {
				throw e;
			});
		} finally {
			if (--queued === 0) setDrawing(false);
		}
	});
}

/** Draws queued and not yet run or skipped (for tests). */
export function queuedDraws(): number {
	return queued;
}
