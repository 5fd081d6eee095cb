import { describe, expect, it } from 'vitest';
import {
	memoryLimitBytes,
	prefersCompressed,
	memoryLimitMiB,
	memoryLimitStatement,
	parseMemoryLimit
} from '../../../src/db/memory';
import {
	EngineCrashError,
	isEngineDead,
	isOutOfMemory,
	memoryDetail
} from '../../../src/core/engine-errors';
import { problemOf } from '../../../src/state/problems';
import { LoadError } from '../../../src/core/ingest/types';

describe('memoryLimitMiB', () => {
	it('is half the device memory, between 1 and 3 GiB', () => {
		expect(memoryLimitMiB(8)).toBe(3072);
		expect(memoryLimitMiB(4)).toBe(2048);
		expect(memoryLimitMiB(2)).toBe(1024);
		expect(memoryLimitMiB(1)).toBe(1024);
		expect(memoryLimitMiB(0.5)).toBe(1024);
	});

	it('assumes 4 GB when the browser does not say', () => {
		expect(memoryLimitMiB(undefined)).toBe(2048);
		expect(memoryLimitMiB(Number.NaN)).toBe(2048);
		expect(memoryLimitMiB(-1)).toBe(2048);
	});
});

describe('parseMemoryLimit (the ?memlimit= test hook)', () => {
	it('accepts digits and a unit', () => {
		expect(parseMemoryLimit('64MB')).toBe('64MB');
		expect(parseMemoryLimit(' 2gib ')).toBe('2GiB');
		expect(parseMemoryLimit('512MiB')).toBe('512MiB');
	});

	it('ignores anything else, so nothing but a size reaches SET', () => {
		for (const bad of [null, '', '0MB', '64', 'MB', "64MB'; DROP TABLE tx; --", '1e3MB', '-5MB'])
			expect(parseMemoryLimit(bad), String(bad)).toBeNull();
	});

	it('makes the SET statement', () => {
		expect(memoryLimitStatement(2048)).toBe("SET memory_limit = '2048MiB'");
		expect(memoryLimitStatement('64MB')).toBe("SET memory_limit = '64MB'");
		expect(() => memoryLimitStatement("1MB'; SELECT 1")).toThrow();
	});
});

describe('memoryLimitBytes and prefersCompressed (compressed tables for large files)', () => {
	it('reads MiB numbers and the hook texts', () => {
		expect(memoryLimitBytes(3072)).toBe(3 * 1024 ** 3);
		expect(memoryLimitBytes('96MB')).toBe(96e6);
		expect(memoryLimitBytes('64MiB')).toBe(64 * 1024 ** 2);
		expect(memoryLimitBytes('2GiB')).toBe(2 * 1024 ** 3);
		expect(() => memoryLimitBytes('lots')).toThrow(/memory limit/);
	});

	it('compresses when the plain tables (≈ 5× the file) would fill over 60 % of the limit', () => {
		const limit = 3 * 1024 ** 3;
		// The 1M and 5M bench files (69 and 356 MiB) stay plain; 10M (713 MiB) is compressed.
		expect(prefersCompressed(69 * 1024 ** 2, limit)).toBe(false);
		expect(prefersCompressed(356 * 1024 ** 2, limit)).toBe(false);
		expect(prefersCompressed(713 * 1024 ** 2, limit)).toBe(true);
		// The boundary: 12 % of the limit.
		expect(prefersCompressed(limit * 0.12, limit)).toBe(false);
		expect(prefersCompressed(limit * 0.12 + 1, limit)).toBe(true);
		// The bundled sample (4.2 MB) under the test hook ?memlimit=96MB stays plain.
		expect(prefersCompressed(4.2e6, 96e6)).toBe(false);
	});
});

describe('isOutOfMemory', () => {
	it('recognises every way running out of memory shows up', () => {
		const oom = [
			// DuckDB's memory limit (text as thrown by the wasm build in the browser and Node)
			new Error(
				'Out of Memory Error: could not allocate block of size 256.0 KiB (63.9 MiB/64.0 MiB used)'
			),
			new Error('Out of Memory Error: failed to allocate data of size 1.0 MiB'),
			// the wasm heap cannot grow
			new Error('RuntimeError: Aborted(OOM)'),
			new Error('Cannot enlarge memory, requested 4294967296 bytes, but the limit is 4294967296'),
			new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'),
			new Error('std::bad_alloc'),
			// the JS side refusing an allocation
			new RangeError('Array buffer allocation failed'),
			new RangeError('Invalid typed array length: 4294967296'),
			new RangeError('Invalid string length'),
			'Out of Memory Error: plain string'
		];
		for (const e of oom) expect(isOutOfMemory(e), String(e)).toBe(true);
	});

	it('does not take other errors for memory', () => {
		const other = [
			new Error('Binder Error: column "memory" not found'),
			new Error('Conversion Error: Could not convert string "abc" to DATE'),
			new RangeError('Invalid time value'),
			new Error('Parser Error: syntax error at or near "room"'),
			'boom'
		];
		for (const e of other) expect(isOutOfMemory(e), String(e)).toBe(false);
	});
});

describe('isEngineDead', () => {
	it('is true for a crashed worker and a wasm abort, false otherwise', () => {
		expect(isEngineDead(new EngineCrashError('worker error'))).toBe(true);
		expect(isEngineDead(new Error('RuntimeError: Aborted(). Build with -sASSERTIONS'))).toBe(true);
		expect(isEngineDead(new Error('RuntimeError: memory access out of bounds'))).toBe(true);
		expect(isEngineDead(new Error('Out of Memory Error: could not allocate block'))).toBe(false);
		expect(isEngineDead(new Error('Catalog Error: Table with name tx does not exist'))).toBe(false);
	});
});

describe('problemOf and memory', () => {
	it('explains out-of-memory with the file, a dead worker as a restart, a LoadError by code', () => {
		expect(problemOf(new RangeError('Array buffer allocation failed'), 'big.csv')).toMatchObject({
			file: 'big.csv',
			key: 'error.outOfMemory'
		});
		expect(problemOf(new EngineCrashError('gone'), 'big.csv')).toMatchObject({
			file: 'big.csv',
			key: 'error.engineCrashed',
			message: 'gone'
		});
		expect(problemOf(new LoadError('binary', 'not text', 'x.csv')).key).toBe('loadError.binary');
	});
});

describe('memoryDetail', () => {
	it("keeps the first line of DuckDB's error, not its advice for DuckDB users", () => {
		const e =
			'Out of Memory Error: could not allocate block of size 256.0 KiB (60.9 MiB/61.0 MiB used)\nDatabase is launched in in-memory mode\n* Increasing the memory limit';
		expect(memoryDetail(e)).toBe(
			'Out of Memory Error: could not allocate block of size 256.0 KiB (60.9 MiB/61.0 MiB used)'
		);
		expect(problemOf(new Error(e)).message).toBe(memoryDetail(e));
	});
});
