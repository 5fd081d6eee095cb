/**
 * The session's sets of files of one kind (issue 15: monthly files appended into one orders set):
 * the workbooks among them for the sheet picker, and which files a set holds once a file's kind
 * changes — plain, tested functions kept apart from Session.
 */
import { compareColumns, partsOf } from '../core/ingest/append';
import type { LoadInput, LoadReport } from '../core/ingest/types';
import type { DataSetFile } from '../db/pipeline/file-kinds';
import { setFilesOf, type SetFile, type SetFiles } from '../db/pipeline/set-files';
import { sheetsOf } from './file-kinds';

/** A workbook of the orders set with several sheets with data (the sheet picker, one each). */
export interface Workbook {
	/** Its place among the set's files (the index of its part). */
	part: number;
	input: LoadInput;
	file: string;
	/** The sheet read. */
	sheet: string;
	/** Its sheets with data, in order. */
	sheets: string[];
}

/**
 * The workbooks of a set with several sheets with data. A workbook listed `before` keeps its list:
 * the reader names only the sheets after the one it read, so a list read after another sheet was
 * chosen would lose the earlier ones.
 */
export function workbooksOf(
	report: LoadReport | null,
	files: SetFiles,
	before: readonly Workbook[] = []
): Workbook[] {
	if (!report) return [];
	const out: Workbook[] = [];
	for (const [part, p] of partsOf(report).entries()) {
		const input = files.inputs[part];
		const sheet = p.report.container?.sheet;
		if (!input || !sheet) continue;
		const sheets = before.find((w) => w.input === input)?.sheets ?? sheetsOf(p.report);
		if (sheets.length > 1) out.push({ part, input, file: p.report.file, sheet, sheets });
	}
	return out;
}

/** The set's files to read again with workbook `part` read from `sheet` instead. */
export function withSheet(files: SetFile[], part: number, sheet: string): SetFile[] {
	return files.map((f, i) => (i === part ? { ...f, sheet } : f));
}

/** A set as the session holds it: its report (null when none) and its files as given. */
export interface HeldSet {
	report: LoadReport | null;
	files: SetFiles;
}

/** The files of a held set, to read again (each in its sheet). */
export function filesOfSet(set: HeldSet): SetFile[] {
	return set.report ? setFilesOf(set.report, set.files) : [];
}

/** The files `set` holds once `file` left it (the others, to read again without it). */
export function setWithout(set: HeldSet, file: DataSetFile): SetFile[] {
	return filesOfSet(set).filter((f) => f.input !== file.input);
}

/**
 * The files a set holds once `file` is made a file of its kind: it joins the set when its
 * columns fit the set's (in the data set's file order: a month taken out and put back is in its
 * place again); otherwise it takes the set's place alone (`joined` false: the set's files are
 * then replaced).
 */
export function setWith(
	set: HeldSet,
	file: DataSetFile,
	all: readonly DataSetFile[]
): { files: SetFile[]; joined: boolean } {
	const alone = [{ input: file.input, sheet: file.report.container?.sheet ?? undefined }];
	if (!set.report || compareColumns(set.report, file.report) !== null) {
		return { files: alone, joined: false };
	}
	const held = filesOfSet(set);
	const files: SetFile[] = [];
	for (const g of all) {
		if (g === file) files.push(alone[0]!);
		else {
			const f = held.find((h) => h.input === g.input);
			if (f) files.push(f);
		}
	}
	// A held file missing from the list (never expected) stays in the set all the same.
	for (const h of held) if (!files.includes(h)) files.push(h);
	return { files, joined: true };
}
