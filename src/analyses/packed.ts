/**
 * Packed values for the analyses' job workers, so that a hundred thousand strings or arrays are
 * not cloned one by one on the page's thread (issue 22: tasks of 0.1–0.8 s at 1 M lines):
 * - lines (basket/job.ts): many short texts joined by '\n', one line each, crossing as one string;
 *   the texts must not hold a line break;
 * - PackedJson (loyalty/job.ts): texts as UTF-8 JSON buffers, crossing by transfer, packed by
 *   DuckDB itself (packedJsonStatement): the page converts a few long texts, not a hundred
 *   thousand rows;
 * - line parts (basket/job.ts): the lines packed by DuckDB a part of whole lines per row, as
 *   UTF-8 buffers crossing by transfer (PackedLineParts);
 * - number columns (clv/job.ts): Float64Arrays, crossing by transfer (numberColumns).
 * DuckDB's packed texts reach the page as bytes (queryUtf8Parts): never decoded to strings there.
 */
import { yieldToMain } from '../core/yield';
import { ident, int, join, lit, sql, type Sql } from '../core/sql';
import type { QueryFn, Utf8QueryFn } from '../core/analysis';

/**
 * The lines of `packed`; with `count`, exactly that many (else an error naming `what`). Empty text
 * is no line, or one empty line when `count` is 1.
 */
export function splitPacked(packed: string, count?: number, what = 'lines'): string[] {
	return expectCount(packed === '' && count !== 1 ? [] : packed.split('\n'), count, what);
}

/** `list` itself when it has `count` entries (or no count is given), else an error naming `what`. */
export function expectCount<T>(list: T[], count: number | undefined, what: string): T[] {
	if (count !== undefined && list.length !== count) {
		throw new Error(`${what} differ in number: ${list.length} given, ${count} expected`);
	}
	return list;
}

/**
 * Values packed for a job worker as UTF-8 JSON arrays of a slice of rows each (packedJsonOf):
 * buffers the page hands over by transfer (job-worker.ts `transfer`), so they cross without a copy
 * or a structured clone on the page's thread. Posting the loyalty job's 86 k member ids and 8 MB
 * of purchase text as strings was one task of 0.09–0.1 s on the page at 1 M lines (issue 22).
 */
export interface PackedJson {
	json: Uint8Array[];
}

/** Whether `value` is a PackedJson (a job input's field may be one or plain values). */
export function isPackedJson(value: unknown): value is PackedJson {
	return typeof value === 'object' && value !== null && Array.isArray((value as PackedJson).json);
}

/**
 * Columns `keys` of `rows` as Float64Arrays (for a job worker, which takes them by transfer),
 * filled in a loop with the page yielded after each `sliceMs`: the forecast's summary groups at
 * 10 M lines, as `rows.map` per column (then `Float64Array.from` with a map function), were one
 * task of 0.15 s (then 0.3–0.4 s) on the page.
 */
export async function numberColumns<R extends object, K extends keyof R & string>(
	rows: readonly R[],
	keys: readonly K[],
	sliceMs = 12
): Promise<Record<K, Float64Array>> {
	const columns = keys.map(() => new Float64Array(rows.length));
	let start = performance.now();
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i]!;
		for (let c = 0; c < keys.length; c++) columns[c]![i] = Number(row[keys[c]!]);
		if ((i & 4095) === 4095 && performance.now() - start > sliceMs) {
			await yieldToMain();
			start = performance.now();
		}
	}
	return Object.fromEntries(keys.map((k, c) => [k, columns[c]!])) as Record<K, Float64Array>;
}

/** Rows per part of packedJsonStatement. */
export const PACKED_JSON_ROWS = 8192;

/** Control characters JSON.stringify writes in their short form. */
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
	8: '\\b',
	9: '\\t',
	10: '\\n',
	12: '\\f',
	13: '\\r'
};

/**
 * The JSON string JSON.stringify writes for a text (VARCHAR) expression, in SQL (the page's
 * DuckDB loads no extension, so no `to_json`): quotes, backslashes and control characters
 * escaped. A text with none of them (nearly every id) is only quoted; the 34 replacements run on
 * the others alone (CASE).
 */
export function jsonStringSql(text: Sql): Sql {
	let escaped = sql`replace(replace(${text}, ${lit('\\')}, ${lit('\\\\')}), '"', ${lit('\\"')})`;
	for (let c = 0; c < 32; c++) {
		const to = SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
		escaped = sql`replace(${escaped}, chr(${int(c)}), ${lit(to)})`;
	}
	const special = lit('[\\x00-\\x1f"\\\\]');
	return sql`'"' || CASE WHEN regexp_matches(${text}, ${special}) THEN ${escaped} ELSE ${text} END || '"'`;
}

/**
 * PackedJson made by DuckDB: the text columns `columns` of every row of `rows`, in the order of
 * `order`, as JSON arrays of PACKED_JSON_ROWS rows each — one result row per part, in order;
 * packedJsonOf reads them. The same texts as JSON.stringify of each part's values
 * (tests/unit/analyses/packed.test.ts), but the page converts a few long texts rather than a
 * hundred thousand rows: the loyalty job's 86 k members at 1 M lines were 0.3–0.7 s of the
 * page's thread (rows, then JSON), DuckDB idle meanwhile (issue 22).
 */
export function packedJsonStatement(rows: Sql, order: Sql, columns: readonly string[]): Sql {
	const arrays = columns.map(
		(c) =>
			sql`'[' || string_agg(${jsonStringSql(sql`${ident(c)}`)}, ',' ORDER BY __n) || ']' AS ${ident(c)}`
	);
	return sql`SELECT ${join(arrays)}
FROM (SELECT *, row_number() OVER (ORDER BY ${order}) AS __n FROM (${rows}))
GROUP BY (__n - 1) // ${int(PACKED_JSON_ROWS)}
ORDER BY min(__n)`;
}

/**
 * Column `column` of packedJsonStatement's rows as PackedJson, the page yielded after each
 * `sliceMs` of encoding. `encodeInto` a buffer of the text's length (its size in UTF-8 when it is
 * ASCII, as the members' texts are), a larger one only when that is too small: `encode` took
 * 0.15 s for the 11 MB of the loyalty job's input at 1 M lines (0.2–0.3 s for 14 MB in a bare
 * page, against 10–17 ms this way), and a structured clone of the texts 90–135 ms.
 */
export async function packedJsonOf(
	parts: readonly Record<string, unknown>[],
	column: string,
	sliceMs = 12
): Promise<PackedJson> {
	const encoder = new TextEncoder();
	const json: Uint8Array[] = [];
	let start = performance.now();
	for (const part of parts) {
		if (performance.now() - start > sliceMs) {
			await yieldToMain();
			start = performance.now();
		}
		const text = String(part[column]);
		let bytes = new Uint8Array(text.length);
		let done = encoder.encodeInto(text, bytes);
		if (done.read < text.length) {
			// Not ASCII: at most 3 bytes per UTF-16 unit.
			bytes = new Uint8Array(text.length * 3);
			done = encoder.encodeInto(text, bytes);
		}
		json.push(bytes.subarray(0, done.written));
	}
	return { json };
}

/**
 * Runs `statement` (text columns, a row per part: packedJsonStatement, basket's packed lists) and
 * returns each of `columns` as its parts' UTF-8 bytes, in the rows' order. Through `queryUtf8`
 * (the page's engine) they are views into the result, never decoded nor copied: at 10 M lines
 * decoding the loyalty job's texts to strings and encoding them back were 0.5 s each on the
 * page's thread, and basket's lists joined into one string a task of 0.18 s (issue 22). Without
 * it, query()'s strings are encoded (packedJsonOf).
 */
export async function queryUtf8Parts<K extends string>(
	query: QueryFn,
	queryUtf8: Utf8QueryFn | undefined,
	statement: Sql,
	columns: readonly K[]
): Promise<Record<K, Uint8Array[]>> {
	const out = {} as Record<K, Uint8Array[]>;
	if (!queryUtf8) {
		const rows = await query<Record<K, string>>(statement);
		for (const c of columns) out[c] = (await packedJsonOf(rows, c)).json;
		return out;
	}
	const rows = await queryUtf8<K>(statement);
	for (const c of columns) {
		out[c] = rows.map((r, i) => {
			const bytes = r[c];
			if (!bytes) throw new Error(`packed ${c}: part ${i + 1} of ${rows.length} is NULL`);
			return bytes;
		});
	}
	return out;
}

/**
 * Lines (see splitPacked) in parts of whole lines, each part UTF-8 — one packed text per part, a
 * line break between two parts' lines — crossing to a job worker by transfer.
 */
export interface PackedLineParts {
	lines: Uint8Array[];
}

/** Whether `value` is a PackedLineParts. */
export function isPackedLineParts(value: unknown): value is PackedLineParts {
	return (
		typeof value === 'object' && value !== null && Array.isArray((value as PackedLineParts).lines)
	);
}

/** The lines of every part of `packed`, in order; with `count`, exactly that many. */
export function splitLineParts(packed: PackedLineParts, count?: number, what = 'lines'): string[] {
	const decoder = new TextDecoder();
	const out: string[] = [];
	for (const part of packed.lines)
		for (const line of splitPacked(decoder.decode(part))) out.push(line);
	return expectCount(out, count, what);
}

/** The values of `packed` in order; with `count`, exactly that many (else an error naming `what`). */
export function unpackJson<V>(packed: PackedJson, count?: number, what = 'values'): V[] {
	const decoder = new TextDecoder();
	const out: V[] = [];
	for (const chunk of packed.json) {
		for (const v of JSON.parse(decoder.decode(chunk)) as V[]) out.push(v);
	}
	return expectCount(out, count, what);
}

/**
 * The buffers under every PackedJson, PackedLineParts and typed array (numberColumns) among
 * `values`, each once (the parts of one result are views into one buffer), for postMessage's
 * transfer list.
 */
export function packedBuffers(...values: unknown[]): ArrayBuffer[] {
	const buffers = values.flatMap((v) =>
		isPackedJson(v)
			? v.json.map((chunk) => chunk.buffer as ArrayBuffer)
			: isPackedLineParts(v)
				? v.lines.map((part) => part.buffer as ArrayBuffer)
				: ArrayBuffer.isView(v)
					? [v.buffer as ArrayBuffer]
					: []
	);
	return [...new Set(buffers)];
}

/**
 * `text` of every row joined by '\n' (exactly `rows.map(text).join('\n')`), a slice of `slice`
 * rows at a time with the page yielded between: 86 k texts of 8 MB (the loyalty job's purchases
 * at 1 M lines, before PackedJson) joined at once were 25 ms of a task of 0.13 s.
 */
export async function packLines<T>(
	rows: readonly T[],
	text: (row: T) => string,
	slice = 8192
): Promise<string> {
	const parts: string[] = [];
	for (let i = 0; i < rows.length; i += slice) {
		parts.push(
			rows
				.slice(i, i + slice)
				.map(text)
				.join('\n')
		);
		if (i + slice < rows.length) await yieldToMain();
	}
	return parts.join('\n');
}
