// Getting notebooks in and out: opening a file or a share link (asking before a link replaces
// the user's own cells), making a share link, and — when an opened notebook's data is not loaded
// yet — waiting for its files, then comparing their mapping.
//
// A notebook from elsewhere never acts unasked (issue 13): opening it shows its cells and runs
// nothing — not with the data already loaded, not when its files arrive — until the user presses
// Run all. Its column mapping is only offered for the loaded file with the same columns, applied
// (for this session, tables rebuilt) when the user agrees, and never remembered: a link must not
// change how the user's later files are read. Confirming the mapping screen remembers, as usual.
import type { NotebookDoc, NotebookMapping } from '../core/notebook/model';
import { NotebookFileError } from '../core/notebook/file';
import {
	MAX_LINK_CHARS,
	decodeShare,
	encodeShare,
	sharePayload,
	shareUrl
} from '../core/notebook/share';
import type { Notebook } from './notebook.svelte';
import type { Session } from './session.svelte';
import {
	expectedFiles,
	loadedOrders,
	mappingDifferences,
	mappingOffer,
	sessionMapping,
	type MappingDifference,
	type MappingOffer
} from './notebook-mapping';

/** Notebook files far over the 1 MB limit are refused before they are read. */
const READ_LIMIT = 4 * 1024 * 1024;

export interface ExchangeProblem {
	/** Message key of the first sentence (file or link). */
	context: 'notebook.fileErrorPrefix' | 'notebook.shareError';
	error: unknown;
}

export type ShareState = { url: string; copied: boolean } | { tooLong: number } | null;

export class NotebookExchange {
	problem = $state.raw<ExchangeProblem | null>(null);
	share = $state.raw<ShareState>(null);
	/** A shared notebook waiting for the user's go-ahead to replace their own cells. */
	incoming = $state.raw<NotebookDoc | null>(null);
	/** Files the opened notebook still needs, by name. */
	needed = $state.raw<string[]>([]);
	/** How the loaded data differs from the opened notebook's mapping. */
	differences = $state.raw<MappingDifference[]>([]);
	/** Where the open notebook came from, until the user runs it (the note with Run all). */
	fromElsewhere = $state<'link' | 'file' | null>(null);
	/** The opened notebook's mapping, offered until the user applies it or keeps theirs. */
	offered = $state.raw<NotebookMapping | null>(null);
	/** The data version when we started waiting for the notebook's files (null: not waiting). */
	private waitingSince: number | null = null;
	/** The opened notebook's mapping, compared with the data each time it changes. */
	private opened: NotebookMapping | null = null;

	constructor(
		private readonly notebook: Notebook,
		private readonly session: Session
	) {}

	/** Open the notebook in a `#nb=…` hash, if there is one (the hash is removed first). */
	async openLink(hash: string, dropHash: () => void): Promise<void> {
		const payload = sharePayload(hash);
		if (payload === null) return;
		dropHash();
		this.problem = null;
		try {
			const doc = await decodeShare(payload);
			// Never replace the user's own (autosaved) cells, saved audiences or loyalty rules
			// without asking.
			const own =
				this.notebook.cells.length > 0 ||
				this.notebook.audiences.length > 0 ||
				this.notebook.loyalty !== null;
			if (own) this.incoming = doc;
			else this.openShared(doc);
		} catch (error) {
			this.problem = { context: 'notebook.shareError', error };
		}
	}

	openShared(doc: NotebookDoc): void {
		this.incoming = null;
		this.notebook.openDoc(doc);
		this.afterOpen(doc, 'link');
	}

	async openFile(file: File): Promise<void> {
		this.problem = null;
		try {
			if (file.size > READ_LIMIT) {
				throw new NotebookFileError('tooLarge', 'too large', { bytes: file.size, limit: 1048576 });
			}
			this.afterOpen(this.notebook.open(await file.text()), 'file');
		} catch (error) {
			this.problem = { context: 'notebook.fileErrorPrefix', error };
		}
	}

	/** Make a share link for the page at `base`; it is copied when the clipboard allows. */
	async makeShareLink(base: string): Promise<void> {
		this.problem = null;
		const url = shareUrl(base, await encodeShare(this.notebook.doc));
		if (url.length > MAX_LINK_CHARS) {
			this.share = { tooLong: url.length };
			return;
		}
		let copied = false;
		try {
			await navigator.clipboard.writeText(url);
			copied = true;
		} catch {
			// Clipboard blocked: the link is shown for copying by hand.
		}
		this.share = { url, copied };
	}

	/** Run every SQL cell: the user's go-ahead for a notebook from elsewhere. */
	runAll(): Promise<void> {
		this.fromElsewhere = null;
		return this.notebook.runAll();
	}

	/** The opened notebook's mapping as an offer for the loaded file (null: nothing to offer). */
	get offer(): MappingOffer | null {
		return this.offered && mappingOffer(this.offered, loadedOrders(this.session));
	}

	/** The user agreed: use the notebook's mapping for the loaded file (not remembered). */
	async applyOffer(): Promise<void> {
		const m = this.offered;
		if (!m || !this.offer) return;
		this.offered = null;
		await this.session.applyMapping(
			{
				roles: m.orders.roles,
				dateFormat: { format: m.orders.dateFormat },
				numberFormat: { decimal: m.orders.decimal }
			},
			m.returns
		);
	}

	keepMine(): void {
		this.offered = null;
	}

	/** Call when the session's data changes: compare it with the opened notebook; stop waiting. */
	dataChanged(version: number): void {
		if (this.session.phase !== 'ready') return;
		if (this.opened)
			this.differences = mappingDifferences(this.opened, sessionMapping(this.session));
		if (this.waitingSince === null || version <= this.waitingSince) return;
		this.waitingSince = null;
		this.needed = [];
	}

	private afterOpen(doc: NotebookDoc, from: 'link' | 'file'): void {
		this.share = null;
		this.fromElsewhere = from;
		this.opened = doc.mapping;
		this.offered = doc.mapping;
		const current = sessionMapping(this.session);
		if (doc.mapping && !current) {
			// No data yet: ask for the files by name; their mapping is offered once they load.
			this.needed = expectedFiles(doc.mapping);
			this.differences = [];
			this.waitingSince = this.session.dataVersion;
			return;
		}
		this.needed = [];
		this.waitingSince = null;
		this.differences = doc.mapping ? mappingDifferences(doc.mapping, current) : [];
	}
}

const exchanges = new WeakMap<Notebook, NotebookExchange>();

/**
 * The notebook's exchange, kept as long as the notebook (not the view): a notebook waiting for
 * its data files still runs when they arrive after a trip to the dashboard (mapping screen).
 */
export function exchangeFor(notebook: Notebook, session: Session): NotebookExchange {
	let e = exchanges.get(notebook);
	if (!e) {
		e = new NotebookExchange(notebook, session);
		exchanges.set(notebook, e);
	}
	return e;
}
