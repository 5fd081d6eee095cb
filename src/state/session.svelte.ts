import type { LoadInput } from '../core/ingest/types';
import type { TextEncodingName } from '../core/ingest/encoding';
import type { OrdersMapping, ReturnsPolicy } from '../core/types';
import { measure } from '../core/timing';
import { recallMapping, rememberMapping } from './mapping-memory';
import { isEngineDead, isOutOfMemory } from '../core/engine-errors';
import type { FileKind } from '../db/pipeline/files';
import type { SetFile } from '../db/pipeline/sets';
import {
	afterLoad,
	waitingNotice,
	builtKey,
	dataSetOf,
	cancelled,
	dismissedPhase,
	forgotten,
	placed
} from './session-data';
import type { RereadOptions } from './session-reread';
import type { SessionLoad } from './session-load';
import { SessionBase } from './session-base';
import { filesOfSet, withSheet } from './sets';

export type { LoadSummary } from '../db/pipeline/build';
export type { Phase } from './session-data';
export type { Progress } from './session-state.svelte';
export type { Problem } from './problems';

/** A plain copy of a state proxy (what the pipeline's parts are given). */
const plain = <T>(value: T): T => $state.snapshot(value) as T;

/** The load pipeline's steps: a chunk of their own, fetched with the first file (session-load.ts). */
export const pipeline = (): Promise<SessionLoad> => import('./session-load');

/**
 * The loaded data set: files, mapping, canonical tables and their summary. One instance per page
 * (provided via context by App.svelte). A thin shell over the load pipeline's parts
 * (src/db/pipeline/: files, mapping, build, checks, engine status), which take the engine as a
 * parameter and are tested in Node, and over the plain parts that turn their results into changes
 * of the state (session-data.ts, session-reread.ts). SessionState holds that state as runes,
 * SessionBase the engine side (its life, the warm-up, the loading state a step runs in).
 */
export class Session extends SessionBase {
	/** Remove (or keep again) the exact duplicate rows of the orders file, and rebuild. */
	async setRemoveDuplicates(remove: boolean): Promise<void> {
		if (remove === this.removeDuplicates) return;
		this.removeDuplicates = remove;
		if (this.phase === 'ready') await this.build();
	}

	/**
	 * Load files. 'replace' starts a new data set; 'add' keeps the current one (e.g. a customers
	 * file beside the orders). Each file is classified as orders or customers from its columns.
	 */
	async load(inputs: LoadInput[], mode: 'replace' | 'add' = 'replace'): Promise<void> {
		if (inputs.length === 0) return;
		let current: string | null = null;
		// A customers or feedback file alone waits for its orders file: the next file joins it.
		const waiting = this.customersReport || this.feedbackSummary;
		if (mode === 'replace' && !this.ordersReport && waiting) mode = 'add';
		await this.loading(
			() => current,
			async (signal, onProgress) => {
				this.apply({ notices: [], differing: [] });
				this.countFailed = false;
				// A worker that died since the last load (e.g. out of memory in an analysis) is
				// restarted; whatever was loaded is gone, so this load starts a new data set.
				const { engine, restarted } = await this.status.live();
				const p = await pipeline();
				if (restarted) mode = 'replace';
				if (mode === 'replace') {
					this.compressed = await p.startDataSet(engine, inputs, this.engines.memoryLimit());
					this.apply({ ...forgotten(), warnings: [], checks: 'idle' });
					this.removeDuplicates = false;
				}
				const loaded = await p.loadDataSet(engine, inputs, {
					build: 'never',
					current: dataSetOf(this, plain),
					recall: recallMapping,
					signal,
					onFile: (name) => (current = name),
					onProgress,
					// As each file is placed: a later file's failure leaves the earlier ones shown.
					onLoaded: (f) => this.apply(placed(this, f))
				});
				const { patch, build } = afterLoad(this, loaded, mode);
				this.apply(patch);
				if (build) await this.build();
			}
		);
	}

	/**
	 * Read the orders set again in the encoding the person chose on the mapping screen — every
	 * file of the set, in that encoding. Its columns are detected afresh and the screen stays open
	 * to confirm them; a customers file stays loaded.
	 */
	async reloadOrders(encoding?: TextEncodingName): Promise<void> {
		const { heldSet } = await pipeline();
		const files = filesOfSet(heldSet(this, 'orders'));
		await this.rereadOrders(files, encoding ?? this.ordersFiles.encoding);
	}

	/**
	 * Read sheet `sheet` of the orders set's workbook `part` instead (the sheet picker; by default
	 * the first workbook that has the sheet): the set is read again, its other files as they were
	 * read, and the mapping screen asks.
	 */
	async chooseSheet(sheet: string, part?: number): Promise<void> {
		const w = this.workbooks.find((b) =>
			part === undefined ? b.sheets.includes(sheet) : b.part === part
		);
		if (!w || !w.sheets.includes(sheet)) return;
		const { heldSet } = await pipeline();
		const files = withSheet(filesOfSet(heldSet(this, 'orders')), w.part, sheet);
		await this.rereadOrders(files, this.ordersFiles.encoding);
	}

	private async rereadOrders(files: SetFile[], encoding?: TextEncodingName): Promise<void> {
		const name = this.ordersReport?.file;
		if (files.length === 0 || name === undefined || this.phase === 'loading') return;
		await this.loading(
			() => name,
			async (signal, onProgress) => {
				const engine = await this.engines.get();
				const p = await pipeline();
				const opts: RereadOptions = { encoding, signal, onProgress };
				this.apply((await p.reread(engine, this, 'orders', files, opts)).patch);
				this.prepareOrdersMapping(p);
				this.phase = 'mapping';
			}
		);
	}

	/**
	 * Make the `index`-th file of the data set a file of `kind`, or not used (session-reread.ts
	 * changeKind: a set it leaves or joins is read again whole). With an orders file the mapping
	 * screen asks; without one the page goes back to waiting for it and says why.
	 */
	async setFileKind(index: number, kind: FileKind): Promise<void> {
		const f = this.files[index];
		if (!f || f.kind === kind || this.phase === 'loading' || kind === 'baskets') return;
		await this.loading(
			() => f.input.name,
			async (signal, onProgress) => {
				const engine = await this.engines.get();
				const p = await pipeline();
				const before = this.ordersReport;
				await p.changeKind(engine, this, index, kind, (patch) => this.apply(patch), {
					signal,
					onProgress
				});
				if (this.ordersReport !== before) this.prepareOrdersMapping(p);
				if (this.ordersReport) this.phase = 'mapping';
				else {
					this.phase = 'empty';
					this.problem = { file: f.input.name, key: waitingNotice(this), message: '' };
				}
			}
		);
	}

	/** Cancel on the mapping screen (session-data.ts cancelled): back to the build, or empty. */
	cancelMapping(): void {
		this.apply(cancelled(this));
	}

	/** The orders set's first file's first `maxBytes` bytes (the encoding preview), and whether that is all. */
	async ordersHead(maxBytes: number): Promise<{ bytes: Uint8Array; whole: boolean } | null> {
		const input = this.ordersInput;
		return input ? (await pipeline()).inputHead(input, maxBytes) : null;
	}

	/** Confirm the mapping screen: build the canonical tables and show the analyses. */
	async confirmMapping(): Promise<void> {
		if (!this.mapping || !this.ordersReport) return;
		const { signatureOf } = await pipeline();
		if (!this.mapping || !this.ordersReport) return;
		this.formatMisfits = [];
		rememberMapping(signatureOf(this.ordersReport), plain(this.mapping));
		await this.build();
	}

	/**
	 * Use an orders mapping the user accepted from an opened notebook (its columns must be the
	 * loaded file's). With data in force the tables are rebuilt; on the mapping screen it only
	 * fills the screen in. Never remembered: only confirming the mapping screen remembers one.
	 */
	async applyMapping(
		m: Pick<OrdersMapping, 'roles' | 'dateFormat' | 'numberFormat'>,
		returns: ReturnsPolicy
	): Promise<void> {
		const { mappingFor } = await pipeline();
		const report = this.ordersReport;
		const mapping = this.mapping && report ? mappingFor(report, this.detection, m) : null;
		if (!mapping) return;
		this.mapping = mapping;
		this.returns = returns;
		this.formatMisfits = [];
		if (this.phase === 'ready') await this.build();
	}

	/** Show the mapping screen again (the mapping stays one click away). */
	editMapping(): void {
		if (this.ordersReport) this.phase = 'mapping';
	}

	/** Detect the orders file's mapping afresh (or recall the remembered one). */
	private prepareOrdersMapping(p: SessionLoad): void {
		if (!this.ordersReport) return;
		const proposed = p.proposeOrdersMapping(this.ordersReport, recallMapping);
		this.detection = proposed.detection;
		this.remembered = proposed.remembered;
		this.formatMisfits = proposed.misfits;
		this.mapping = proposed.mapping;
	}

	/** Build tx, orders, customer_facts (and customers) from the mapping, then the summary. */
	private async build(): Promise<void> {
		const mapping = this.mapping;
		if (!mapping) return;
		this.phase = 'loading';
		const startedAt = performance.now();
		const file = this.ordersReport?.file ?? '';
		this.progress = { file, stage: 'building', fraction: null, startedAt };
		try {
			const engine = await this.engines.get();
			const p = await pipeline();
			const orders = plain(mapping);
			// Only removing duplicates needs them before the tables; otherwise checkData finds them.
			if (this.removeDuplicates)
				await this.duplicates.ensure(engine, orders.table, this.ordersReport);
			this.summary = await p.buildTables(engine, {
				orders,
				customers: plain(this.customersMapping),
				returns: this.returns,
				removeDuplicates: this.removeDuplicates
			});
			// The responses matched to the customers of the orders just built.
			if (this.feedbackSummary) this.feedbackSummary = await p.readFeedbackSummary(engine, true);
			measure('build tables', startedAt);
			// The previous warnings stay on screen until the new checks replace them (a rebuild
			// after "remove duplicates" keeps its checkbox in place meanwhile).
			this.checks = 'pending';
			this.checksError = null;
			this.built = {
				key: builtKey(this),
				mapping: orders,
				customersMapping: plain(this.customersMapping),
				returns: this.returns
			};
			this.phase = 'ready';
			this.dataVersion++;
		} catch (e) {
			this.failWith(e, this.ordersReport?.file ?? null);
		} finally {
			this.progress = null;
		}
	}

	/**
	 * Run the pending data checks (duplicates, future dates, zero and negative amounts, missing
	 * customer ids) on the tables of the current build. Called when the dashboard's analyses are
	 * done; a result for tables that have been rebuilt meanwhile is dropped (their own checks follow).
	 */
	async checkData(): Promise<void> {
		if (this.checks !== 'pending' || this.phase !== 'ready' || !this.mapping) return;
		const version = this.dataVersion;
		const table = this.mapping.table;
		this.checks = 'checking';
		try {
			const engine = await this.engines.get();
			await this.duplicates.ensure(engine, table, this.ordersReport);
			const { dataWarnings } = await pipeline();
			const warnings = await dataWarnings(engine);
			if (version !== this.dataVersion) return;
			this.warnings = warnings;
			this.checks = 'done';
		} catch (e) {
			if (version !== this.dataVersion) return;
			this.checks = 'failed';
			this.checksError = e instanceof Error ? e.message : String(e);
			// Out of memory may have taken the worker with it, as for an analysis.
			if (isOutOfMemory(e) || isEngineDead(e)) this.checkEngine();
		}
	}

	/**
	 * Count the loaded files' columns over the whole file where loading profiled only the first
	 * records (ColumnProfile.counted). Called when the counts come into view, so a long file's
	 * dashboard does not wait for them. Results for a file replaced meanwhile are dropped.
	 */
	async countColumns(): Promise<void> {
		for (const key of ['ordersReport', 'customersReport'] as const) {
			const report = this[key];
			if (!report || report.columns.every((c) => c.counted) || this.counting.has(report)) {
				continue;
			}
			this.counting.add(report);
			try {
				const { countColumns } = await pipeline();
				const columns = await countColumns(await this.engines.get(), report);
				if (this[key] === report) this[key] = { ...report, columns };
			} catch {
				if (this[key] === report) this.countFailed = true;
			} finally {
				this.counting.delete(report);
			}
		}
	}

	/** Show a problem without changing the loaded data (e.g. a URL that could not be fetched). */
	report(file: string | null, message: string): void {
		this.problem = { file, key: null, message };
		if (this.phase === 'empty') this.phase = 'error';
	}

	dismiss(): void {
		this.problem = null;
		this.phase = dismissedPhase(this);
	}
}
