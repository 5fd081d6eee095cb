/**
 * What a file load takes in and reports back (DESIGN.md §2): shared by db (which fills them),
 * state and ui (which show them) and export (which writes rejected rows), so they live in core.
 */
import type { ColumnProfile } from '../types';
import type { CsvRejectReason } from '../reject-reason';

export interface LoadInput {
	/** The user's file name: display only, never part of SQL text. */
	name: string;
	data: Blob | Uint8Array;
}
export interface LoadProgress {
	/** 'decompressing': a .gz or zip entry; 'sheet': an Excel sheet converted to CSV (db/unwrap). */
	stage: 'decompressing' | 'sheet' | 'reading' | 'transcoding' | 'parsing' | 'profiling';
	/** 0..1, or null when unknown (parsing runs inside DuckDB; a file read in parts counts them). */
	fraction: number | null;
}
export interface RejectedRow {
	/** The file of the record, when the report covers several appended files (LoadReport.parts). */
	file?: string;
	/** Data-record number (1 = first record after the header), as `__row` would have been. */
	row: number | null;
	/** Line in the file (1-based, as a text editor counts) where the record starts. */
	line: number | null;
	/**
	 * Last line of the record when it spans several (a quote that opens a cell and closes lines
	 * later: everything in between was read as one record), else null.
	 */
	lastLine: number | null;
	column: string | null;
	/** Why the reader refused it, as a code and fields (worded at display: core/rejects.ts). */
	reason: CsvRejectReason;
	raw: string;
}
export interface LoadReport {
	file: string;
	table: string;
	bytes: number;
	encoding: string;
	/** The encoding was a close call between candidates (detected, not chosen): worth a check. */
	encodingUncertain: boolean;
	/** Characters invalid in the encoding, read as U+FFFD (transcoded files; UTF-8 rejects rows). */
	replacedChars: number;
	/** Editor lines of the first of them (at most MAX_REPLACED_LINES). */
	replacedLines: number[];
	/** One character, or ' ' for fields separated by runs of spaces or tabs (fixed-width text). */
	delimiter: string;
	/**
	 * Set when the file was read as a wide basket file (core/ingest/baskets: one basket a line):
	 * the table has one column, the line, and its items are separated by this delimiter.
	 */
	basketDelimiter?: string;
	hasHeader: boolean;
	/**
	 * Records after the header, counted by the loader itself (core/ingest/lines), not by DuckDB;
	 * blank lines are not records. dataRows = rowsLoaded + rowsRejected + unaccounted.
	 */
	dataRows: number;
	rowsLoaded: number;
	rowsRejected: number;
	/**
	 * Records the reader neither loaded nor rejected (negative: it returned more than the file
	 * has). 0 unless DuckDB lost records in a way the loader does not know; the summary says so.
	 */
	unaccounted: number;
	/** Rejected records in file order, at most MAX_REJECTS (rowsRejected stays exact). */
	rejects: RejectedRow[];
	/** Profiles of the file's columns (not __row). */
	columns: ColumnProfile[];
	headerWarnings: string[];
	/** Set when the table was read from inside a gzip file, a zip archive or a workbook. */
	container?: ContainerInfo;
	/**
	 * Lines above the header (or the first record) that are not part of the table and were
	 * skipped: an Excel `sep=;` directive, a title or an "exported on …" line (blank lines are not
	 * listed). `line` is the editor line (1-based).
	 */
	skippedLines: SkippedLine[];
	/**
	 * Several files of one kind appended into one set (core/ingest/append): each file's own
	 * report, and the offset of its row numbers in the set's table. Absent for a single file.
	 */
	parts?: SetPart[];
	/** The set's column naming each row's file (`source_file`), when files were appended. */
	sourceColumn?: string;
}

/** One file of an appended set (LoadReport.parts). */
export interface SetPart {
	report: LoadReport;
	/** Added to the file's data-row numbers in the set's table (0 for the first file). */
	rowOffset: number;
}

/** A line skipped before the table starts (see LoadReport.skippedLines). */
export interface SkippedLine {
	line: number;
	text: string;
}

/** What a file was unpacked from (db/unwrap): the load summary says it. */
export interface ContainerInfo {
	/** Outermost first: ['gzip'], ['zip'], ['xlsx'], ['zip', 'xlsx'] … */
	kinds: ('gzip' | 'zip' | 'xlsx')[];
	/** Bytes of the file as given (packed); LoadReport.bytes are the unpacked table's. */
	compressedBytes: number;
	/** The zip entry read, e.g. 'orders.csv'. */
	entry: string | null;
	/** The workbook sheet read, and the sheets after it that hold data too (not read). */
	sheet: string | null;
	otherSheets: string[];
}

export class LoadError extends Error {
	constructor(
		public code: string,
		message: string,
		public file: string,
		/** Values for the translated message (loadError.<code>), e.g. a line number. */
		public params: Record<string, number | string> = {}
	) {
		super(message);
		this.name = 'LoadError';
	}
}
