import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import type { Engine } from '../../../src/db/engine';
import { LoadError } from '../../../src/db/load-csv';
import { problemOf } from '../../../src/state/problems';
import { en } from '../../../src/i18n/messages.en';
import { zh } from '../../../src/i18n/messages.zh';

let db: Engine;
beforeAll(async () => {
	db = await createNodeEngine();
});

describe('problemOf', () => {
	it('keys a LoadError by its code, with its file', () => {
		expect(problemOf(new LoadError('line', 'no line break', 'a.csv'))).toEqual({
			file: 'a.csv',
			key: 'loadError.line',
			message: 'no line break'
		});
	});

	it('explains DuckDB running out of memory; the engine stays usable afterwards', async () => {
		await db.exec("SET memory_limit = '64MB'");
		const error = await db
			.exec(
				"CREATE TABLE too_big AS SELECT range::VARCHAR || repeat('x', 200) AS s FROM range(2000000)"
			)
			.then(
				() => null,
				(e: unknown) => e
			);
		await db.exec('RESET memory_limit');
		expect(String(error)).toMatch(/out of memory/i);
		const problem = problemOf(error, 'big.csv');
		expect(problem).toMatchObject({ file: 'big.csv', key: 'error.outOfMemory' });
		expect(en['error.outOfMemory']).toMatch(/memory/);
		expect(zh['error.outOfMemory']).toMatch(/内存/);
		expect(await db.query('SELECT 42 AS answer')).toEqual([{ answer: 42 }]);
	});

	it('passes any other error through as text', () => {
		expect(problemOf(new Error('boom'))).toEqual({ file: null, key: null, message: 'boom' });
		expect(problemOf('plain')).toEqual({ file: null, key: null, message: 'plain' });
	});
});
