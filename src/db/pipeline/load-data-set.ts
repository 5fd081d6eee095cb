/**
 * The load pipeline, once: files read and classified (files.ts), their mappings proposed
 * (mapping.ts), the next step decided as the page decides it, and — when asked — the canonical
 * tables built and summarised (build.ts). The page's Session, the engine's warm-up (db/warm-up.ts)
 * and the hostile corpus test (tests/unit/hostile/corpus.test.ts) all load through it.
 */
import type { LoadInput, LoadReport } from '../../core/ingest/types';
import type { ReturnsPolicy } from '../../core/types';
import type { Engine } from '../engine';
import { buildTables, type LoadSummary } from './build';
import { readBasketsSummary, type BasketsSummary } from './baskets';
import { readFeedbackSummary, type FeedbackSummary } from './feedback';
import { dropKept, loadFiles, type LoadedFile, type LoadFilesOptions } from './files';
import { appendToCandidate } from './append';
import { takeCandidate, withReasons, type DataSetFile } from './file-kinds';
import {
	mappingComplete,
	mappingFor,
	mappingConfident,
	proposeCustomersMapping,
	proposeOrdersMapping,
	type CustomersMappingProposal,
	type OrdersMappingProposal,
	type RecallMapping
} from './mapping';

/** The orders file of a data set and its mapping (as proposed, or as edited since). */
export interface OrdersPart extends OrdersMappingProposal {
	input: LoadInput;
	report: LoadReport;
}

export interface CustomersPart extends CustomersMappingProposal {
	report: LoadReport;
}

export interface DataSet {
	orders: OrdersPart | null;
	customers: CustomersPart | null;
	/** The basket files' baskets (all of them so far), or null when none was loaded. */
	baskets?: BasketsSummary | null;
	/** The feedback files' responses (all of them so far), or null when none was loaded. */
	feedback?: FeedbackSummary | null;
}

/**
 * What the page does next: build the tables at once; stop at the mapping screen (a role not
 * found with confidence, ambiguous dates, a remembered format that does not fit, a close call on
 * the encoding); wait for an orders file beside a customers file; or say no orders file came.
 */
export type NextStep =
	'build' | 'mapping' | 'customers-only' | 'baskets-only' | 'feedback-only' | 'no-orders';

export interface LoadDataSetOptions extends LoadFilesOptions {
	/** The data set these files join (adding a file): a new orders or customers file replaces its kind. */
	current?: DataSet | null;
	/** The mapping remembered for a header layout (state/mapping-memory); none by default. */
	recall?: RecallMapping;
	/**
	 * When to build the canonical tables: 'confident' — when the page would build at once
	 * (next === 'build'); 'complete' — whenever the proposed mapping could be confirmed as it
	 * stands (as if the person confirmed the mapping screen unchanged); 'never' (the caller builds).
	 */
	build?: 'confident' | 'complete' | 'never';
	returns?: ReturnsPolicy;
}

export interface LoadedDataSet extends DataSet {
	/** The files of this load, in order, with their kind and the reason for it. */
	files: DataSetFile[];
	/** Names of the files that were neither orders, customers nor baskets (dropped). */
	unused: string[];
	/** The baskets table's summary after this load (basket files, now or before), else null. */
	baskets: BasketsSummary | null;
	/**
	 * The feedback table's summary after this load (feedback files, now or before), a new object
	 * each load; its `matched` counts against the orders when they were built by this load.
	 */
	feedback: FeedbackSummary | null;
	next: NextStep;
	/** The load summary when the tables were built, else null. */
	summary: LoadSummary | null;
}

/** The page's next step for a data set (see NextStep). */
export function nextStep(set: DataSet): NextStep {
	const orders = set.orders;
	if (!orders) {
		if (set.baskets) return 'baskets-only';
		if (set.customers) return 'customers-only';
		return set.feedback ? 'feedback-only' : 'no-orders';
	}
	return mappingConfident(orders) && !orders.report.encodingUncertain ? 'build' : 'mapping';
}

/**
 * Load `inputs` into the raw tables, propose their mappings and decide the next step; build the
 * canonical tables and read the summary as `options.build` says. Throws what loading or building
 * throws (LoadError for an unreadable file, AbortError when `signal` aborts).
 */
export async function loadDataSet(
	engine: Engine,
	inputs: readonly LoadInput[],
	options: LoadDataSetOptions = {}
): Promise<LoadedDataSet> {
	const current = options.current;
	const placed: LoadedFile[] = [];
	const loaded = await loadFiles(engine, inputs, {
		...options,
		existing: { orders: current?.orders?.report, customers: current?.customers?.report },
		// A file that may become the orders candidate keeps its table: it is read once.
		keepUnused: !current?.orders,
		onLoaded: (f) => {
			placed.push(f);
			options.onLoaded?.(f);
		}
	}).catch(async (e: unknown) => {
		// A later file failed: the tables kept for a candidate go with the load.
		await dropKept(engine, placed).catch(() => undefined);
		throw e;
	});
	const files = withReasons(loaded);
	try {
		// No orders file recognised: one that could be mapped by hand is the orders candidate,
		// and the mapping screen asks (issue 15: never a dead end).
		if (!current?.orders) {
			const candidate = await takeCandidate(engine, files, options);
			if (candidate) {
				options.onLoaded?.(candidate);
				// Other files with its columns (header-less monthly files) join it as one set.
				await appendToCandidate(engine, candidate.report, files, {
					...options,
					appended: (f) => ({ ...f, reason: 'appended' as const })
				});
			}
		}
	} finally {
		// The tables of files kept for a candidate that none took (or after a failure).
		await dropKept(engine, files);
	}
	let orders = current?.orders ?? null;
	let customers = current?.customers ?? null;
	for (const f of files) {
		if (f.kind === 'orders') {
			// A file appended to the set keeps the set's first file as its input (the encoding
			// preview) and, for a set confirmed before, its mapping (source_file as a dimension).
			const prior = f.set ? orders : null;
			const report = f.set ?? f.report;
			const proposal = proposeOrdersMapping(report, options.recall);
			const kept = prior && prior === current?.orders;
			const mapping = kept ? mappingFor(report, proposal.detection, prior.mapping) : null;
			orders = {
				input: prior?.input ?? f.input,
				report,
				...proposal,
				...(kept && mapping
					? { mapping, remembered: prior.remembered, misfits: prior.misfits }
					: {})
			};
		} else if (f.kind === 'customers') {
			const report = f.set ?? f.report;
			customers = { report, ...proposeCustomersMapping(report) };
		}
	}
	const anyBaskets = files.some((f) => f.kind === 'baskets') || current?.baskets;
	const baskets = anyBaskets ? await readBasketsSummary(engine) : null;
	const anyFeedback = files.some((f) => f.kind === 'feedback') || current?.feedback;
	let feedback = anyFeedback ? await readFeedbackSummary(engine, false) : null;
	const set: DataSet = { orders, customers, baskets, feedback };
	const next = nextStep(set);
	const policy = options.build ?? 'confident';
	const build =
		orders !== null &&
		(policy === 'confident' ? next === 'build' : policy === 'complete' && mappingComplete(orders));
	const summary =
		build && orders
			? await buildTables(engine, {
					orders: orders.mapping,
					customers: customers?.mapping,
					returns: options.returns ?? 'net'
				})
			: null;
	// Matched to the customers of the orders just built.
	if (feedback && summary) feedback = await readFeedbackSummary(engine, true);
	return {
		...set,
		feedback,
		files,
		unused: files.filter((f) => f.kind === 'unused').map((f) => f.input.name),
		baskets,
		next,
		summary
	};
}
