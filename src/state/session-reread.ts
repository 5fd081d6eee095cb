/**
 * Reading the session's sets again (issue 15), as patches to its state: the orders set in another
 * encoding or with another sheet of one of its workbooks, and a file given another kind (taken
 * out of its set, the set's other files are read again without it; made orders or customers, it
 * joins that set or takes its place). Plain and tested apart from Session, which applies them.
 */
import type { LoadProgress } from '../core/ingest/types';
import { partsOf } from '../core/ingest/append';
import type { TextEncodingName } from '../core/ingest/encoding';
import type { Engine } from '../db/engine';
import type { DataSetFile } from '../db/pipeline/file-kinds';
import type { FileKind } from '../db/pipeline/files';
import { proposeCustomersMapping } from '../db/pipeline/mapping';
import { readAsFeedback, readFeedbackSummary, removeFeedback } from '../db/pipeline/feedback';
import { rereadSet, type RereadSet, type SetFile, type SetFiles } from '../db/pipeline/sets';
import { customersDropped, ordersDropped, type Patch, type SessionData } from './session-data';
import { setWith, setWithout, workbooksOf, type HeldSet } from './sets';

export interface RereadOptions {
	encoding?: TextEncodingName;
	signal?: AbortSignal;
	onProgress?: (file: string, p: LoadProgress) => void;
}

/** A set of the session as held (its report and files as given). */
export function heldSet(s: Readonly<SessionData>, kind: 'orders' | 'customers'): HeldSet {
	return kind === 'orders'
		? { report: s.ordersReport, files: s.ordersFiles }
		: { report: s.customersReport, files: s.customersFiles };
}

/**
 * Read `files` again as the set of `kind` (none: the set is gone). The patch holds the set read
 * (orders: its mapping proposed afresh by the caller — `orders` true — and the built tables
 * forgotten); files whose columns no longer fit it are not used, said apart with the columns
 * that differ.
 */
export async function reread(
	engine: Engine,
	s: Readonly<SessionData>,
	kind: 'orders' | 'customers',
	files: SetFile[],
	opts: RereadOptions = {}
): Promise<{ patch: Patch; result: RereadSet }> {
	const r = await rereadSet(engine, files, kind, opts);
	const held: SetFiles = { inputs: r.inputs, encoding: opts.encoding };
	let patch: Patch;
	if (kind === 'orders') {
		patch = r.report
			? {
					...ordersDropped(),
					ordersReport: r.report,
					ordersFiles: held,
					workbooks: workbooksOf(r.report, held, s.workbooks)
				}
			: ordersDropped();
	} else if (r.report) {
		const p = proposeCustomersMapping(r.report);
		patch = {
			customersReport: r.report,
			customersFiles: held,
			customersDetection: p.detection,
			customersMapping: p.mapping
		};
	} else patch = customersDropped();
	if (r.left.length > 0) {
		const left = (f: DataSetFile) => r.left.find((l) => l.input === f.input);
		const files = s.files.map((f): DataSetFile => {
			const l = left(f);
			if (!l) return f;
			return {
				...f,
				kind: 'unused',
				reason: 'differ',
				report: l.report,
				differ: { ...l.differ, kind }
			};
		});
		patch.files = files;
		patch.differing = [...s.differing, ...files.filter((f) => left(f))];
	}
	return { patch, result: r };
}

/**
 * Make the `index`-th file of the data set a file of `kind`, or not used (`kind` differs from
 * its own; baskets are not a choice). Taken out of a set, the set's other files are read again
 * without it; made orders or customers, it joins that set when its columns fit, otherwise it
 * takes the set's place (whose files are then unused, 'replaced'). The patch leaves the phase
 * to the caller; `apply` is given each step's patch (the second step reads the first's state).
 */
export async function changeKind(
	engine: Engine,
	s: Readonly<SessionData>,
	index: number,
	kind: Exclude<FileKind, 'baskets'>,
	apply: (p: Patch) => void,
	opts: RereadOptions = {}
): Promise<void> {
	const f = s.files[index];
	if (!f) return;
	const sets = { orders: heldSet(s, 'orders'), customers: heldSet(s, 'customers') };
	if (f.kind === 'orders' || f.kind === 'customers') {
		const rest = setWithout(sets[f.kind], f);
		apply((await reread(engine, s, f.kind, rest, opts)).patch);
	}
	let placedAs: DataSetFile = { ...f, kind: 'unused', reason: 'chosen' };
	let replaced = false;
	// Feedback files append into one table: a file leaving it takes its rows out; one joining it
	// is read again and placed (issue 21). The summary is read anew either way.
	if (f.kind === 'feedback' || kind === 'feedback') {
		if (f.kind === 'feedback') await removeFeedback(engine, f.report.file);
		if (kind === 'feedback') {
			const read = await readAsFeedback(engine, f.input, f.report, {
				signal: opts.signal,
				onProgress: (p) => opts.onProgress?.(f.input.name, p)
			});
			if (read) placedAs = { ...f, kind, reason: 'chosen', report: read.report };
		}
		apply({ feedbackSummary: await readFeedbackSummary(engine, s.summary !== null) });
	}
	if (kind === 'orders' || kind === 'customers') {
		const { files: members, joined } = setWith(sets[kind], f, s.files);
		const { patch, result } = await reread(engine, s, kind, members, opts);
		apply(patch);
		const at = result.inputs.indexOf(f.input);
		const part = result.report && at >= 0 ? partsOf(result.report)[at] : undefined;
		replaced = !joined;
		// Left out when read again (its columns changed): reread said so.
		placedAs = part ? { ...f, kind, reason: 'chosen', report: part.report } : s.files[index]!;
	}
	const files = s.files.map((g, i): DataSetFile => {
		if (i === index) return placedAs;
		return replaced && g.kind === kind ? { ...g, kind: 'unused', reason: 'replaced' } : g;
	});
	apply({ files, notices: [] });
}
