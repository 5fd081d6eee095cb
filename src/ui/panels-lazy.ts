// The mapping screen and the load summary: a chunk of their own, fetched once the engine is up
// (App.svelte, with the warm-up's prefetch) or when a first file is given. The empty page does not
// show them, and they are a tenth of its script.
export { default as MappingPanel } from './MappingPanel.svelte';
export { default as LoadSummaryPanel } from './LoadSummaryPanel.svelte';
export { default as FileKinds } from './FileKinds.svelte';
