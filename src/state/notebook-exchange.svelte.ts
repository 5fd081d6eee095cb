// Getting notebooks in and out: opening a file or a share link (asking before a link replaces
// the user's own cells), making a share link, and — when an opened notebook's data is not loaded
// yet — waiting for its files, then comparing their mapping and running every cell.
import type { NotebookDoc } from '../core/notebook/model';
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
	mappingDifferences,
	rememberNotebookMapping,
	sessionMapping,
	type MappingDifference
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
	/** The data version when we started waiting for the notebook's files (null: not waiting). */
	private waitingSince: number | null = null;

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
			// Never replace the user's own (autosaved) cells without asking.
			if (this.notebook.cells.length > 0) this.incoming = doc;
			else this.openShared(doc);
		} catch (error) {
			this.problem = { context: 'notebook.shareError', error };
		}
	}

	openShared(doc: NotebookDoc): void {
		this.incoming = null;
		this.notebook.openDoc(doc);
		this.afterOpen(doc);
	}

	async openFile(file: File): Promise<void> {
		this.problem = null;
		try {
			if (file.size > READ_LIMIT) {
				throw new NotebookFileError('tooLarge', 'too large', { bytes: file.size, limit: 1048576 });
			}
			this.afterOpen(this.notebook.open(await file.text()));
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

	/** Call when the session's data changes: the files the notebook waited for are in. */
	dataChanged(version: number): void {
		if (this.waitingSince === null || version <= this.waitingSince) return;
		if (this.session.phase !== 'ready') return;
		this.waitingSince = null;
		this.needed = [];
		const saved = this.notebook.mapping;
		this.differences = saved ? mappingDifferences(saved, sessionMapping(this.session)) : [];
		void this.notebook.runAll();
	}

	private afterOpen(doc: NotebookDoc): void {
		this.share = null;
		const current = sessionMapping(this.session);
		if (doc.mapping && !current) {
			// No data yet: ask for the files by name; their mapping is applied when they load.
			rememberNotebookMapping(doc.mapping);
			if (this.session.phase !== 'loading') this.session.returns = doc.mapping.returns;
			this.needed = expectedFiles(doc.mapping);
			this.differences = [];
			this.waitingSince = this.session.dataVersion;
			return;
		}
		this.needed = [];
		this.waitingSince = null;
		this.differences = doc.mapping ? mappingDifferences(doc.mapping, current) : [];
		if (current) void this.notebook.runAll();
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
