// The job worker's hand-over (src/analyses/job-worker.ts), with a stand-in Worker: what the page
// posts and what it lists for transfer. Issue 22: the loyalty job's packed buffers cross by
// transfer; a copy of them on the page's thread was part of a task of 0.09–0.1 s at 1 M lines.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobWorker } from '../../../src/analyses/job-worker';
import { packedBuffers, type PackedJson } from '../../../src/analyses/packed';
import { packValues } from '../../helpers/packed';

interface Posted {
	message: { id: number; input: unknown };
	transfer: Transferable[];
}

let posted: Posted[] = [];
let workers: FakeWorker[] = [];

class FakeWorker {
	onmessage: ((e: { data: unknown }) => void) | null = null;
	onerror: ((e: { message: string }) => void) | null = null;
	constructor(
		readonly url: string,
		readonly options: { type: string; name: string }
	) {
		workers.push(this);
	}
	postMessage(message: Posted['message'], transfer: Transferable[] = []) {
		posted.push({ message, transfer });
	}
	terminate() {}
	reply(data: unknown) {
		this.onmessage?.({ data });
	}
}

beforeEach(() => {
	posted = [];
	workers = [];
	vi.stubGlobal('Worker', FakeWorker);
	vi.stubGlobal('document', { baseURI: 'http://localhost/app/' });
});
afterEach(() => {
	vi.unstubAllGlobals();
});

const options = {
	url: '/assets/x.worker.js',
	name: 'clientele-test',
	label: 'the test worker',
	onStart: () => undefined,
	onProgress: () => undefined,
	onIdle: () => undefined
};

describe('jobWorker hand-over', () => {
	it('lists the buffers `transfer` names for transfer, and resolves with the reply', async () => {
		const run = jobWorker<{ ids: PackedJson; n: number }, string, object>({
			...options,
			transfer: (input) => packedBuffers(input.ids)
		});
		const ids = await packValues(['a', 'b', 'c'], 2);
		const done = run({ ids, n: 3 });
		expect(posted).toHaveLength(1);
		expect(posted[0]!.transfer).toEqual(ids.json.map((c) => c.buffer));
		expect(posted[0]!.message.input).toEqual({ ids, n: 3 });
		expect(workers[0]!.options).toEqual({ type: 'module', name: 'clientele-test' });
		workers[0]!.reply({ id: posted[0]!.message.id, type: 'done', output: 'ok' });
		await expect(done).resolves.toBe('ok');
	});

	it('transfers nothing without `transfer`', async () => {
		const run = jobWorker<number, number, object>(options);
		const done = run(1);
		expect(posted[0]!.transfer).toEqual([]);
		workers[0]!.reply({ id: posted[0]!.message.id, type: 'error', message: 'no' });
		await expect(done).rejects.toThrow('no');
	});
});
