/**
 * Statements every DuckDB connection runs first (browser and Node alike).
 * Extension auto-loading is off: offline, an auto-install attempt hangs or crashes (STACK.md).
 */
export const SESSION_SETUP: readonly string[] = [
	// A second in-memory database that compresses its tables, for large files (db/memory.ts,
	// prefersCompressed). Attached once per database; later connections find it there.
	`ATTACH IF NOT EXISTS ':memory:' AS packed (COMPRESS)`
];

/** Name of the compressed in-memory database attached by SESSION_SETUP. */
export const PACKED_DATABASE = 'packed';

/**
 * The only folder DuckDB may read: every file the user gives is registered under it
 * (userFilePath). Registered names are virtual (the engine serves them from the File or the
 * buffer), so nothing on the machine or the network lives there.
 */
export const USER_FILES_DIR = '/clientele/';

/** Where a file the user gave is registered for read_csv (the name is ours, never the user's). */
export function userFilePath(name: string): string {
	if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`not a file name of ours: ${name}`);
	return USER_FILES_DIR + name;
}

/**
 * "Your data never leaves this machine", inside the engine: run once per database before any
 * other statement (memorySetting first, when there is one), never from the notebook.
 * - no extension is ever installed or loaded (httpfs, a custom repository…);
 * - enable_external_access = false: no file system or network access outside allowed_directories,
 *   no ATTACH of files, no COPY … TO outside it; the user's files stay readable because they are
 *   all registered under USER_FILES_DIR, including those added later;
 * - lock_configuration last: no statement can change any of this afterwards (SET, RESET, PRAGMA).
 * The page's Content-Security-Policy binds the worker as well (db/duckdb-browser.ts): two layers.
 */
export function lockdownStatements(memorySetting?: string): string[] {
	return [
		'SET autoinstall_known_extensions = false',
		'SET autoload_known_extensions = false',
		'SET allow_community_extensions = false',
		'SET allow_unsigned_extensions = false',
		`SET allowed_directories = ['${USER_FILES_DIR}']`,
		'SET enable_external_access = false',
		...(memorySetting ? [memorySetting] : []),
		'SET lock_configuration = true'
	];
}

// No TimeZone setting: the wasm build has no ICU extension, so TIMESTAMPs are zone-less and
// we never create TIMESTAMPTZ. Dates in files are taken as written (wall-clock), which is what
// an analyst means by "the order date".
