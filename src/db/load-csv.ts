/**
 * Load a user's CSV file into a raw table: `__row BIGINT` (data-record number) + one VARCHAR
 * column per file column, with every rejected record reported (DESIGN.md §2, layer 5).
 *
 * Fast path (UTF-8): the file is registered as is and read by one read_csv pass; no per-row JS.
 * Other encodings are decoded in chunks and re-encoded as UTF-8 first. Delimiter, quote and
 * header are sniffed by core/ingest and passed explicitly; DuckDB's rejects capture turns ragged
 * rows and broken quotes into rejected records. Lines above the table (a `sep=;` directive, title
 * lines) are skipped and reported. Text DuckDB cannot read as it is — fields separated by runs of
 * spaces, or mixed line ends (refused whole by DuckDB's strict mode; `strict_mode = false` would
 * read them but also silently load rows with too many fields and shift line numbers) — is
 * rewritten while streaming (core/ingest/rewrite), keeping every editor line's number. Only when there are rejects is the text scanned
 * once more, to number records across blank lines and to find editor line numbers.
 */
import { userFilePath } from './session';
import { ident, int, join, lit, raw, sql } from '../core/sql';
import type { ColumnProfile } from '../core/types';
import {
	detectBinary,
	detectEncoding,
	garbageShare,
	guessFor,
	hasUtf8Bom,
	trimIncompleteUtf8,
	type EncodingGuess,
	type TextEncodingName
} from '../core/ingest/encoding';
import { ReplacementCounter } from '../core/ingest/replaced';
import { detectBasketLayout } from '../core/ingest/baskets';
import { nameColumns, ROW_COLUMN } from '../core/ingest/names';
import {
	buildExactStatsQuery,
	buildProfileQuery,
	buildSampleQuery,
	profileStats,
	parseProfile,
	PROFILE_BATCH,
	SAMPLE_WINDOW,
	withCounts,
	type SampleRow
} from '../core/ingest/profile';
import { countBelow, LineScanner, MAX_LINE_BYTES } from '../core/ingest/lines';
import { longLineHeads, rewriteRecords, scanRecords, withoutLines } from './record-count';
import {
	buildLongLineRejectsInsert,
	buildRejectListQuery,
	buildRejectSummaryQuery,
	buildRenumberQuery,
	buildRenumberUpdate,
	MAX_UPDATE_GAPS,
	renumberGaps,
	type LongLineReject,
	type RawReject
} from '../core/ingest/rejects';
import { measure } from '../core/timing';
import type { CsvRejectReason } from '../core/reject-reason';
import { duckdbRejectReason } from './duckdb-rejects';
import type { Engine } from './engine';
import { unwrapInput } from './unwrap';
import type { Row } from '../core/analysis';
import {
	LoadError,
	type LoadInput,
	type LoadProgress,
	type LoadReport,
	type RejectedRow
} from '../core/ingest/types';

export const MAX_REJECTS = 10_000;
/** Lines after an unclosed quote that a load tolerates as part of one rejected record. */
export const MAX_SWALLOWED_LINES = 10;
const PREFIX_BYTES = 64 * 1024;
/**
 * A UTF-8 file larger than twice this is read in parts of about this size, one statement each
 * (issue 22): DuckDB holds an insert's rows uncompressed until it commits, so one statement over
 * a 10 M-line file grew its heap to 1.9 GiB for a table it then keeps in 0.2 GiB; parts of 1 M
 * lines, to 0.6 GiB. The parts give the same table and rejects as one read (load-csv-parts.test).
 */
export const PART_BYTES = 64 * 1024 * 1024;
/** Bytes looked at after a part's nominal end for the line end where it is cut. */
const CUT_WINDOW = 64 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;
let uploads = 0;

function size(data: Blob | Uint8Array): number {
	return data instanceof Uint8Array ? data.byteLength : data.size;
}

async function slice(data: Blob | Uint8Array, start: number, end: number): Promise<Uint8Array> {
	if (data instanceof Uint8Array) return data.subarray(start, end);
	return new Uint8Array(await data.slice(start, end).arrayBuffer());
}

/** Decode `data` in chunks, handing each decoded piece to `sink`; reports fractions read. */
async function decodeChunks(
	data: Blob | Uint8Array,
	label: string,
	sink: (text: string) => void,
	onFraction: (f: number) => void,
	signal?: AbortSignal
): Promise<void> {
	const decoder = new TextDecoder(label);
	const total = size(data);
	for (let at = 0; at < total; at += CHUNK_BYTES) {
		checkAbort(signal);
		const end = Math.min(total, at + CHUNK_BYTES);
		sink(decoder.decode(await slice(data, at, end), { stream: true }));
		onFraction(end / total);
	}
	sink(decoder.decode());
}

async function transcode(
	data: Blob | Uint8Array,
	label: string,
	onFraction: (f: number) => void,
	signal: AbortSignal | undefined,
	onText: (text: string) => void
): Promise<Uint8Array> {
	const encoder = new TextEncoder();
	const pieces: Uint8Array[] = [];
	let length = 0;
	await decodeChunks(
		data,
		label,
		(text) => {
			onText(text);
			const bytes = encoder.encode(text);
			pieces.push(bytes);
			length += bytes.length;
		},
		onFraction,
		signal
	);
	const out = new Uint8Array(length);
	let at = 0;
	for (const p of pieces) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function noop(): void {}

function checkAbort(signal?: AbortSignal): void {
	if (signal?.aborted) throw new DOMException('Loading was cancelled.', 'AbortError');
}

function decodePrefix(prefix: Uint8Array, guess: EncodingGuess, whole: boolean): string {
	const bytes = guess.transcode || whole ? prefix : trimIncompleteUtf8(prefix);
	return new TextDecoder(guess.decoderLabel).decode(bytes);
}

/** Whether the file's first bytes mix line ends (a CR at the end of a prefix may be half a CR LF). */
function mixesLineEnds(prefix: Uint8Array, delimiter: string, whole: boolean): boolean {
	const cut = !whole && prefix[prefix.length - 1] === 0x0d;
	const scanner = new LineScanner(delimiter);
	scanner.push(cut ? prefix.subarray(0, -1) : prefix);
	return scanner.mixedLineEnds;
}

export interface LoadCsvOptions {
	onProgress?: (p: LoadProgress) => void;
	signal?: AbortSignal;
	/** Read the file in this encoding instead of detecting one (the person's choice). */
	encoding?: TextEncodingName;
	/** The workbook sheet to read, by name (default: the first that holds data). */
	sheet?: string;
	/** false: never read the file as a basket file (core/ingest/baskets), even if it looks one. */
	baskets?: boolean;
	/** Read a file larger than twice this in parts of about this size (default PART_BYTES). */
	partBytes?: number;
}

/**
 * Where a file of `total` bytes is cut into parts of about `partBytes`: the offset right after
 * the first line feed at or after each multiple of partBytes that no byte-order mark follows
 * (none within CUT_WINDOW: no cut there). Whether each is a record's start (not inside a quoted
 * value) is the scan's to say.
 */
export async function partCuts(data: Blob | Uint8Array, partBytes: number): Promise<number[]> {
	const total = size(data);
	const cuts: number[] = [];
	if (!(partBytes > 0) || total <= 2 * partBytes) return cuts;
	for (let at = partBytes; at < total; at += partBytes) {
		const from = Math.max(at, (cuts[cuts.length - 1] ?? 0) + 1);
		const window = await slice(data, from, Math.min(total, from + CUT_WINDOW));
		// Not before a byte-order mark: DuckDB drops one at a file's start, so a part starting
		// with one would lose the character a whole read keeps (a value of U+FEFF alone).
		const unseen = (lf: number) => lf + 3 >= window.length && from + window.length < total;
		let lf = window.indexOf(0x0a);
		while (lf >= 0 && (unseen(lf) || hasUtf8Bom(window, lf + 1))) {
			lf = unseen(lf) ? -1 : window.indexOf(0x0a, lf + 1);
		}
		if (lf >= 0 && from + lf + 1 < total) cuts.push(from + lf + 1);
	}
	return cuts;
}

/**
 * How a basket file is read: one column, the whole line (U+001F, the unit separator, as the
 * delimiter: text files do not hold it; a line that does is rejected with its number).
 */
const BASKET_LINES = {
	delimiter: '\u001f',
	readDelimiter: '\u001f',
	hasHeader: false,
	header: null,
	fieldCount: 1,
	skip: 0,
	skipped: []
};

/**
 * Load `input` into table `table` (created or replaced). Throws LoadError for files that are not
 * readable CSV text, and DOMException('AbortError') when `signal` aborts (no table is left behind).
 * A gzip file, a zip archive holding one table or an Excel workbook is unpacked first
 * (db/unwrap); the report's `container` says from what, and `file` keeps the person's name.
 */
export async function loadCsv(
	engine: Engine,
	input: LoadInput,
	table: string,
	opts: LoadCsvOptions = {}
): Promise<LoadReport> {
	const { signal, onProgress, sheet } = opts;
	const { input: inner, container } = await unwrapInput(input, { signal, onProgress, sheet });
	const report = await loadText(engine, inner, table, opts);
	return container ? { ...report, container } : report;
}

async function loadText(
	engine: Engine,
	input: LoadInput,
	table: string,
	opts: LoadCsvOptions
): Promise<LoadReport> {
	const { signal } = opts;
	const progress = (stage: LoadProgress['stage'], fraction: number | null) =>
		opts.onProgress?.({ stage, fraction });
	const fail = (code: string, message: string, params?: Record<string, number | string>) =>
		new LoadError(code, message, input.name, params);
	const bytes = size(input.data);

	checkAbort(signal);
	progress('reading', 0);
	const prefix = await slice(input.data, 0, PREFIX_BYTES);
	const whole = prefix.length >= bytes;
	progress('reading', whole ? 1 : prefix.length / bytes);
	if (bytes === 0) throw fail('empty', `"${input.name}" is empty (0 bytes).`);
	const binary = await detectBinary(prefix);
	if (binary) throw fail(binary.code, binary.message);
	const chosen = opts.encoding;
	let guess = chosen ? guessFor(chosen, prefix) : await detectEncoding(prefix, whole);
	const text = decodePrefix(prefix, guess, whole);
	if (whole && text.trim() === '') {
		throw fail('empty', `"${input.name}" has no content (only blank lines or spaces).`);
	}
	if (!whole && !/[\r\n]/.test(text)) {
		throw fail(
			'line',
			`"${input.name}": line 1 is longer than ${PREFIX_BYTES / 1024} KB (no line break found), ` +
				'so this is not a CSV table with one record per line.'
		);
	}
	// A chosen encoding is read as chosen: the mapping screen's preview shows what it gives.
	if (!chosen && garbageShare(text) > 0.02) {
		throw fail(
			'encoding',
			`"${input.name}" could not be read as text in ${guess.encoding}: it contains many ` +
				'control characters. Save it as CSV UTF-8 and try again.'
		);
	}
	// The sniffer (with PapaParse) is a chunk of its own: the empty page does not need it.
	const { sniffDialect, WHITESPACE } = await import('../core/ingest/sniff');
	// A basket file (one basket a line, ragged) is read a line a record: its items are split into
	// the baskets table afterwards (db/pipeline/baskets.ts).
	const basket = opts.baskets === false ? null : detectBasketLayout(text, whole);
	const dialect = basket ? BASKET_LINES : sniffDialect(text, whole);
	const { names, warnings } = nameColumns(dialect.header, dialect.fieldCount);
	// Whitespace-separated text is always rewritten; mixed line ends, once they are seen (in the
	// sniffed prefix, or by the scan of the whole file after DuckDB refused or read it).
	let rewrite =
		dialect.delimiter === WHITESPACE ||
		(!guess.transcode && mixesLineEnds(prefix, dialect.readDelimiter, whole));

	const id = ++uploads;
	// Under the only folder DuckDB may read (db/session.ts): files added later load too.
	const file = userFilePath(`upload_${id}.csv`);
	const rejectsTable = `__rejects_${id}`;
	const rejectsScan = `__rejects_scan_${id}`;
	// The files registered for DuckDB: the whole file, or its parts (cut at the offsets in `partsAt`).
	const registered = new Set<string>();
	let partsAt: number[] = [];
	// The parts' own rejects tables, merged into rejectsTable once every part is read.
	const partRejects: string[] = [];
	let replaced = new ReplacementCounter();
	// The loader's own count of the records (db/record-count.ts): for UTF-8 files it runs while
	// DuckDB reads; transcoded bytes are scanned before they are registered. Lines too long for
	// DuckDB are kept from it (`cut`) and become rejects of our own (`longLines`).
	let scanning: Promise<LineScanner> | null = null;
	let cut = false;
	let longLines: LongLineReject[] = [];
	const keepAway = async (source: Blob | Uint8Array, scan: LineScanner) => {
		const heads = await longLineHeads(source, scan.longLines);
		longLines = scan.longLines.map((l, i) => ({
			line: l.line,
			start: l.start,
			bytes: l.end - l.start,
			head: heads[i] ?? ''
		}));
		cut = true;
		return withoutLines(source, scan.longLines);
	};
	const scanConcurrently = (source: Blob | Uint8Array, watch: readonly number[] = []) => {
		scanning = scanRecords(source, dialect.readDelimiter, signal, watch);
		scanning.catch(noop); // awaited later; a load that fails first must not leave it unhandled
	};
	const dropFiles = async () => {
		for (const name of registered) await engine.dropFile(name);
		registered.clear();
	};
	/** Register the caller's bytes (or a part of them) under `name`. */
	const registerInput = async (name: string, start = 0, end = bytes) => {
		registered.add(name);
		if (input.data instanceof Uint8Array) {
			// The browser engine transfers the buffer to its worker: keep the caller's bytes intact.
			await engine.registerBuffer(name, input.data.slice(start, end));
		} else {
			await engine.registerFile(
				name,
				start === 0 && end === bytes ? input.data : input.data.slice(start, end)
			);
		}
	};
	const partFile = (k: number) => userFilePath(`upload_${id}_part${k + 1}.csv`);
	const register = async () => {
		await dropFiles();
		partsAt = [];
		if (guess.transcode || rewrite) {
			let utf8: Blob | Uint8Array = input.data;
			if (guess.transcode) {
				progress('transcoding', 0);
				const counter = (replaced = new ReplacementCounter());
				utf8 = await transcode(
					input.data,
					guess.decoderLabel,
					(f) => progress('transcoding', f),
					signal,
					(s) => counter.push(s)
				);
			}
			let scan = rewrite ? null : await scanRecords(utf8, dialect.readDelimiter, signal);
			if (!scan || scan.mixedLineEnds) {
				rewrite = true;
				progress('transcoding', 0);
				const whitespace = dialect.delimiter === WHITESPACE;
				({ bytes: utf8, scan } = await rewriteRecords(
					utf8,
					dialect.delimiter,
					whitespace,
					signal,
					(f) => progress('transcoding', f)
				));
			}
			scanning = Promise.resolve(scan);
			// Our own bytes (transcoded or rewritten): the engine may take them.
			registered.add(file);
			await engine.registerBuffer(file, (await keepAway(utf8, scan)) as Uint8Array);
		} else {
			// A large file is read in parts; the scan says whether each cut is a record's start.
			partsAt = await partCuts(input.data, opts.partBytes ?? PART_BYTES);
			scanConcurrently(input.data, partsAt);
			const bounds = [0, ...partsAt, bytes];
			if (partsAt.length === 0) await registerInput(file);
			else
				for (let k = 0; k + 1 < bounds.length; k++) {
					await registerInput(partFile(k), bounds[k], bounds[k + 1]);
				}
		}
	};
	/** Register the caller's bytes again without the lines too long for DuckDB. */
	const registerCut = async (scan: LineScanner) => {
		await dropFiles();
		partsAt = [];
		registered.add(file);
		const source = await keepAway(input.data, scan);
		if (source instanceof Uint8Array) {
			await engine.registerBuffer(file, source === input.data ? source.slice() : source);
		} else await engine.registerFile(file, source);
	};
	const rejectSummary = async () => {
		const [row] = await engine.query<{ records: number; encoding_errors: number }>(
			buildRejectSummaryQuery(rejectsTable)
		);
		return { records: row?.records ?? 0, encodingErrors: row?.encoding_errors ?? 0 };
	};
	const dropPartRejects = async () => {
		const names = partRejects.splice(0).flatMap((t) => [t, `${t}_scan`]);
		if (names.length > 0) {
			await engine.exec(names.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' '));
		}
	};
	const dropRejects = async () => {
		await dropPartRejects();
		await engine.exec(`DROP TABLE IF EXISTS ${rejectsTable}; DROP TABLE IF EXISTS ${rejectsScan};`);
	};

	try {
		await register();
		checkAbort(signal);
		progress('parsing', null);
		/**
		 * Read `source` into the table: the whole file or the first part (`after` null: the table
		 * is created; the header and the skipped lines are there), or a later part (`after` the
		 * rows loaded before it: its rows continue their numbering).
		 */
		const readStatement = (source: string, rejects: string, scan: string, after: number | null) => {
			const first = after === null;
			const rows = join(names.map((n, i) => sql`${raw(`c${i + 1}`)} AS ${ident(n)}`));
			const from = sql`FROM read_csv(${source}, delim = ${dialect.readDelimiter}, quote = '"', escape = '"',
	header = ${raw(dialect.hasHeader && first ? 'true' : 'false')}, skip = ${int(first ? dialect.skip : 0)},
	auto_detect = false, all_varchar = true,
	max_line_size = ${int(MAX_LINE_BYTES + 1024)},
	columns = {${raw(names.map((_, i) => `'c${i + 1}': 'VARCHAR'`).join(', '))}},
	store_rejects = true, rejects_table = ${lit(rejects)}, rejects_scan = ${lit(scan)})`;
			return first
				? sql`CREATE OR REPLACE TABLE ${ident(table)} AS
SELECT row_number() OVER ()::BIGINT AS ${ident(ROW_COLUMN)}, ${rows}
${from}`
				: sql`INSERT INTO ${ident(table)}
SELECT (row_number() OVER () + ${int(after)})::BIGINT AS ${ident(ROW_COLUMN)}, ${rows}
${from}`;
		};
		/**
		 * Read the parts one statement each; true when every cut proved a record's start (the scan
		 * saw a line start there, after the skipped lines and the header) and every part read. Their
		 * rejects are then merged into rejectsTable with the whole file's line numbers.
		 */
		const readParts = async (): Promise<boolean> => {
			const n = partsAt.length + 1;
			let loaded = 0;
			try {
				for (let k = 0; k < n; k++) {
					checkAbort(signal);
					progress('parsing', k / n);
					const rejects = `${rejectsTable}_part${k + 1}`;
					partRejects.push(rejects);
					await engine.exec(
						readStatement(partFile(k), rejects, `${rejects}_scan`, k === 0 ? null : loaded)
					);
					const [row] = await engine.query<{ n: number }>(
						sql`SELECT count(*) AS n FROM ${ident(table)}`
					);
					loaded = Number(row?.n ?? 0);
				}
			} catch (e) {
				if (e instanceof DOMException && e.name === 'AbortError') throw e;
				await dropPartRejects();
				return false; // a refused part: the whole file's read decides
			}
			const scan = await scanning!;
			// The first part holds the skipped lines and the header (when a skipped line is blank,
			// this asks for more than needed: such a file is read whole).
			const head = (dialect.hasHeader ? 1 : 0) + dialect.skip;
			const starts = partsAt.map((c) => scan.lineStarts.get(c));
			if (starts.some((x) => !x || x.records < head)) {
				await dropPartRejects();
				return false;
			}
			const shifted = partRejects.map((t, k) => {
				const line = k === 0 ? 0 : starts[k - 1]!.line - 1;
				const at = k === 0 ? 0 : partsAt[k - 1]!;
				return sql`SELECT * REPLACE ((line + ${int(line)})::UBIGINT AS line,
	(line_byte_position + ${int(at)})::UBIGINT AS line_byte_position,
	(byte_position + ${int(at)})::UBIGINT AS byte_position) FROM ${ident(t)}`;
			});
			await engine.exec(
				sql`CREATE OR REPLACE TEMP TABLE ${ident(rejectsTable)} AS ${join(shifted, ' UNION ALL ')}`
			);
			await dropPartRejects();
			return true;
		};
		const read = async () => {
			if (partsAt.length > 0) {
				if (await readParts()) return;
				// Not cut at records' starts (a quoted line break), or refused: read it whole.
				await dropFiles();
				partsAt = [];
				await registerInput(file);
			}
			await engine.exec(readStatement(file, rejectsTable, rejectsScan, null));
		};
		// A refusal is kept until the scan says whether rewritten line ends would read.
		const readOrRefusal = async (): Promise<unknown> => {
			try {
				await read();
				return null;
			} catch (e) {
				if (e instanceof DOMException && e.name === 'AbortError') throw e;
				return e;
			}
		};
		let t = performance.now();
		let refusal = await readOrRefusal();
		let summary = refusal ? { records: 0, encodingErrors: 0 } : await rejectSummary();
		measure(`${input.name}: read_csv`, t);
		const recheck =
			!refusal && !chosen && !guess.transcode && summary.encodingErrors > 0
				? await detectEncoding(await slice(input.data, 0, bytes), true)
				: null;
		// Invalid UTF-8 after the sniffed prefix: the whole file decides the encoding. If it is
		// still (mostly) UTF-8, the records with corrupt bytes stay rejected with their lines.
		if (recheck?.transcode) {
			await dropRejects();
			guess = recheck;
			await register();
			checkAbort(signal);
			progress('parsing', null);
			await read();
			summary = await rejectSummary();
		}
		checkAbort(signal);
		t = performance.now();
		let scan = await scanning!;
		measure(`${input.name}: record count (waited)`, t);
		if (scan.mixedLineEnds && !rewrite) {
			// Mixed line ends after the sniffed prefix: DuckDB refuses the file (or could misread
			// it); the rewritten text reads, with the same line numbers.
			rewrite = true;
			await dropRejects();
			await register();
			checkAbort(signal);
			progress('parsing', null);
			refusal = await readOrRefusal();
			summary = refusal ? summary : await rejectSummary();
			scan = await scanning!;
		}
		if (refusal) throw refusal;
		const open = scan.openQuote;
		// A quote left open at the end swallows every line after it into one record. A few lines
		// (a typo in the last records) stay one rejected record whose message names its lines;
		// more, and the file is refused: what would load is the part before it, silently cut.
		if (open && open.lastPhysical - open.physical > MAX_SWALLOWED_LINES) {
			const [line, lines, last] = [
				open.physical,
				open.lastPhysical - open.physical,
				open.lastPhysical
			];
			const n = (x: number) => x.toLocaleString('en-US');
			throw fail(
				'quote',
				`"${input.name}": the quote that opens on line ${n(line)} is never closed, so the ` +
					`${n(lines)} line${lines === 1 ? '' : 's'} after it (to line ${n(last)}) would be ` +
					'read as part of one value. Close or remove that quote and load the file again.',
				{ line: n(line), lines: n(lines), last: n(last) }
			);
		}
		if (scan.longLines.length > 0 && !cut) {
			// DuckDB read them (and may have lost them, and lines after them): read it again without.
			await dropRejects();
			await registerCut(scan);
			checkAbort(signal);
			await read();
		}
		if (longLines.length > 0) {
			await engine.exec(buildLongLineRejectsInsert(rejectsTable, longLines, MAX_LINE_BYTES));
		}
		if (cut) summary = await rejectSummary();
		checkAbort(signal);

		const rowsRejected = summary.records;
		// Records above the first data record: the header, and skipped lines the scan counted as
		// records (a sep= line, titles; blank lines it counts apart).
		const headerLines =
			(dialect.hasHeader ? 1 : 0) + dialect.skip - countBelow(scan.blankLines, dialect.skip + 1);
		let rejected: RejectedRow[] = [];
		t = performance.now();
		if (rowsRejected > 0) {
			const listed = await engine.query<RawReject>(buildRejectListQuery(rejectsTable, MAX_REJECTS));
			const blanks = scan.blankLines;
			const recordOf = (line: number) => line - headerLines - countBelow(blanks, line);
			// Every rejected record listed and few gaps: update the rows in place; else rewrite.
			const gaps =
				listed.length === rowsRejected ? renumberGaps(listed.map((r) => recordOf(r.line))) : [];
			await engine.exec(
				gaps.length > 0 && gaps.length <= MAX_UPDATE_GAPS
					? buildRenumberUpdate(table, gaps)
					: buildRenumberQuery(table, names, rejectsTable, headerLines, blanks)
			);
			// Lines kept from DuckDB have their reason from here; the rest, from DuckDB's words.
			const ours = new Map<number, CsvRejectReason>(
				longLines.map((l) => [
					l.line,
					{ code: 'line-too-long', bytes: l.bytes, max: MAX_LINE_BYTES }
				])
			);
			rejected = listed.map((r) =>
				toRejected(r, recordOf(r.line), scan, names, ours.get(r.line) ?? duckdbRejectReason(r))
			);
		}
		await dropRejects();
		measure(`${input.name}: rejects`, t);
		checkAbort(signal);

		t = performance.now();
		progress('profiling', null);
		const [counts] = await engine.query<{ total: number }>(
			sql`SELECT count(*) AS total FROM ${ident(table)}`
		);
		const rowsLoaded = Number(counts?.total ?? 0);
		// Counted independently of DuckDB: what it neither loaded nor rejected is said, not lost.
		const dataRows = Math.max(0, scan.records - headerLines);
		const samples = await engine.query<SampleRow>(buildSampleQuery(table, names));
		checkAbort(signal);
		// The sample window holds every record: its counts are exact. Otherwise the whole-table
		// counts wait (countColumns), except for columns the window saw no value in: whether they
		// are empty decides their kind, so they are counted now.
		const whole = rowsLoaded + rowsRejected <= SAMPLE_WINDOW;
		const unseen = whole
			? []
			: names.filter((_, i) => !samples.some((r) => Number(r.col) === i && Number(r.n) > 0));
		const stats = unseen.length > 0 ? await exactStatsOf(engine, table, names, unseen) : {};
		const columns = parseProfile(names, rowsLoaded, samples, { whole, stats });
		checkAbort(signal);
		progress('profiling', 1);
		measure(`${input.name}: profile`, t);
		return {
			file: input.name,
			table,
			bytes,
			encoding: guess.encoding,
			encodingUncertain: guess.uncertain === true,
			replacedChars: replaced.count,
			replacedLines: replaced.lines,
			delimiter: basket ? basket.delimiter : dialect.delimiter,
			...(basket ? { basketDelimiter: basket.delimiter } : {}),
			hasHeader: dialect.hasHeader,
			skippedLines: dialect.skipped,
			dataRows,
			rowsLoaded,
			rowsRejected,
			unaccounted: dataRows - rowsLoaded - rowsRejected,
			rejects: rejected,
			columns,
			headerWarnings: warnings
		};
	} catch (e) {
		await engine.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => {});
		throw e;
	} finally {
		await dropRejects().catch(() => {});
		await dropFiles().catch(() => {});
	}
}

/**
 * Whole-table column stats (total, nulls_<i>, distinct_<i>) in batches of PROFILE_BATCH columns;
 * columns with padded cells get a second, exact query (see core/ingest/profile).
 */
export async function profileStatsOf(
	engine: Engine,
	table: string,
	names: readonly string[],
	signal?: AbortSignal
): Promise<Row> {
	const stats: Row = {};
	for (let first = 0; first < Math.max(names.length, 1); first += PROFILE_BATCH) {
		const batch = names.slice(first, first + PROFILE_BATCH);
		const [row] = await engine.query(buildProfileQuery(table, batch, first));
		const part = profileStats(batch, first, row ?? {});
		Object.assign(stats, part.stats);
		if (part.exact.length > 0) {
			const [exact] = await engine.query(buildExactStatsQuery(table, part.exact));
			Object.assign(stats, exact);
		}
		checkAbort(signal);
	}
	return stats;
}

/** Exact nulls_<i>/distinct_<i> of the named columns only (i = position in `names`). */
async function exactStatsOf(
	engine: Engine,
	table: string,
	names: readonly string[],
	wanted: readonly string[]
): Promise<Row> {
	const stats: Row = {};
	const columns = names
		.map((name, index) => ({ name, index }))
		.filter((c) => wanted.includes(c.name));
	for (let first = 0; first < columns.length; first += PROFILE_BATCH) {
		const [row] = await engine.query(
			buildExactStatsQuery(table, columns.slice(first, first + PROFILE_BATCH))
		);
		Object.assign(stats, row);
	}
	return stats;
}

/**
 * The report's columns with exact whole-file counts (for files whose load left them uncounted;
 * see ColumnProfile.counted). The table must still be the report's.
 */
export async function countColumns(
	engine: Engine,
	report: Pick<LoadReport, 'table' | 'columns'>
): Promise<ColumnProfile[]> {
	if (report.columns.every((c) => c.counted)) return report.columns;
	const stats = await profileStatsOf(
		engine,
		report.table,
		report.columns.map((c) => c.name)
	);
	return withCounts(report.columns, stats);
}

function toRejected(
	r: RawReject,
	row: number,
	scanner: LineScanner,
	names: readonly string[],
	reason: CsvRejectReason
): RejectedRow {
	const col = /^c(\d+)$/.exec(r.column_name ?? '');
	const line = scanner.physicalLine(r.line);
	const last = scanner.physicalLine(r.line + 1) - 1;
	return {
		row,
		line,
		lastLine: last > line ? last : null,
		column: col ? (names[Number(col[1]) - 1] ?? null) : null,
		reason,
		raw: r.csv_line.replace(/^[\r\n]+|[\r\n]+$/g, '')
	};
}
