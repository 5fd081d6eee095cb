// The report's style (issue 20): inlined into the downloaded HTML file and into the page's report
// view, so both look the same. System fonts only (no request), with Chinese fallbacks. Everything
// is under .report so the page's own style is untouched. A string (not a .css file) because both
// places need it as text: a <style> in the file, and one beside the view's markup.
export const REPORT_CSS = `.report {
	--r-ink: #111827;
	--r-muted: #4b5563;
	--r-line: #e5e7eb;
	--r-accent: #1d4ed8;
	font-family:
		system-ui,
		-apple-system,
		'Segoe UI',
		Roboto,
		'Helvetica Neue',
		Arial,
		'Noto Sans',
		'PingFang SC',
		'Hiragino Sans GB',
		'Microsoft YaHei',
		'Noto Sans CJK SC',
		'Source Han Sans SC',
		'WenQuanYi Micro Hei',
		sans-serif;
	color: var(--r-ink);
	line-height: 1.45;
	max-width: 60rem;
	margin: 0 auto;
	padding: 1.5rem;
	background: #fff;
	overflow-wrap: anywhere;
	-webkit-print-color-adjust: exact;
	print-color-adjust: exact;
}
.report h1 {
	font-size: 1.6rem;
	margin: 0 0 0.25rem;
}
.report h2 {
	font-size: 1.2rem;
	margin: 0 0 0.5rem;
	border-bottom: 2px solid var(--r-accent);
	padding-bottom: 0.2rem;
	break-after: avoid;
}
.report .r-byline,
.report .r-more,
.report .r-method {
	color: var(--r-muted);
	font-size: 0.85rem;
}
.report .r-note {
	border-left: 4px solid var(--r-accent);
	background: #eff6ff;
	padding: 0.25rem 0.75rem;
	margin: 0.75rem 0;
}
.report .r-scope .wide {
	grid-column: 1 / -1;
}
.report .r-scope dl,
.report .r-kpis {
	display: grid;
	grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
	gap: 0.4rem 1rem;
	margin: 0.5rem 0 1rem;
}
.report dt {
	color: var(--r-muted);
	font-size: 0.8rem;
}
.report dd {
	margin: 0;
}
.report .r-kpis > div {
	border: 1px solid var(--r-line);
	border-radius: 6px;
	padding: 0.4rem 0.6rem;
}
.report .r-kpis dd {
	font-size: 1.25rem;
	font-weight: 600;
	font-variant-numeric: tabular-nums;
}
.report .r-toc ol {
	columns: 2;
	margin: 0.25rem 0 1rem;
}
.report .r-section {
	margin: 1.5rem 0;
}
.report .r-takeaway {
	font-weight: 600;
	font-size: 1.05rem;
}
.report .r-chart {
	margin: 0.5rem 0 1rem;
	break-inside: avoid;
}
.report .r-chart svg {
	display: block;
	max-width: 100%;
	height: auto;
}
.report .r-table {
	break-inside: avoid;
	margin: 0.5rem 0 1rem;
	overflow-x: auto;
}
.report table {
	border-collapse: collapse;
	font-size: 0.85rem;
	width: 100%;
}
.report caption {
	text-align: left;
	font-weight: 600;
	padding-bottom: 0.25rem;
}
.report th,
.report td {
	border-bottom: 1px solid var(--r-line);
	padding: 0.25rem 0.5rem;
	text-align: left;
	vertical-align: top;
	/* Not 'anywhere': that lets a squeezed column shrink to one letter a line. */
	overflow-wrap: break-word;
}
.report th {
	background: #f3f4f6;
}
.report .num {
	text-align: right;
	font-variant-numeric: tabular-nums;
	white-space: nowrap;
}
/* A number column's heading wraps at its words, so the column is as wide as its numbers. */
.report th.num {
	white-space: normal;
}
.report thead {
	display: table-header-group;
}
.report tr {
	break-inside: avoid;
}
.report .r-code {
	background: #f9fafb;
	border: 1px solid var(--r-line);
	padding: 0.5rem;
	font-size: 0.8rem;
	white-space: pre-wrap;
	break-inside: avoid;
}
.report .r-text p,
.report .r-note p {
	margin: 0.4rem 0;
}

@page {
	size: A4;
	margin: 15mm 12mm;
	/* Page numbers where the browser draws margin boxes (Chromium 131+); others ignore it. */
	@bottom-right {
		content: counter(page) ' / ' counter(pages);
		font-size: 8pt;
		color: #6b7280;
	}
}
@page :first {
	margin-top: 12mm;
}
@media print {
	.report {
		max-width: none;
		padding: 0;
		font-size: 10.5pt;
	}
	.report .r-chart > svg {
		/* Two charts share a page, and a chart is scaled down whole rather than cut. */
		max-height: 105mm;
		width: auto;
		margin: 0 auto;
	}
	/* The main chart may take most of a page (a cohort triangle is dense). */
	.report .r-chart:first-of-type > svg {
		max-height: 170mm;
	}
	.report .r-table {
		overflow: visible;
	}
	/* Each section starts a page: the first page holds the title, the scope and the contents. */
	.report .r-section {
		break-before: page;
		margin-top: 0;
	}
	.report table {
		font-size: 8pt;
	}
	.report th,
	.report td {
		padding: 0.15rem 0.3rem;
	}
	.report a {
		color: inherit;
	}
}
`;
