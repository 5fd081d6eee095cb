// The report (issue 20) as HTML text: the page's report view shows its body, and "Download HTML
// report" saves the whole document, one self-contained file a colleague opens offline. Everything
// that came from data or the user (titles, values, headers, notes, file names) is escaped here and
// nowhere else, so it is text, never markup. Charts arrive as SVG already serialised and cleaned
// (report-svg.ts). The document carries its CSS inline and a CSP that forbids scripts and every
// request, so even a slip in the escaping could neither run nor load anything.
import { REPORT_CSS as reportCss } from './report-css';
import { xmlSafe } from './xml';

export interface ReportTable {
	caption: string | null;
	head: string[];
	/** Right-aligned (number) columns, by index. */
	numeric: boolean[];
	rows: string[][];
	/** A line under the table, e.g. "Top 10 of 345 rows", or null. */
	more: string | null;
}

export type ReportBlock =
	| { kind: 'kpis'; items: { label: string; value: string }[] }
	/** `svg`: markup from cleanSvg (report-svg.ts), never data text. */
	| { kind: 'chart'; title: string; svg: string }
	| { kind: 'table'; table: ReportTable }
	/** Plain text: blank lines separate paragraphs. */
	| { kind: 'text'; text: string }
	| { kind: 'code'; text: string };

export interface ReportSection {
	id: string;
	title: string;
	takeaway: string | null;
	method: string | null;
	blocks: ReportBlock[];
}

export interface ReportAttachment {
	/** The file name offered on download. */
	name: string;
	label: string;
	/** CSV text (toCsv: BOM, formula cells neutralised). */
	csv: string;
}

export interface ReportDoc {
	/** BCP 47 tag of the page language, e.g. 'en-US' or 'zh-CN'. */
	lang: string;
	title: string;
	/** The user's note, plain text. */
	note: string;
	/** "Made with Clientele on …". */
	byline: string;
	/** `wide`: a long value (files, mapping) on a line of its own. */
	scope: { label: string; value: string; wide?: boolean }[];
	sections: ReportSection[];
	attachments: ReportAttachment[];
	labels: { scope: string; contents: string; method: string; attachments: string };
	/** Printed paper size (the CSS says A4). */
	paper?: 'A4' | 'letter';
}

const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** `text` as HTML text or attribute value: markup characters escaped, XML-forbidden ones gone. */
export function escapeHtml(text: string): string {
	return xmlSafe(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * The whole document. Its CSP (`default-src 'none'`) allows the inline style and data: images
 * only: no script runs, no font, image or page is fetched.
 */
export function reportHtml(doc: ReportDoc): string {
	return [
		'<!doctype html>',
		`<html lang="${escapeHtml(doc.lang)}">`,
		'<head>',
		'<meta charset="utf-8">',
		`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="referrer" content="no-referrer">',
		`<title>${escapeHtml(doc.title)}</title>`,
		`<style>${reportCss}${doc.paper === 'letter' ? '\n@page { size: letter; }' : ''}</style>`,
		'</head>',
		'<body>',
		`<article class="report">${reportBody(doc)}</article>`,
		'</body>',
		'</html>',
		''
	].join('\n');
}

/** The report's content (inside `<article class="report">`), as the page's report view shows it. */
export function reportBody(doc: ReportDoc): string {
	const out: string[] = [];
	out.push(`<header class="r-head"><h1>${escapeHtml(doc.title)}</h1>`);
	out.push(`<p class="r-byline">${escapeHtml(doc.byline)}</p>`);
	if (doc.note.trim() !== '') out.push(`<div class="r-note">${paragraphs(doc.note)}</div>`);
	if (doc.scope.length > 0) {
		out.push(`<section class="r-scope"><h2>${escapeHtml(doc.labels.scope)}</h2><dl>`);
		for (const s of doc.scope) {
			const cls = s.wide ? ' class="wide"' : '';
			out.push(`<div${cls}><dt>${escapeHtml(s.label)}</dt><dd>${escapeHtml(s.value)}</dd></div>`);
		}
		out.push('</dl></section>');
	}
	if (doc.sections.length > 1) {
		out.push(`<nav class="r-toc"><h2>${escapeHtml(doc.labels.contents)}</h2><ol>`);
		for (const s of doc.sections) out.push(`<li>${escapeHtml(s.title)}</li>`);
		out.push('</ol></nav>');
	}
	out.push('</header>');
	for (const s of doc.sections) out.push(section(s, doc.labels.method));
	if (doc.attachments.length > 0) {
		out.push(`<section class="r-attachments"><h2>${escapeHtml(doc.labels.attachments)}</h2><ul>`);
		for (const a of doc.attachments) {
			const href = `data:text/csv;charset=utf-8;base64,${base64(a.csv)}`;
			out.push(
				`<li><a href="${escapeHtml(href)}" download="${escapeHtml(a.name)}">${escapeHtml(a.label)}</a></li>`
			);
		}
		out.push('</ul></section>');
	}
	return out.join('\n');
}

function section(s: ReportSection, methodLabel: string): string {
	// The id is ours (an analysis id or a cell number), but it is escaped as everything else.
	const out = [`<section class="r-section" data-section="${escapeHtml(s.id)}">`];
	out.push(`<h2>${escapeHtml(s.title)}</h2>`);
	if (s.takeaway) out.push(`<p class="r-takeaway">${escapeHtml(s.takeaway)}</p>`);
	for (const b of s.blocks) out.push(block(b));
	if (s.method) {
		out.push(
			`<p class="r-method"><strong>${escapeHtml(methodLabel)}</strong> ${escapeHtml(s.method)}</p>`
		);
	}
	out.push('</section>');
	return out.join('\n');
}

function block(b: ReportBlock): string {
	switch (b.kind) {
		case 'kpis':
			return `<dl class="r-kpis">${b.items
				.map((k) => `<div><dt>${escapeHtml(k.label)}</dt><dd>${escapeHtml(k.value)}</dd></div>`)
				.join('')}</dl>`;
		case 'chart':
			return `<figure class="r-chart" aria-label="${escapeHtml(b.title)}">${b.svg}</figure>`;
		case 'table':
			return table(b.table);
		case 'text':
			return `<div class="r-text">${paragraphs(b.text)}</div>`;
		case 'code':
			return `<pre class="r-code">${escapeHtml(b.text)}</pre>`;
	}
}

function table(t: ReportTable): string {
	const cls = (i: number) => (t.numeric[i] ? ' class="num"' : '');
	const out = ['<div class="r-table"><table>'];
	if (t.caption) out.push(`<caption>${escapeHtml(t.caption)}</caption>`);
	out.push(
		`<thead><tr>${t.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead>`
	);
	out.push('<tbody>');
	for (const row of t.rows) {
		out.push(`<tr>${row.map((v, i) => `<td${cls(i)}>${escapeHtml(v)}</td>`).join('')}</tr>`);
	}
	out.push('</tbody></table>');
	if (t.more) out.push(`<p class="r-more">${escapeHtml(t.more)}</p>`);
	out.push('</div>');
	return out.join('');
}

/** UTF-8 bytes of `text` in base64 (a third smaller in the file than percent-encoding). */
function base64(text: string): string {
	const bytes = new TextEncoder().encode(text);
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary);
}

/** Plain text as paragraphs: blank lines split them, single line breaks stay (<br>). */
function paragraphs(text: string): string {
	return text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter((p) => p !== '')
		.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
		.join('');
}
