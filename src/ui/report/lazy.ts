// The report view's chunk (issue 20): fetched when the report tab opens, never by the empty page.
export { default as ReportView } from './ReportView.svelte';
