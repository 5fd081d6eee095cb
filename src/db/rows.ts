import { Type, type Table, type DataType, type Field, type Vector } from 'apache-arrow';
import type { QueryResult } from './engine';
import type { Row } from '../core/analysis';
import { yieldToMain } from '../core/yield';
import { uniqueColumnNames } from '../core/unique-names';
import { dayText, timestampText } from '../core/day-text';

type Cell = string | number | boolean | null;

/**
 * Arrow → plain JS rows, the one place where DuckDB's value types are converted (GUIDE.md §2):
 * BIGINT/HUGEINT → number (string if beyond 2^53), DECIMAL → number, DATE → 'YYYY-MM-DD',
 * TIMESTAMP → 'YYYY-MM-DD HH:MM:SS' (UTC), nested values → JSON text. Dates and timestamps of
 * any year are written as DuckDB reads them back (`10000-01-01`, `-0044-03-15`; core/day-text.ts),
 * never as toISOString's `+010000-01-01`.
 */
export function tableToResult<T = Row>(table: Table, ms: number): QueryResult<T> {
	const fields = table.schema.fields;
	const columns = tableColumns(table);
	const values = fields.map((f, i) => columnValues(table.getChildAt(i), f.type));
	const rows: T[] = new Array(table.numRows);
	const build = rowBuilder(fields, values);
	for (let r = 0; r < table.numRows; r++) rows[r] = build(r) as T;
	return { rows, columns, ms };
}

/**
 * tableToResult's rows, converted column by column and assembled in slices of about `sliceMs`,
 * with the main thread yielded in between: a result of a hundred thousand customers never blocks
 * the page for long.
 */
export async function tableToRowsSliced<T = Row>(table: Table, sliceMs = 12): Promise<T[]> {
	const fields = table.schema.fields;
	let start = performance.now();
	const pause = async () => {
		if (performance.now() - start > sliceMs) {
			await yieldToMain();
			start = performance.now();
		}
	};
	const values: Cell[][] = [];
	for (let i = 0; i < fields.length; i++) {
		values.push(await columnValuesSliced(table.getChildAt(i), fields[i]!.type, pause));
	}
	const build = rowBuilder(fields, values);
	const n = table.numRows;
	const rows: T[] = new Array(n);
	for (let r = 0; r < n; r++) {
		rows[r] = build(r) as T;
		if ((r & 1023) === 1023) await pause();
	}
	return rows;
}

/**
 * Column names and Arrow type names, in result order. A name the result repeats
 * (`SELECT 1 AS a, 2 AS a`) is made unique (`a (2)`): rows are keyed by these names.
 */
export function tableColumns(table: Table): { name: string; type: string }[] {
	const fields = table.schema.fields;
	const names = uniqueColumnNames(fields.map((f) => f.name));
	return fields.map((f, i) => ({ name: names[i]!, type: typeName(f) }));
}

/** One column as plain cells (iterating a vector is much faster than get(i) per row). */
function columnValues(vector: Vector | null, type: DataType): Cell[] {
	if (!vector) return [];
	const out: Cell[] = new Array(vector.length);
	convertInto(vector, converterFor(type), out, 0);
	return out;
}

/** `vector`'s cells converted into `out` from index `at`; returns the index after the last. */
function convertInto(vector: Vector, convert: (v: unknown) => Cell, out: Cell[], at: number) {
	let i = at;
	for (const v of vector as Iterable<unknown>) {
		out[i++] = v === null || v === undefined ? null : convert(v);
	}
	return i;
}

/** Rows of a column converted between two pauses (a slice of the vector is a view, no copy). */
export const COLUMN_SLICE_ROWS = 4096;

/**
 * Bytes of text converted between two pauses, whatever the rows: a few long strings (the basket
 * job's packed lists, megabytes each at 1 M lines) decoded in one slice blocked the page for
 * 0.15 s. 64 KB of text decode in about 10 ms in the page (Arrow decodes each value apart).
 */
export const COLUMN_SLICE_BYTES = 64 * 1024;

/**
 * columnValues in slices of COLUMN_SLICE_ROWS rows (of text: at most COLUMN_SLICE_BYTES, at
 * least one row) with `pause` after each: one column of a hundred thousand long strings (the
 * loyalty job's purchases, 86 k members at 1 M lines) took a task of 0.1–0.2 s to convert whole.
 */
async function columnValuesSliced(
	vector: Vector | null,
	type: DataType,
	pause: () => Promise<void>
): Promise<Cell[]> {
	if (!vector) return [];
	const convert = converterFor(type);
	const out: Cell[] = new Array(vector.length);
	const text = type.typeId === Type.Utf8;
	let at = 0;
	while (at < vector.length) {
		const end = text
			? textSliceEnd(vector, at, COLUMN_SLICE_ROWS, COLUMN_SLICE_BYTES)
			: Math.min(vector.length, at + COLUMN_SLICE_ROWS);
		at = convertInto(vector.slice(at, end), convert, out, at);
		await pause();
	}
	return out;
}

/**
 * The row after the last of a slice of a text (Utf8) vector from row `at`: at most `maxRows` rows
 * and `maxBytes` bytes of text, at least one row. Reads the chunks' value offsets, not the text.
 */
export function textSliceEnd(
	vector: Vector,
	at: number,
	maxRows: number,
	maxBytes: number
): number {
	const limit = Math.min(vector.length, at + maxRows);
	let bytes = 0;
	let first = 0;
	for (const chunk of vector.data) {
		const next = first + chunk.length;
		if (next <= at) {
			first = next;
			continue;
		}
		const offsets = chunk.valueOffsets as Int32Array | undefined;
		if (!offsets) return limit;
		for (let row = Math.max(at, first); row < Math.min(limit, next); row++) {
			// A chunk's value offsets start at its first row (Arrow slices them with the chunk).
			const i = row - first;
			bytes += offsets[i + 1]! - offsets[i]!;
			if (bytes > maxBytes && row > at) return row;
		}
		if (next >= limit) return limit;
		first = next;
	}
	return limit;
}

/**
 * Every cell of `table` — text columns only — as its UTF-8 bytes (null for NULL): views into the
 * result's own buffers, neither decoded nor copied. For the packed texts a job worker reads
 * (analyses/packed.ts), megabytes each at 10 M lines: decoded to strings by tableToRowsSliced and
 * encoded back, the loyalty job's were 0.5 s of decoding and 0.5 s of encoding on the page's
 * thread at 10 M lines, and copying them out still 0.75 s (issue 22). Handing a view's buffer
 * over by transfer moves the whole result (it is read no more); views share buffers, so a
 * transfer list names each buffer once (packedBuffers).
 */
export function tableToUtf8(table: Table): Record<string, Uint8Array | null>[] {
	const fields = table.schema.fields;
	const names = uniqueColumnNames(fields.map((f) => f.name));
	const rows: Record<string, Uint8Array | null>[] = Array.from(
		{ length: table.numRows },
		() => ({})
	);
	for (let c = 0; c < fields.length; c++) {
		if (fields[c]!.type.typeId !== Type.Utf8)
			throw new Error(`tableToUtf8: column ${names[c]} is ${String(fields[c]!.type)}, not text`);
		let row = 0;
		for (const chunk of table.getChildAt(c)!.data) {
			// As in textSliceEnd: the offsets start at the chunk's first row; getValid adds its offset.
			const offsets = chunk.valueOffsets as Int32Array;
			for (let i = 0; i < chunk.length; i++, row++) {
				rows[row]![names[c]!] = chunk.getValid(i)
					? chunk.values.subarray(offsets[i]!, offsets[i + 1]!)
					: null;
			}
		}
	}
	return rows;
}

function rowBuilder(fields: Field[], values: Cell[][]) {
	const names = uniqueColumnNames(fields.map((f) => f.name));
	return (r: number) => {
		const row: Record<string, Cell> = {};
		for (let c = 0; c < names.length; c++) row[names[c]!] = values[c]![r] ?? null;
		return row;
	};
}

function converterFor(type: DataType): (v: unknown) => Cell {
	switch (type.typeId) {
		case Type.Int:
		case Type.Int64:
		case Type.Uint64:
			return toNumber;
		case Type.Float:
		case Type.Float64:
		case Type.Float32:
			return (v) => Number(v);
		case Type.Decimal: {
			const scale = (type as unknown as { scale: number }).scale;
			return (v) => decimalToNumber(v, scale);
		}
		case Type.Date:
		case Type.DateDay:
		case Type.DateMillisecond:
			return (v) => isoDate(v);
		case Type.Timestamp:
		case Type.TimestampSecond:
		case Type.TimestampMillisecond:
		case Type.TimestampMicrosecond:
		case Type.TimestampNanosecond:
			return (v) => isoTimestamp(v);
		case Type.Bool:
			return (v) => Boolean(v);
		case Type.Utf8:
		case Type.LargeUtf8:
			return (v) => String(v);
		default:
			return toJsonText;
	}
}

function toNumber(v: unknown): Cell {
	if (typeof v === 'bigint') {
		return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(-Number.MAX_SAFE_INTEGER)
			? Number(v)
			: v.toString();
	}
	return Number(v);
}

function decimalToNumber(v: unknown, scale: number): number {
	// Arrow 17 returns decimals as a BN-like object whose String() is the unscaled integer.
	const unscaled = typeof v === 'bigint' ? v.toString() : String(v);
	return Number(unscaled) / 10 ** scale;
}

function isoDate(v: unknown): string {
	return dayText(v instanceof Date ? v.getTime() : Number(v));
}

function isoTimestamp(v: unknown): string {
	return timestampText(v instanceof Date ? v.getTime() : Number(v));
}

function toJsonText(v: unknown): string {
	if (typeof v === 'string') return v;
	const plain =
		v && typeof (v as { toJSON?: () => unknown }).toJSON === 'function'
			? (v as { toJSON: () => unknown }).toJSON()
			: v;
	return JSON.stringify(plain, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}

function typeName(f: Field): string {
	return String(f.type);
}
