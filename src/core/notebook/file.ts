/**
 * Notebook files (.json) and the autosaved copy: cells and settings, never data. Reading is
 * strict: the size and cell count are capped, the format tag and version must match, every cell
 * must have a known kind and well-formed fields, and SQL cell names must be valid and unique.
 * Errors carry a code (for the translated message) and the English text.
 */
import {
	CELL_KINDS,
	DEFAULT_ROW_LIMIT,
	LIMITS,
	NOTEBOOK_FORMAT,
	NOTEBOOK_VERSION,
	type Cell,
	type NotebookDoc
} from './model';
import { checkCellName } from './names';

export type NotebookFileProblem =
	| 'tooLarge'
	| 'notJson'
	| 'notNotebook'
	| 'version'
	| 'tooManyCells'
	| 'badCell'
	| 'badName'
	| 'badSettings';

export class NotebookFileError extends Error {
	constructor(
		readonly problem: NotebookFileProblem,
		message: string,
		readonly params: Record<string, string | number> = {}
	) {
		super(message);
		this.name = 'NotebookFileError';
	}
}

/** The document as file text (pretty JSON, so it diffs and reads well). */
export function serializeNotebook(doc: NotebookDoc): string {
	const file = {
		format: NOTEBOOK_FORMAT,
		version: NOTEBOOK_VERSION,
		settings: { rowLimit: doc.settings.rowLimit },
		cells: doc.cells.map((c) =>
			c.kind === 'sql'
				? { id: c.id, kind: c.kind, name: c.name, source: c.source }
				: { id: c.id, kind: c.kind, source: c.source }
		)
	};
	return JSON.stringify(file, null, '\t') + '\n';
}

/** Parse and validate file text; throws NotebookFileError with the first problem found. */
export function parseNotebook(text: string): NotebookDoc {
	const bytes = new TextEncoder().encode(text).length;
	if (bytes > LIMITS.fileBytes) {
		throw new NotebookFileError(
			'tooLarge',
			`The file has ${bytes} bytes; a notebook may have at most ${LIMITS.fileBytes}.`,
			{ bytes, limit: LIMITS.fileBytes }
		);
	}
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		const detail = e instanceof Error ? e.message : String(e);
		throw new NotebookFileError('notJson', `The file is not valid JSON: ${detail}`, { detail });
	}
	if (!isObject(data) || data.format !== NOTEBOOK_FORMAT) {
		throw new NotebookFileError(
			'notNotebook',
			`This is not a Clientele notebook (expected "format": "${NOTEBOOK_FORMAT}").`
		);
	}
	if (data.version !== NOTEBOOK_VERSION) {
		throw new NotebookFileError(
			'version',
			`Notebook version ${String(data.version)} is not supported (this app reads version ${NOTEBOOK_VERSION}).`,
			{ version: String(data.version), supported: NOTEBOOK_VERSION }
		);
	}
	if (!Array.isArray(data.cells)) {
		throw new NotebookFileError('notNotebook', 'The notebook has no "cells" list.');
	}
	if (data.cells.length > LIMITS.cells) {
		throw new NotebookFileError(
			'tooManyCells',
			`The notebook has ${data.cells.length} cells; at most ${LIMITS.cells} are allowed.`,
			{ cells: data.cells.length, limit: LIMITS.cells }
		);
	}
	const cells: Cell[] = [];
	const ids = new Set<string>();
	data.cells.forEach((raw: unknown, i: number) => {
		const cell = readCell(raw, i + 1);
		if (ids.has(cell.id)) badCell(i + 1, `duplicate id "${cell.id}"`);
		ids.add(cell.id);
		if (cell.kind === 'sql') {
			const problem = checkCellName(cell.name, cells);
			if (problem) {
				throw new NotebookFileError(
					'badName',
					`Cell ${i + 1}: the name "${cell.name}" cannot be used (${problem}).`,
					{ index: i + 1, name: cell.name, problem }
				);
			}
		}
		cells.push(cell);
	});
	return { cells, settings: readSettings(data.settings) };
}

function readCell(raw: unknown, index: number): Cell {
	if (!isObject(raw)) badCell(index, 'not an object');
	const { id, kind, source } = raw;
	if (typeof kind !== 'string' || !(CELL_KINDS as readonly string[]).includes(kind)) {
		badCell(index, `unknown kind ${JSON.stringify(kind) ?? 'undefined'}`);
	}
	if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(id)) badCell(index, 'bad "id"');
	if (typeof source !== 'string') badCell(index, '"source" must be text');
	if (source.length > LIMITS.sourceChars) {
		badCell(index, `"source" is longer than ${LIMITS.sourceChars} characters`);
	}
	if (kind === 'sql') {
		if (typeof raw.name !== 'string') badCell(index, '"name" must be text');
		return { id, kind, name: raw.name, source };
	}
	return { id, kind: 'text', source };
}

function readSettings(raw: unknown): NotebookDoc['settings'] {
	if (raw === undefined) return { rowLimit: DEFAULT_ROW_LIMIT };
	const rowLimit = isObject(raw) ? raw.rowLimit : undefined;
	if (
		typeof rowLimit !== 'number' ||
		!Number.isInteger(rowLimit) ||
		rowLimit < 1 ||
		rowLimit > LIMITS.maxRowLimit
	) {
		throw new NotebookFileError(
			'badSettings',
			`"settings.rowLimit" must be a whole number from 1 to ${LIMITS.maxRowLimit}.`,
			{ limit: LIMITS.maxRowLimit }
		);
	}
	return { rowLimit };
}

function badCell(index: number, detail: string): never {
	throw new NotebookFileError('badCell', `Cell ${index}: ${detail}.`, { index, detail });
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
