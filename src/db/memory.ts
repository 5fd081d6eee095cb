/**
 * DuckDB's memory limit in the browser, and how to recognise running out of memory (guarantee 7).
 *
 * The EH bundle is 32-bit wasm: its heap can never exceed 4 GiB, and Chrome kills a renderer long
 * before a phone's RAM is used up. DuckDB is told to stay at half the device memory the browser
 * reports (`navigator.deviceMemory`, GB, rounded and capped at 8 by Chrome), between 1 and 3 GiB,
 * so a too-large file ends in DuckDB's own "Out of Memory" error — which we can explain — rather
 * than a dead tab. Pure functions: unit-tested in tests/unit/db/memory.test.ts. How to tell an
 * out-of-memory or dead-engine error is src/core/engine-errors.ts (the ui and state read it too).
 */

const MIB = 1024 * 1024;
const MIN_LIMIT = 1024 * MIB;
const MAX_LIMIT = 3 * 1024 * MIB;
/** What to assume when the browser does not say (Firefox, Safari). */
const DEFAULT_DEVICE_GB = 4;

/** Memory limit in MiB for a device with `deviceMemoryGb` GB (undefined: unknown). */
export function memoryLimitMiB(deviceMemoryGb: number | undefined): number {
	const gb =
		typeof deviceMemoryGb === 'number' && Number.isFinite(deviceMemoryGb) && deviceMemoryGb > 0
			? deviceMemoryGb
			: DEFAULT_DEVICE_GB;
	const bytes = Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, (gb * 1024 * MIB) / 2));
	return Math.round(bytes / MIB);
}

/**
 * A memory limit from the documented test hook `?memlimit=64MB` (README, "What happens to bad
 * data"): digits and a unit only, so the value can go into `SET memory_limit` (which takes no
 * parameters) without being SQL. Anything else is ignored (null).
 */
export function parseMemoryLimit(value: string | null): string | null {
	if (value === null) return null;
	const m = /^\s*([0-9]{1,6})\s*(MB|MiB|GB|GiB)\s*$/i.exec(value);
	if (!m || Number(m[1]) === 0) return null;
	return `${Number(m[1])}${m[2]!.toUpperCase().replace('IB', 'iB')}`;
}

/** The statement that sets the limit (`limit` from memoryLimitMiB or parseMemoryLimit). */
export function memoryLimitStatement(limit: number | string): string {
	const text = typeof limit === 'number' ? `${Math.round(limit)}MiB` : parseMemoryLimit(limit);
	if (!text) throw new Error(`not a memory limit: ${String(limit)}`);
	return `SET memory_limit = '${text}'`;
}

/** Bytes of a limit as memoryLimitStatement takes it (MiB, or a text like '96MB' / '2GiB'). */
export function memoryLimitBytes(limit: number | string): number {
	if (typeof limit === 'number') return limit * MIB;
	const text = parseMemoryLimit(limit);
	const m = text ? /^(\d+)(MB|MiB|GB|GiB)$/.exec(text) : null;
	if (!m) throw new Error(`not a memory limit: ${limit}`);
	const unit = { MB: 1e6, MiB: MIB, GB: 1e9, GiB: 1024 * MIB }[m[2] as 'MB' | 'MiB' | 'GB' | 'GiB'];
	return Number(m[1]) * unit;
}

/**
 * Whether files of `fileBytes` in all should be loaded into the compressed in-memory database
 * (db/session.ts, PACKED_DATABASE). Uncompressed, the raw and canonical tables of an orders file
 * take about 5× its size (329 MiB for the 69 MiB million-line file); compressed about 0.7× (45
 * MiB), but the load takes up to twice as long (5M lines: 20.5 s plain, 41 s compressed). Files
 * whose plain tables would fill more than 60 % of the limit are compressed — 10M lines (713 MB)
 * under 3 GiB; 5M (356 MB) still load plain, with a renderer peak of 2.6 GiB.
 */
export function prefersCompressed(fileBytes: number, limitBytes: number): boolean {
	return fileBytes * 5 > limitBytes * 0.6;
}
