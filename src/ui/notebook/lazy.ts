// The notebook's code (CodeMirror included) as one chunk, imported only when the notebook opens,
// so the dashboard's first load does not grow.
import { getEngine } from '../../db/engine-instance';
import { Notebook } from '../../state/notebook.svelte';
import { indexedDbStore } from '../../state/notebook-store';
export { default as NotebookView } from './NotebookView.svelte';

/** The notebook, restored from the autosave. */
export async function createNotebook(): Promise<Notebook> {
	const notebook = new Notebook(getEngine, indexedDbStore());
	await notebook.restore();
	return notebook;
}
