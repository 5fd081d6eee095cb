import { getEngine } from '../db/engine-instance';
import { Notebook } from './notebook.svelte';
import { indexedDbStore } from './notebook-store';

let shared: Promise<Notebook> | null = null;

/**
 * The page's notebook on the page's engine, restored from the autosave. Lives in state so the
 * ui reaches the engine only through state (DESIGN.md §2); imported by the notebook's lazy chunk.
 * One instance per page: the audience builder saves its audiences into the same notebook (issue
 * 19), and two instances would overwrite each other's autosave.
 */
export function createNotebook(): Promise<Notebook> {
	shared ??= (async () => {
		const notebook = new Notebook(getEngine, indexedDbStore());
		await notebook.restore();
		return notebook;
	})();
	return shared;
}
