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
import { loadFiles, type LoadFilesOptions } from './files';
import { takeCandidate, withReasons, type DataSetFile } from './file-kinds';
import {
	mappingComplete,
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
}

/**
 * What the page does next: build the tables at once; stop at the mapping screen (a role not
 * found with confidence, ambiguous dates, a remembered format that does not fit, a close call on
 * the encoding); wait for an orders file beside a customers file; or say no orders file came.
 */
export type NextStep = 'build' | 'mapping' | 'customers-only' | 'no-orders';

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
	/** Names of the files that were neither orders nor customers (dropped). */
	unused: string[];
	next: NextStep;
	/** The load summary when the tables were built, else null. */
	summary: LoadSummary | null;
}

/** The page's next step for a data set (see NextStep). */
export function nextStep(set: DataSet): NextStep {
	const orders = set.orders;
	if (!orders) return set.customers ? 'customers-only' : 'no-orders';
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
	const files = withReasons(await loadFiles(engine, inputs, options));
	// No orders file recognised: one that could be mapped by hand is the orders candidate, and
	// the mapping screen asks (issue 15: never a dead end).
	if (!options.current?.orders) {
		const candidate = await takeCandidate(engine, files, options);
		if (candidate) options.onLoaded?.(candidate);
	}
	let orders = options.current?.orders ?? null;
	let customers = options.current?.customers ?? null;
	for (const f of files) {
		if (f.kind === 'orders') {
			orders = {
				input: f.input,
				report: f.report,
				...proposeOrdersMapping(f.report, options.recall)
			};
		} else if (f.kind === 'customers') {
			customers = { report: f.report, ...proposeCustomersMapping(f.report) };
		}
	}
	const set: DataSet = { orders, customers };
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
	return {
		...set,
		files,
		unused: files.filter((f) => f.kind === 'unused').map((f) => f.input.name),
		next,
		summary
	};
}
