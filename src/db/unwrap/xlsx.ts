/**
 * An Excel workbook (.xlsx) read as CSV: the first sheet that holds data, converted row by row
 * (core/ingest/xlsx) into UTF-8 CSV bytes, so the CSV loader reads it as it reads any file. The
 * other sheets with data are named in the report; `sheet` picks one by name instead.
 */
import { SheetToCsv, type SheetContext } from '../../core/ingest/xlsx/sheet';
import {
	parseDateStyles,
	parseWorkbook,
	SharedStrings,
	type SheetRef
} from '../../core/ingest/xlsx/workbook';
import { ZipFormatError } from '../../core/ingest/zip-directory';
import { BlobSink, checkAbort, eachChunk, type StreamOptions } from './stream';
import type { ZipArchive } from './zip';

export interface WorkbookCsv {
	data: Blob;
	sheet: string;
	/** Sheets after the one read that hold data too (the ones before it are empty). */
	otherSheets: string[];
	/** Sheets in the workbook, and none held data (data is then empty). */
	sheetCount: number;
	empty: boolean;
}

/** Whether the archive is a workbook (has its workbook part). */
export function isWorkbook(zip: ZipArchive): boolean {
	return zip.find('xl/workbook.xml') !== undefined;
}

/** Read `zip` (a workbook) to CSV. Throws ZipFormatError for a part that is missing or damaged. */
export async function workbookToCsv(
	zip: ZipArchive,
	opts: StreamOptions & { sheet?: string; onFraction?: (f: number) => void }
): Promise<WorkbookCsv> {
	const part = async (path: string, required: boolean) => {
		const entry = zip.find(path);
		if (!entry && required) throw new ZipFormatError(`${path} is missing`);
		return entry ? zip.text(entry, opts) : '';
	};
	const { sheets, date1904 } = parseWorkbook(
		await part('xl/workbook.xml', true),
		await part('xl/_rels/workbook.xml.rels', true)
	);
	if (sheets.length === 0) throw new ZipFormatError('xl/workbook.xml lists no sheet');
	const ctx: SheetContext = {
		strings: await sharedStrings(zip, opts),
		dateStyles: parseDateStyles(await part('xl/styles.xml', false)),
		date1904
	};
	const chosen = opts.sheet ? sheets.filter((s) => s.name === opts.sheet) : sheets;
	for (const [i, sheet] of chosen.entries()) {
		const sink = new BlobSink(opts.maxBytes);
		const encoder = new TextEncoder();
		const reader = new SheetToCsv(ctx, (csv) => sink.add(encoder.encode(csv)));
		await eachText(zip, sheet, (text) => reader.push(text), {
			...opts,
			maxBytes: 2 * opts.maxBytes,
			onFraction: (f) => opts.onFraction?.((i + f) / chosen.length)
		});
		reader.end();
		if (reader.rowsWithData === 0) continue;
		const others: string[] = [];
		for (const other of sheets.slice(sheets.indexOf(sheet) + 1)) {
			if (await hasData(zip, other, opts)) others.push(other.name);
		}
		return {
			data: sink.result(),
			sheet: sheet.name,
			otherSheets: others,
			sheetCount: sheets.length,
			empty: false
		};
	}
	return { data: new Blob([]), sheet: '', otherSheets: [], sheetCount: sheets.length, empty: true };
}

async function sharedStrings(zip: ZipArchive, opts: StreamOptions): Promise<string[]> {
	const entry = zip.find('xl/sharedStrings.xml');
	if (!entry) return [];
	const table = new SharedStrings();
	const decoder = new TextDecoder('utf-8');
	await eachChunk(
		await zip.stream(entry),
		(chunk) => table.push(decoder.decode(chunk, { stream: true })),
		{ ...opts, maxBytes: 2 * opts.maxBytes }
	);
	table.push(decoder.decode());
	return table.end();
}

/** A sheet's XML as text pieces; `onFraction` by compressed bytes read. */
async function eachText(
	zip: ZipArchive,
	sheet: SheetRef,
	onText: (text: string) => void,
	opts: StreamOptions & { onFraction?: (f: number) => void }
): Promise<void> {
	const entry = zip.find(sheet.path);
	if (!entry) throw new ZipFormatError(`${sheet.path} (sheet "${sheet.name}") is missing`);
	checkAbort(opts.signal);
	const decoder = new TextDecoder('utf-8');
	const stream = await zip.stream(entry, (n) =>
		opts.onFraction?.(n / Math.max(1, entry.compressedSize))
	);
	await eachChunk(stream, (chunk) => onText(decoder.decode(chunk, { stream: true })), opts);
	onText(decoder.decode());
}

/** Whether a sheet has any value: read until the first one, no further. */
async function hasData(zip: ZipArchive, sheet: SheetRef, opts: StreamOptions): Promise<boolean> {
	const entry = zip.find(sheet.path);
	if (!entry) return false;
	const decoder = new TextDecoder('utf-8');
	let tail = '';
	let found = false;
	await eachChunk(
		await zip.stream(entry),
		(chunk) => {
			const text = tail + decoder.decode(chunk, { stream: true });
			found = /<(?:[\w.-]+:)?(?:v|t)(?:\s[^>]*)?>[^<]/.test(text);
			tail = text.slice(-64);
			return !found;
		},
		{ ...opts, maxBytes: 2 * opts.maxBytes }
	);
	return found;
}
