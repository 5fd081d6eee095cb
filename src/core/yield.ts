/** Scheduling helper shared by the layers that must keep the page responsive (issue 6). */

/** Let the browser handle input and paint: a macrotask without setTimeout's 4 ms clamp. */
export function yieldToMain(): Promise<void> {
	const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
	if (typeof s?.yield === 'function') return s.yield();
	if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
	return new Promise((resolve) => {
		const ch = new MessageChannel();
		ch.port1.onmessage = () => {
			ch.port1.close();
			resolve();
		};
		ch.port2.postMessage(null);
	});
}

/** Resolves when the main thread is idle (or after 1 s), for work nobody waits for. */
export function whenIdle(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestIdleCallback === 'function')
			requestIdleCallback(() => resolve(), { timeout: 1000 });
		else setTimeout(resolve, 50);
	});
}

/**
 * The next rendering step has run (or 100 ms passed: a hidden tab has no frames): its style,
 * layout and resize observations are done, so a layout read then is up to date.
 */
export function afterNextFrame(): Promise<void> {
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
