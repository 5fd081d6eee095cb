/**
 * Notebook files (.json) and the autosaved copy: cells and settings, never data. Reading is
 * strict: the size and cell count are capped, the format tag and version must match, every cell
 * must have a known kind and well-formed fields, and SQL cell names must be valid and unique.
 * Errors carry a code (for the translated message) and the English text.
 */
import {
	CELL_KINDS,
	CHART_MARKS,
	DEFAULT_ROW_LIMIT,
	LIMITS,
	NOTEBOOK_FORMAT,
	NOTEBOOK_VERSION,
	READABLE_VERSIONS,
	type Cell,
	type ChartSettings,
	type FileMapping,
	type NotebookDoc,
	type NotebookMapping
} from './model';
import { checkCellName } from './names';
import { audiencesJson, readAudiences } from '../../analyses/audience/model';
import { programmeJson, readProgramme } from '../../analyses/loyalty/programme';

export type NotebookFileProblem =
	| 'tooLarge'
	| 'notJson'
	| 'notNotebook'
	| 'version'
	| 'tooManyCells'
	| 'badCell'
	| 'badName'
	| 'badSettings'
	| 'badMapping'
	| 'badLink';

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
export function serializeNotebook(doc: NotebookDoc, space: string | undefined = '\t'): string {
	return JSON.stringify(notebookObject(doc), null, space) + (space ? '\n' : '');
}

/** The file's JSON object: fields listed explicitly, so nothing else (results) can leak in. */
function notebookObject(doc: NotebookDoc) {
	const m = doc.mapping;
	return {
		format: NOTEBOOK_FORMAT,
		version: NOTEBOOK_VERSION,
		settings: { rowLimit: doc.settings.rowLimit },
		mapping: m && {
			orders: {
				file: m.orders.file,
				signature: m.orders.signature,
				roles: { ...m.orders.roles },
				dateFormat: m.orders.dateFormat,
				decimal: m.orders.decimal
			},
			customers: m.customers && {
				file: m.customers.file,
				signature: m.customers.signature,
				roles: { ...m.customers.roles }
			},
			returns: m.returns
		},
		cells: doc.cells.map((c) =>
			c.kind === 'sql'
				? { id: c.id, kind: c.kind, name: c.name, source: c.source }
				: c.kind === 'chart'
					? { id: c.id, kind: c.kind, source: '', chart: { ...c.chart } }
					: { id: c.id, kind: c.kind, source: c.source }
		),
		// Only when there are some: a notebook without audiences is written as before.
		...(doc.audiences?.length ? { audiences: audiencesJson(doc.audiences) } : {}),
		// Only once the rules were changed: a notebook without them is written as before.
		...(doc.loyalty ? { loyalty: programmeJson(doc.loyalty) } : {})
	};
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
	if (typeof data.version !== 'number' || !READABLE_VERSIONS.includes(data.version)) {
		throw new NotebookFileError(
			'version',
			`Notebook version ${String(data.version)} is not supported (this app reads versions ${READABLE_VERSIONS.join(', ')}).`,
			{ version: String(data.version), supported: READABLE_VERSIONS.join(', ') }
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
	for (const c of cells) {
		if (c.kind === 'chart' && c.chart.from !== null && !ids.has(c.chart.from)) {
			badCell(
				cells.indexOf(c) + 1,
				`the chart reads cell "${c.chart.from}", which is not in the notebook`
			);
		}
	}
	// Audiences are read condition by condition: a bad one is dropped and said, not the notebook.
	const audiences = readAudiences(data.audiences);
	// The loyalty rules likewise: refused with the reason, the notebook still opens.
	const loyalty = readProgramme(data.loyalty);
	return {
		cells,
		settings: readSettings(data.settings),
		mapping: data.mapping === undefined || data.mapping === null ? null : readMapping(data.mapping),
		...(audiences.audiences.length ? { audiences: audiences.audiences } : {}),
		...(audiences.problems.length ? { audienceProblems: audiences.problems } : {}),
		...(loyalty.programme ? { loyalty: loyalty.programme } : {}),
		...(loyalty.problem ? { loyaltyProblem: loyalty.problem } : {})
	};
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
	if (kind === 'chart') return { id, kind, source: '', chart: readChart(raw.chart, index) };
	return { id, kind: 'text', source };
}

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const COLUMN_CHARS = 300;

function readChart(raw: unknown, index: number): ChartSettings {
	if (!isObject(raw)) badCell(index, '"chart" must be an object');
	const { from, mark, title } = raw;
	if (typeof mark !== 'string' || !(CHART_MARKS as readonly string[]).includes(mark)) {
		badCell(index, `unknown chart mark ${JSON.stringify(mark) ?? 'undefined'}`);
	}
	if (from !== null && (typeof from !== 'string' || !ID.test(from))) {
		badCell(index, 'bad chart "from"');
	}
	if (typeof title !== 'string' || title.length > 200) {
		badCell(index, 'the chart "title" must be text of at most 200 characters');
	}
	const column = (key: 'x' | 'y' | 'color' | 'facet'): string | null => {
		const v = raw[key];
		if (v === null || v === undefined) return null;
		if (typeof v !== 'string' || v === '' || v.length > COLUMN_CHARS) {
			badCell(index, `the chart "${key}" must be a column name or null`);
		}
		return v;
	};
	return {
		from,
		mark: mark as ChartSettings['mark'],
		x: column('x'),
		y: column('y'),
		color: column('color'),
		facet: column('facet'),
		title
	};
}

const SIGNATURE = /^h\d{1,4}-[0-9a-f]{16}$/;
const ROLE = /^[a-z_]{1,30}$/;

function readMapping(raw: unknown): NotebookMapping {
	if (!isObject(raw)) badMapping('"mapping" must be an object');
	const orders = readFileMapping(raw.orders, 'orders');
	if (!isObject(raw.orders)) badMapping('"mapping.orders" must be an object');
	const { dateFormat, decimal } = raw.orders;
	if (typeof dateFormat !== 'string' || !/^[%A-Za-z0-9 \-/.:,_]{1,40}$/.test(dateFormat)) {
		badMapping('"mapping.orders.dateFormat" is not a date format');
	}
	if (decimal !== '.' && decimal !== ',') badMapping('"mapping.orders.decimal" must be "." or ","');
	const customers =
		raw.customers === null || raw.customers === undefined
			? null
			: readFileMapping(raw.customers, 'customers');
	if (raw.returns !== 'net' && raw.returns !== 'exclude') {
		badMapping('"mapping.returns" must be "net" or "exclude"');
	}
	return { orders: { ...orders, dateFormat, decimal }, customers, returns: raw.returns };
}

function readFileMapping(raw: unknown, what: string): FileMapping {
	if (!isObject(raw)) badMapping(`"mapping.${what}" must be an object`);
	const { file, signature, roles } = raw;
	if (typeof file !== 'string' || file === '' || file.length > 255) {
		badMapping(`"mapping.${what}.file" must be a file name`);
	}
	if (typeof signature !== 'string' || !SIGNATURE.test(signature)) {
		badMapping(`"mapping.${what}.signature" is not a header signature`);
	}
	if (!isObject(roles) || Object.keys(roles).length > 30) {
		badMapping(`"mapping.${what}.roles" must be an object of at most 30 roles`);
	}
	const clean: Record<string, string> = {};
	for (const [role, column] of Object.entries(roles)) {
		if (!ROLE.test(role) || typeof column !== 'string' || column.length > COLUMN_CHARS) {
			badMapping(`"mapping.${what}.roles" has a bad entry`);
		}
		clean[role] = column;
	}
	return { file, signature, roles: clean };
}

function badMapping(detail: string): never {
	throw new NotebookFileError('badMapping', `The column mapping is not valid: ${detail}.`, {
		detail
	});
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
