/**
 * Statements every DuckDB session runs first (browser and Node alike).
 * Extension auto-loading is off: offline, an auto-install attempt hangs or crashes (STACK.md).
 */
export const SESSION_SETUP: readonly string[] = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false',
	// A second in-memory database that compresses its tables, for large files (db/memory.ts,
	// prefersCompressed). Attached once per database; later connections find it there.
	`ATTACH IF NOT EXISTS ':memory:' AS packed (COMPRESS)`
];

/** Name of the compressed in-memory database attached by SESSION_SETUP. */
export const PACKED_DATABASE = 'packed';

// No TimeZone setting: the wasm build has no ICU extension, so TIMESTAMPs are zone-less and
// we never create TIMESTAMPTZ. Dates in files are taken as written (wall-clock), which is what
// an analyst means by "the order date".
