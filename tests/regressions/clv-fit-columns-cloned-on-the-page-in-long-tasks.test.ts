// Issue 22: at 10 M lines the forecast's fit input (the summary groups' columns) and output (four
// predictions per group) crossed between the page and the fit worker as plain arrays, copied
// element by element: reading the output back was one task of 0.17 s on the page, posting the
// input most of one of 0.1–0.15 s. Both are Float64Arrays now, handed over by transfer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generatedLogs } from '../helpers/generated-logs';
import { runFitJob, type FitJobInput, type FitJobOutput } from '../../src/analyses/clv/job';
import { clvAnalysis, defaultClvSettings } from '../../src/analyses/clv/sql';
import { inputBuffers } from '../../src/analyses/clv/compute';

const logs = generatedLogs();

afterEach(() => {
	vi.unstubAllGlobals();
	vi.resetModules();
});

const PREDICTIONS = ['pAlive', 'expHorizon', 'expHoldout', 'discounted'] as const;

describe('the fit worker’s input and output cross by transfer', () => {
	it('the page gives typed columns and the worker replies with its predictions’ buffers to transfer', async () => {
		const loaded = await logs.load(false, 30_000);
		let input: FitJobInput | null = null;
		await clvAnalysis.run((q) => loaded.db.query(q), loaded.scope, defaultClvSettings, {
			customerLists: false,
			compute: async (i) => runFitJob((input = i as FitJobInput))
		});
		const given = input as FitJobInput | null;
		expect(given).not.toBeNull();
		const groups = given!.groups.x.length;
		expect(groups).toBeGreaterThan(1000);
		// Every column of the groups and the spend: its own buffer, listed for transfer.
		const buffers = inputBuffers(given!);
		expect(buffers).toHaveLength(7);
		expect(new Set(buffers).size).toBe(7);
		expect(buffers[0]!.byteLength).toBe(groups * 8);

		// The worker module as the page starts it, with a stand-in for its global scope.
		const posted: { message: { type: string; output?: FitJobOutput }; transfer: unknown[] }[] = [];
		const scope: {
			onmessage: ((e: { data: unknown }) => void) | null;
			postMessage(message: never, transfer?: unknown[]): void;
		} = {
			onmessage: null,
			postMessage: (message, transfer = []) => posted.push({ message, transfer })
		};
		vi.stubGlobal('self', scope);
		await import('../../src/analyses/clv/fit.worker');
		scope.onmessage!({ data: { id: 1, input: given } });
		const done = posted.find((p) => p.message.type === 'done')!;
		const out = done.message.output!;
		for (const f of PREDICTIONS) {
			expect(out[f]).toBeInstanceOf(Float64Array);
			expect(out[f]).toHaveLength(groups);
		}
		expect(done.transfer).toEqual(PREDICTIONS.map((f) => out[f].buffer));
		// The same fit as in the page's thread.
		const here = runFitJob(given!);
		for (const f of PREDICTIONS) expect(Array.from(out[f])).toEqual(Array.from(here[f]));
		expect(out.problems).toEqual([]);
	});
});
