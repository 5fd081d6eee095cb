/**
 * What the notebook refuses to run, before it reaches DuckDB. The engine itself is locked down
 * (db/session.ts: no network, no files outside the user's, no extensions, configuration locked)
 * and bound by the page's Content-Security-Policy; this third layer exists so that a cell — one
 * typed, opened from a file or from a share link — gets a clear message instead of DuckDB's, and
 * so that nothing depends on the engine's lock alone.
 *
 * Refused: statements that change the engine's settings (SET, RESET, most PRAGMAs), install or
 * load extensions, attach or detach databases, switch the current database, read or write files
 * (COPY, EXPORT, IMPORT), create secrets; and a URL (`http://`, `s3://`, …) where a file name goes
 * (see urlInFilePosition). `SET VARIABLE`, queries and the other statements run as written.
 */
import { scanSql, type Token } from './scan';

export type RefusalKind = 'network' | 'settings' | 'extension' | 'database' | 'files';

export interface Refusal {
	kind: RefusalKind;
	/** The statement's leading word(s) or the URL, for the message. */
	what: string;
}

/** PRAGMAs that only read; every other one may change a setting. */
const READ_ONLY_PRAGMAS = new Set([
	'table_info',
	'show',
	'show_tables',
	'show_tables_expanded',
	'show_databases',
	'database_list',
	'database_size',
	'storage_info',
	'metadata_info',
	'version',
	'platform',
	'functions',
	'collations'
]);

/** A URL: http://, https://, s3://, gcs://, hf://, az://, … and MotherDuck's md: */
const URL_LIKE = /^\s*([a-z][a-z0-9+.-]*:\/\/|(md|motherduck):)/i;

/** Words after which a string literal names a file to read (`FROM 'x.csv'`, `DESCRIBE 'x.csv'`). */
const FILE_BEFORE = new Set(['from', 'join', 'describe', 'summarize', 'show']);

/** Table functions that read files (a URL there is a network read). */
const READER = /^(read_\w+|sniff_csv|glob|\w+_scan|parquet_\w+|iceberg_\w+|delta_\w+)$/;

/** The first refusal in the SQL text (several statements are checked one by one), or null. */
export function refusalOf(text: string): Refusal | null {
	const tokens = scanSql(text).filter((t) => t.type !== 'comment');
	let start = 0;
	for (let k = 0; k <= tokens.length; k++) {
		if (k === tokens.length || tokens[k]!.type === 'semi') {
			const refusal = refusalOfStatement(tokens.slice(start, k));
			if (refusal) return refusal;
			start = k + 1;
		}
	}
	return null;
}

function word(t: Token | undefined): string {
	return t?.type === 'word' ? t.value.toLowerCase() : '';
}

function refusalOfStatement(tokens: Token[]): Refusal | null {
	const first = word(tokens[0]);
	const second = word(tokens[1]);
	const third = word(tokens[2]);
	switch (first) {
		case 'set':
		case 'reset':
			// User variables are values, not settings.
			if (second === 'variable') break;
			return { kind: 'settings', what: first.toUpperCase() };
		case 'pragma':
			if (READ_ONLY_PRAGMAS.has(second)) break;
			return { kind: 'settings', what: 'PRAGMA' };
		case 'load':
		case 'install':
			return { kind: 'extension', what: first.toUpperCase() };
		case 'force':
			if (second === 'install') return { kind: 'extension', what: 'FORCE INSTALL' };
			break;
		case 'update':
			if (second === 'extensions') return { kind: 'extension', what: 'UPDATE EXTENSIONS' };
			break;
		case 'attach':
		case 'detach':
		case 'use':
			return { kind: 'database', what: first.toUpperCase() };
		case 'copy':
		case 'export':
		case 'import':
			return { kind: 'files', what: first.toUpperCase() };
		case 'create':
		case 'drop':
			// CREATE [OR REPLACE] [PERSISTENT | TEMPORARY] SECRET: credentials for remote storage.
			if (
				[second, third, word(tokens[3]), word(tokens[4])].includes('secret') &&
				!tokens.slice(1, 5).some((t) => ['table', 'view', 'macro'].includes(word(t)))
			) {
				return { kind: 'network', what: `${first.toUpperCase()} SECRET` };
			}
			break;
	}
	return urlInFilePosition(tokens);
}

/**
 * A string literal holding a URL where a file name goes: after FROM, JOIN, DESCRIBE… (`FROM 'https://…'`),
 * or anywhere inside the arguments of a function that reads files, lists and concatenations
 * included (`read_csv(['a.csv', 'http://…' || x])`). A URL elsewhere is data (`LIKE 'http%'`).
 */
function urlInFilePosition(tokens: Token[]): Refusal | null {
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k]!;
		if (t.type !== 'string' || !URL_LIKE.test(t.value)) continue;
		const before = word(tokens[k - 1]);
		if (FILE_BEFORE.has(before) || READER.test(enclosingCall(tokens, k))) {
			return { kind: 'network', what: t.value.trim().slice(0, 80) };
		}
	}
	return null;
}

/** Lower-cased name of the function whose parentheses hold token k ('' outside any call). */
function enclosingCall(tokens: Token[], k: number): string {
	let depth = 0;
	for (let i = k - 1; i >= 0; i--) {
		const t = tokens[i]!;
		if (t.type !== 'punct') continue;
		if (t.value === ')' || t.value === ']') depth++;
		else if (t.value === '[' && depth > 0) depth--;
		else if (t.value === '(') {
			if (depth > 0) depth--;
			else return word(tokens[i - 1]);
		}
	}
	return '';
}

/**
 * The refusal behind an error DuckDB raised for a statement the scan above let through (a URL
 * built at run time, a setting changed by a function): the engine's lockdown said no.
 */
export function refusalOfEngineError(message: string): Refusal | null {
	if (/Permission Error: Cannot access file/i.test(message)) {
		const m = /Cannot access file "([^"]*)"/.exec(message);
		return { kind: 'network', what: (m?.[1] ?? '').slice(0, 80) };
	}
	if (/Loading external extensions is disabled/i.test(message)) {
		return { kind: 'extension', what: 'LOAD' };
	}
	if (/the configuration has been locked/i.test(message)) {
		return { kind: 'settings', what: 'SET' };
	}
	return null;
}

/** Thrown by the notebook for a refused statement (the UI shows the kind's message). */
export class RefusedStatementError extends Error {
	constructor(readonly refusal: Refusal) {
		super(`refused (${refusal.kind}): ${refusal.what}`);
	}
}
