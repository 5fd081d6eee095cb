// CI failure, 2026-12-05: an element screenshot (filters-in-exports.spec, in Chinese) waited 30 s
// for its section to hold still. A language switch and two resizes had queued every chart's draw
// three times; the stale ones returned at once when their turn came, but only after waiting for a
// frame like a real draw, so under load some seventy frames of nothing went by while the sections
// above kept changing height. A stale draw is now skipped without a frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drawLater, queuedDraws } from '../../src/charts/queue';

let frames = 0;

beforeEach(() => {
	frames = 0;
	vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
		frames++;
		return setTimeout(() => cb(performance.now()), 1) as unknown as number;
	});
});

afterEach(() => {
	vi.unstubAllGlobals();
});

async function settled(): Promise<void> {
	for (let i = 0; i < 200 && queuedDraws() > 0; i++) await new Promise((r) => setTimeout(r, 5));
	expect(queuedDraws()).toBe(0);
}

describe('the chart draw queue', () => {
	it('skips draws that went stale without waiting a frame for each', async () => {
		const drawn: string[] = [];
		let current = 'first';
		// Three rounds of 25 charts (a language switch, then two resizes): only the last is wanted.
		for (const round of ['first', 'second', 'third']) {
			for (let i = 0; i < 25; i++) {
				const mine = round;
				drawLater(
					() => drawn.push(`${mine}-${i}`),
					() => current !== mine
				);
			}
			current = round;
		}
		await settled();
		expect(drawn).toEqual(Array.from({ length: 25 }, (_, i) => `third-${i}`));
		expect(frames).toBe(25);
	});

	it('skips a draw that goes stale while it waits for its frame', async () => {
		let wanted = true;
		const drawn: number[] = [];
		vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
			frames++;
			wanted = false; // e.g. a resize between the request and the frame
			return setTimeout(() => cb(performance.now()), 1) as unknown as number;
		});
		drawLater(
			() => drawn.push(1),
			() => !wanted
		);
		await settled();
		expect(frames).toBe(1);
		expect(drawn).toEqual([]);
	});

	it('draws in the order asked, one frame each', async () => {
		const drawn: number[] = [];
		for (let i = 0; i < 5; i++) drawLater(() => drawn.push(i));
		expect(queuedDraws()).toBe(5);
		await settled();
		expect(drawn).toEqual([0, 1, 2, 3, 4]);
		expect(frames).toBe(5);
	});
});
