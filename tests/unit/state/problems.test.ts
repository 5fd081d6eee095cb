import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../helpers/node-engine';
import { LoadError } from '../../../src/core/ingest/types';
import { problemOf } from '../../../src/state/problems';
import { en } from '../../../src/i18n/messages.en';
import { zh } from '../../../src/i18n/messages.zh';

describe('problemOf', () => {
	it('keys a LoadError by its code, with its file', () => {
		expect(problemOf(new LoadError('line', 'no line break', 'a.csv'))).toEqual({
			file: 'a.csv',
			key: 'loadError.line',
			message: 'no line break',
			params: {}
		});
	});

	it("passes a LoadError's values on to its translated message (the line of an open quote)", () => {
		const e = new LoadError('quote', 'never closed', 'q.csv', { line: '2', lines: '99,999' });
		expect(problemOf(e)).toMatchObject({
			key: 'loadError.quote',
			params: { line: '2', lines: '99,999' }
		});
	});

	it('explains DuckDB running out of memory; the engine stays usable afterwards', async () => {
		// The limit is set before the configuration is locked, as the page does (?memlimit).
		const db = await createNodeEngine({ memoryLimit: '64MB' });
		const error = await db
			.exec(
				"CREATE TABLE too_big AS SELECT range::VARCHAR || repeat('x', 200) AS s FROM range(2000000)"
			)
			.then(
				() => null,
				(e: unknown) => e
			);
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
