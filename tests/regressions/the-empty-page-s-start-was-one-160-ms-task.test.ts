// Issue 22: the empty page's start was one main-thread task of 155–250 ms — the app's module
// evaluated, the app mounted and the mounted page laid out in one go (the bench's "longest task
// while the empty page starts": 165 ms). The mount now waits for a task of its own (src/boot.ts).
import { describe, expect, it } from 'vitest';
import { boot } from '../../src/boot';

describe('the empty page mounts the app in a task of its own', () => {
	it('does not mount before the page got its thread back, and mounts once it has', async () => {
		const order: string[] = [];
		let giveBack: () => void = () => undefined;
		const started = boot(
			async () => void order.push('catalogue'),
			() =>
				new Promise<void>((resolve) => {
					order.push('yield');
					giveBack = resolve;
				}),
			() => void order.push('mount')
		);
		// Every microtask of the module's task has run: the catalogue is in, the mount has not come.
		for (let i = 0; i < 20; i++) await Promise.resolve();
		expect(order).toEqual(['catalogue', 'yield']);
		giveBack();
		await started;
		expect(order).toEqual(['catalogue', 'yield', 'mount']);
	});

	it('waits for the catalogue before yielding (the first frame is in the page language)', async () => {
		const order: string[] = [];
		let catalogueIn: () => void = () => undefined;
		const started = boot(
			() =>
				new Promise<void>((resolve) => (catalogueIn = () => (order.push('catalogue'), resolve()))),
			async () => void order.push('yield'),
			() => void order.push('mount')
		);
		for (let i = 0; i < 20; i++) await Promise.resolve();
		expect(order).toEqual([]);
		catalogueIn();
		await started;
		expect(order).toEqual(['catalogue', 'yield', 'mount']);
	});
});
