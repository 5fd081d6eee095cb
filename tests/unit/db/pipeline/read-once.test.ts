// An unrecognised file is read once (issue 15): the load keeps its upload table until it decides
// whether the file is the orders candidate (or joins it), and moves the table instead of reading
// the file again — a large unrecognised file costs one read, not two.
import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../helpers/node-engine';
import type { Engine } from '../../../../src/db/engine';
import { loadDataSet } from '../../../../src/db/pipeline/load-data-set';
import { file, ORDERS } from './fixtures';

/** A Node engine that counts the files it is given to read (each read registers its file). */
async function countingEngine(): Promise<{ engine: Engine; reads: string[] }> {
	const engine = await createNodeEngine();
	const reads: string[] = [];
	const { registerBuffer, registerFile } = engine;
	engine.registerBuffer = (name, bytes) => {
		reads.push(name);
		return registerBuffer.call(engine, name, bytes);
	};
	engine.registerFile = (name, data) => {
		reads.push(name);
		return registerFile.call(engine, name, data);
	};
	return { engine, reads };
}

/** The upload tables left in the engine. */
const uploads = async (engine: Engine) =>
	(
		await engine.query<{ name: string }>(
			"SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, 'raw_upload_')"
		)
	).map((t) => t.name);

/** Names, ISO dates and amounts under headers no synonym knows. */
const WHO = 'who,when,paid\nAnn,2024-01-02,10.5\nBob,2024-02-03,20\nAnn,2024-03-01,7.25\n';
const WHO_FEB = 'who,when,paid\nCid,2024-02-09,3\n';

describe('an unrecognised file is read once', () => {
	it('the orders candidate is read once and moved to the orders table', async () => {
		const { engine, reads } = await countingEngine();
		const set = await loadDataSet(engine, [file('who.csv', WHO)]);
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([['orders', 'guessed']]);
		expect(reads).toHaveLength(1);
		expect(set.orders?.report).toMatchObject({ table: 'raw_orders', rowsLoaded: 3 });
		expect(await uploads(engine)).toEqual([]);
	});

	it('files appended to the candidate are read once each; no upload table is left behind', async () => {
		const { engine, reads } = await countingEngine();
		const set = await loadDataSet(engine, [
			file('who.csv', WHO),
			file('who-feb.csv', WHO_FEB),
			file('note.csv', 'note\nhi\n')
		]);
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([
			['orders', 'guessed'],
			['orders', 'appended'],
			['unused', 'one-column']
		]);
		expect(reads).toHaveLength(3);
		expect(set.orders?.report.rowsLoaded).toBe(4);
		expect(await uploads(engine)).toEqual([]);
	});

	it('a later file that cannot be read: the kept table goes with the load', async () => {
		const { engine } = await countingEngine();
		const binary = {
			name: 'photo.png',
			data: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 0, 3])
		};
		await expect(loadDataSet(engine, [file('who.csv', WHO), binary])).rejects.toThrow();
		expect(await uploads(engine)).toEqual([]);
	});

	it('beside an orders file, an unrecognised file is dropped at once (no candidate)', async () => {
		const { engine, reads } = await countingEngine();
		const set = await loadDataSet(engine, [file('orders.csv', ORDERS), file('who.csv', WHO)]);
		expect(set.files.map((f) => [f.kind, f.reason])).toEqual([
			['orders', 'dates-amounts'],
			['unused', 'unrecognised']
		]);
		expect(reads).toHaveLength(2);
		expect(await uploads(engine)).toEqual([]);
	});
});
