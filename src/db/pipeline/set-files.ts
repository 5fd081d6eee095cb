/**
 * The files a set of one kind holds (sets.ts reads them again): plain functions kept apart from
 * reading, so that the page's state can use them before the load pipeline is fetched.
 */
import { partsOf } from '../../core/ingest/append';
import type { LoadInput, LoadReport } from '../../core/ingest/types';
import type { TextEncodingName } from '../../core/ingest/encoding';

/** The files of a set as given, in the order of its parts (what reading it again reads). */
export interface SetFiles {
	inputs: LoadInput[];
	/** The encoding the person chose for the set; detected afresh for each file when absent. */
	encoding?: TextEncodingName;
}

/**
 * The set's files after `file` was placed as one of its kind: appended (`set` given by
 * loadFiles or appendToCandidate) it joins them, otherwise it starts a set of its own.
 */
export function placeInSet(before: SetFiles, file: { input: LoadInput; set?: unknown }): SetFiles {
	if (file.set) return { ...before, inputs: [...before.inputs, file.input] };
	return { inputs: [file.input] };
}

/** One file to read into a set: the file and the workbook sheet to read (its own otherwise). */
export interface SetFile {
	input: LoadInput;
	sheet?: string;
}

/** The files of `set` with the sheet each was read from (its part's report), for rereadSet. */
export function setFilesOf(set: LoadReport, files: SetFiles): SetFile[] {
	const parts = partsOf(set);
	return files.inputs.map((input, i) => ({
		input,
		sheet: parts[i]?.report.container?.sheet ?? undefined
	}));
}
