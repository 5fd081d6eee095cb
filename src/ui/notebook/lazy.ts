// The notebook's code (CodeMirror included) as one chunk, imported only when the notebook opens,
// so the dashboard's first load does not grow.
export { createNotebook } from '../../state/notebook-open';
export { default as NotebookView } from './NotebookView.svelte';
