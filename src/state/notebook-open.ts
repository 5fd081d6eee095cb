import { getEngine } from '../db/engine-instance';
import { Notebook } from './notebook.svelte';
import { indexedDbStore } from './notebook-store';

/**
 * The page's notebook on the page's engine, restored from the autosave. Lives in state so the
 * ui reaches the engine only through state (DESIGN.md §2); imported by the notebook's lazy chunk.
 */
export async function createNotebook(): Promise<Notebook> {
	const notebook = new Notebook(getEngine, indexedDbStore());
	await notebook.restore();
	return notebook;
}
