/**
 * Packed values for the analyses' job workers, so that a hundred thousand strings or arrays are
 * not cloned one by one on the page's thread (issue 22: tasks of 0.1–0.8 s at 1 M lines):
 * - lines (basket/job.ts): many short texts joined by '\n', one line each, crossing as one string;
 *   the texts must not hold a line break;
 * - PackedJson (loyalty/job.ts): any values as UTF-8 JSON buffers, crossing by transfer.
 */
import { yieldToMain } from '../core/yield';

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
 * Values packed for a job worker as UTF-8 JSON arrays of a slice of rows each (packJson): buffers
 * the page hands over by transfer (job-worker.ts `transfer`), so they cross without a copy or a
 * structured clone on the page's thread. Posting the loyalty job's 86 k member ids and 8 MB of
 * purchase text as strings was one task of 0.09–0.1 s on the page at 1 M lines (issue 22).
 */
export interface PackedJson {
	json: Uint8Array[];
}

/** Whether `value` is a PackedJson (a job input's field may be one or plain values). */
export function isPackedJson(value: unknown): value is PackedJson {
	return typeof value === 'object' && value !== null && Array.isArray((value as PackedJson).json);
}

/** `value` of every row, packed as PackedJson, a slice of `slice` rows at a time with the page yielded between. */
export async function packJson<T>(
	rows: readonly T[],
	value: (row: T) => unknown,
	slice = 8192
): Promise<PackedJson> {
	const encoder = new TextEncoder();
	const json: Uint8Array[] = [];
	for (let i = 0; i < rows.length; i += slice) {
		if (i > 0) await yieldToMain();
		json.push(encoder.encode(JSON.stringify(rows.slice(i, i + slice).map(value))));
	}
	return { json };
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

/** The buffers under every PackedJson among `values`, for postMessage's transfer list. */
export function packedBuffers(...values: unknown[]): ArrayBuffer[] {
	return values.flatMap((v) =>
		isPackedJson(v) ? v.json.map((chunk) => chunk.buffer as ArrayBuffer) : []
	);
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
