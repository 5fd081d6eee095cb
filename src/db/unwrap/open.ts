/**
 * Opening one container (a chunk of its own: db/unwrap/index imports it only for such files):
 * gzip → its content; zip → its one table, or its workbook's sheet as CSV. Failures become
 * LoadErrors that say what the file is, what was expected and what to do next.
 */
import { LoadError } from '../../core/ingest/types';
import type { ZipEntry } from '../../core/ingest/zip-directory';
import { gunzip } from './gzip';
import { BlobSink, eachChunk, RatioError, TooLargeError, asBlob, type Unpacked } from './stream';
import { isWorkbook, workbookToCsv } from './xlsx';
import { ZipArchive } from './zip';
import type { UnwrapOptions } from './index';

export interface Opened {
	kinds: ('gzip' | 'zip' | 'xlsx')[];
	data: Blob;
	/** Reading stopped at `head` bytes (a preview). */
	partial?: boolean;
	entry?: string;
	sheet?: string;
	otherSheets?: string[];
}

type Options = UnwrapOptions & { maxBytes: number };

/** Entries that are tables (or hold one): what a zip archive is opened for. */
const TABLE = /\.(csv|tsv|txt|tab|gz|xlsx|xlsm)$/i;
const LISTED = 5;

const plural = (n: number, word: string) =>
	`${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function sizeText(bytes: number): string {
	const gib = bytes / 1024 ** 3;
	return gib >= 1 ? `${+gib.toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/** Names for a message: the first few, then how many more. */
function list(names: readonly string[]): string {
	const shown = names.slice(0, LISTED).join(', ');
	return names.length > LISTED ? `${shown} (+${names.length - LISTED})` : shown;
}

function refusal(code: string, file: string, message: string, params = {}): LoadError {
	return new LoadError(code, `"${file}" ${message}`, file, params);
}

function latin1(bytes: Uint8Array): string {
	return String.fromCharCode(...bytes);
}

export async function open(
	kind: 'gzip' | 'zip',
	data: Blob | Uint8Array,
	first: Uint8Array,
	file: string,
	opts: Options
): Promise<Opened> {
	// Office files start with their part list; a damaged one may not have a readable header.
	const workbookLike =
		/\.xls[xm]$/i.test(file) || /\[Content_Types\]\.xml|xl\//.test(latin1(first));
	const damaged = kind === 'gzip' ? 'gzipDamaged' : workbookLike ? 'xlsxDamaged' : 'zipDamaged';
	try {
		if (kind === 'gzip') {
			opts.onProgress?.({ stage: 'decompressing', fraction: 0 });
			const out = await gunzip(data, {
				...opts,
				onFraction: (f) => opts.onProgress?.({ stage: 'decompressing', fraction: f })
			});
			return { kinds: ['gzip'], ...out };
		}
		return await openZip(await ZipArchive.open(asBlob(data)), file, workbookLike, opts);
	} catch (e) {
		if (e instanceof LoadError || (e instanceof DOMException && e.name === 'AbortError')) throw e;
		if (e instanceof RatioError) {
			throw refusal(
				'compressionRatio',
				file,
				`inflates to more than ${e.ratio} times its size, which real tables do not: it looks ` +
					'like a "zip bomb", so reading stopped. If it is real data, decompress it with ' +
					'another tool and load the CSV itself.',
				{ ratio: e.ratio }
			);
		}
		if (e instanceof TooLargeError) {
			const limit = sizeText(e.limit);
			throw refusal(
				'tooLarge',
				file,
				`would be larger than ${limit} once decompressed — more than the browser can analyse ` +
					'(it may be a "zip bomb"). Split the data into smaller files (for example one year ' +
					'per file) and load those.',
				{ limit }
			);
		}
		const detail = e instanceof Error ? e.message : String(e);
		if (/encrypted/.test(detail)) {
			throw refusal(
				'zipEncrypted',
				file,
				'is password-protected. Unzip it with its password and load the CSV inside.'
			);
		}
		const what = {
			gzipDamaged: 'gzip file',
			zipDamaged: 'zip archive',
			xlsxDamaged: 'Excel workbook'
		}[damaged];
		const next =
			damaged === 'xlsxDamaged'
				? 'Open it in Excel and save it again (or save it as CSV UTF-8), then load it.'
				: 'Download or copy it again, or decompress it with another tool and load the CSV inside.';
		throw refusal(damaged, file, `is a damaged or incomplete ${what} (${detail}). ${next}`, {
			detail
		});
	}
}

async function openZip(
	zip: ZipArchive,
	file: string,
	workbookLike: boolean,
	opts: Options
): Promise<Opened> {
	if (isWorkbook(zip)) {
		opts.onProgress?.({ stage: 'sheet', fraction: 0 });
		const book = await workbookToCsv(zip, {
			...opts,
			onFraction: (f) => opts.onProgress?.({ stage: 'sheet', fraction: f })
		});
		if (book.empty) {
			const sheets = book.sheetCount.toLocaleString('en-US');
			throw refusal(
				'xlsxEmpty',
				file,
				`has no data on any sheet (${plural(book.sheetCount, 'sheet')}, all empty). Put the ` +
					'table on a sheet, or save the sheet with your data as CSV UTF-8, then load it.',
				{ sheets }
			);
		}
		return { kinds: ['xlsx'], data: book.data, sheet: book.sheet, otherSheets: book.otherSheets };
	}
	const names = zip.entries.filter((e) => !e.name.endsWith('/')).map((e) => e.name);
	const format = zip.find('xl/workbook.bin')
		? '.xlsb'
		: zip.find('content.xml') && zip.find('mimetype')
			? '.ods'
			: null;
	if (format) {
		throw refusal(
			'spreadsheetFormat',
			file,
			`is a ${format} spreadsheet, which Clientele cannot read. Open it and save it as .xlsx or ` +
				'CSV UTF-8, then load that.',
			{ format }
		);
	}
	const tables = zip.entries.filter(
		(e) => TABLE.test(e.name) && !e.name.startsWith('__MACOSX/') && !/(^|\/)\._/.test(e.name)
	);
	if (tables.length === 0 && (workbookLike || zip.find('[Content_Types].xml'))) {
		throw refusal(
			'xlsxNotWorkbook',
			file,
			`is not an Excel workbook: it is a zip archive of something else (${list(names)}). Open ` +
				'the workbook in Excel and save it as .xlsx or CSV UTF-8, then load that.',
			{ entries: list(names) }
		);
	}
	if (tables.length === 0) {
		throw refusal(
			'zipNoTable',
			file,
			`is a zip archive with no table in it (no CSV, TSV or TXT file; it holds ${names.length === 0 ? 'nothing' : list(names)}). Load the CSV file itself.`,
			{ entries: names.length === 0 ? '–' : list(names) }
		);
	}
	if (tables.length > 1) {
		const tableNames = list(tables.map((t) => t.name));
		throw refusal(
			'zipManyTables',
			file,
			`is a zip archive with ${tables.length} tables (${tableNames}). Unzip it and load the one ` +
				'you want — or several at once, such as the orders and the customers file.',
			{ count: tables.length, tables: tableNames }
		);
	}
	return { kinds: ['zip'], ...(await entryBlob(zip, tables[0]!, opts)), entry: tables[0]!.name };
}

async function entryBlob(zip: ZipArchive, entry: ZipEntry, opts: Options): Promise<Unpacked> {
	if (entry.size > opts.maxBytes) throw new TooLargeError(opts.maxBytes);
	opts.onProgress?.({ stage: 'decompressing', fraction: 0 });
	const sink = new BlobSink(opts.maxBytes);
	let partial = false;
	const stream = await zip.stream(entry, (n) =>
		opts.onProgress?.({ stage: 'decompressing', fraction: n / Math.max(1, entry.compressedSize) })
	);
	await eachChunk(
		stream,
		(chunk) => {
			sink.add(chunk);
			partial = opts.head !== undefined && sink.bytes >= opts.head && sink.bytes < entry.size;
			return !partial;
		},
		opts
	);
	return { data: sink.result(), partial };
}
