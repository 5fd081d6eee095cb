// What goes into the report, read from what the page shows (issue 20): each section's KPI tiles,
// its charts (the same SVG as "Download SVG", cleaned for inlining), its first table's top rows —
// the numbers are the dashboard's own, formatted as there — and its manifest's takeaway and method.
// Reading the drawn page (rather than computing again) means the report can never disagree with
// the dashboard, and a new analysis is in the report by its registry line alone.
import type { AnalysisModule, TakeawayFormat } from '../../analyses/types';
import type { Dashboard } from '../../state/dashboard.svelte';
import type { Scope } from '../../core/scope';
import type { I18n } from '../../i18n/i18n.svelte';
import type { ReportBlock, ReportSection, ReportTable } from '../../export/report-html';
import { reportSvg } from '../../export/report-svg';
import { yieldToMain } from '../../core/yield';
import { derivedFields } from '../../analyses/registry-tools';
import { messages } from './messages';

/** Table rows the report keeps (the dashboard's tables show a few more, the download all). */
export const REPORT_TABLE_ROWS = 10;
/** Charts per section: the main ones, so a section stays within two printed pages. */
export const REPORT_CHARTS = 2;

type Format = Pick<I18n, 'scoped' | 'num'>;

/** The sections on the page, in registry order, that are done (an analysis that failed is left out). */
export function shownAnalyses(
	analyses: readonly AnalysisModule[],
	root: ParentNode = document
): AnalysisModule[] {
	return analyses.filter((m) => root.querySelector(`#analysis-${m.id}`) !== null);
}

/**
 * Whether every shown section has finished and drawn its charts (each Chart's figure is there, in
 * the page language `lang` when given — a language switch redraws them): the report waits for
 * that, so it never holds a half-drawn dashboard.
 */
export function dashboardSettled(root: ParentNode = document, lang?: string): boolean {
	const sections = Array.from(root.querySelectorAll<HTMLElement>('section.analysis'));
	if (sections.length === 0) return false;
	for (const s of sections) {
		const status = s.dataset['status'];
		if (status === 'running' || status === 'idle') return false;
		for (const plot of s.querySelectorAll('.chart > [data-testid^="chart-"]')) {
			const figure = plot.querySelector<HTMLElement>(':scope > figure');
			// A chart that failed to draw says so (a warning beside it): nothing to wait for.
			if (plot.parentElement?.querySelector(':scope > .warn')) continue;
			if (!figure || (lang !== undefined && figure.lang !== lang)) return false;
		}
	}
	return true;
}

/** One analysis' report section from its drawn section element, or null when it is not shown. */
export async function collectAnalysis(
	m: AnalysisModule,
	dashboard: Dashboard,
	i18n: I18n,
	analyses: readonly AnalysisModule[],
	scope: Scope | null,
	root: ParentNode = document
): Promise<ReportSection | null> {
	const el = root.querySelector<HTMLElement>(`#analysis-${m.id}`);
	if (!el) return null;
	const t = i18n.scoped(m.messages);
	const state = dashboard.stateOf(m);
	const tn = i18n.scopedN(m.messages);
	const format: TakeawayFormat<string> = {
		t,
		tn,
		num: i18n.num,
		pct: i18n.pct,
		money: i18n.money,
		date: i18n.date,
		derivedValue(key, value) {
			const owned = derivedFields(analyses).find((f) => f.field.key === key);
			const label = owned?.field.valueLabel(value);
			return owned && label ? i18n.scoped(owned.owner.messages)(label) : null;
		}
	};
	let takeaway: string | null = null;
	if (m.takeaway && state.status === 'done' && state.data !== null) {
		try {
			// As the analysis ran them: a breakdown's default dimension is filled in by prepare.
			const settings = scope ? dashboard.prepared(m, scope) : dashboard.settingsOf(m);
			takeaway = m.takeaway(state.data, format, settings);
		} catch {
			takeaway = null; // a takeaway that cannot word this result leaves the section without one
		}
	}
	return {
		id: m.id,
		title: t(m.title),
		takeaway,
		method: m.method ? t(m.method) : null,
		blocks: await blocksOf(el, i18n)
	};
}

/** KPI tiles, the first charts and the first table of a drawn section, in page order. */
export async function blocksOf(
	el: Element,
	i18n: Format,
	charts = REPORT_CHARTS
): Promise<ReportBlock[]> {
	const blocks: ReportBlock[] = [];
	const tiles = el.querySelector('[data-testid="kpi-tiles"]');
	if (tiles) {
		blocks.push({
			kind: 'kpis',
			items: Array.from(tiles.querySelectorAll('.tile')).map((tile) => ({
				label: text(tile.querySelector('.label')),
				value: text(tile.querySelector('.value'))
			}))
		});
	}
	const figures = Array.from(
		el.querySelectorAll<HTMLElement>('[data-testid^="chart-"] > figure')
	).slice(0, charts);
	for (const figure of figures) {
		// Each chart is measured and serialised (tens of ms): the page stays responsive between.
		await yieldToMain();
		blocks.push({
			kind: 'chart',
			title: text(figure.querySelector('.chart-title')),
			svg: reportSvg(figure)
		});
	}
	const table = el.querySelector('table');
	if (table) blocks.push({ kind: 'table', table: readTable(table, i18n) });
	return blocks;
}

/**
 * A drawn table's header and its first rows as the page shows them. `total`: the rows behind the
 * table when it shows only some (a notebook result's row count), else the rows drawn.
 */
export function readTable(table: HTMLTableElement, i18n: Format, total?: number): ReportTable {
	const headCells = Array.from(table.querySelectorAll('thead th'));
	// A virtualised grid has spacer rows (aria-hidden) and rows still loading (.pending).
	const rows = Array.from(table.querySelectorAll('tbody tr')).filter(
		(tr) => !tr.hasAttribute('aria-hidden') && !tr.classList.contains('pending')
	);
	const kept = rows.slice(0, REPORT_TABLE_ROWS);
	const first = kept[0] ? Array.from(kept[0].querySelectorAll('th, td')) : [];
	const all = Math.max(total ?? 0, rows.length);
	return {
		caption: table.caption ? text(table.caption) : null,
		// A column's type label (the notebook's grid) is not part of its name.
		head: headCells.map((th) => text(th, '.type')),
		numeric: headCells.map(
			(th, i) => th.classList.contains('num') || !!first[i]?.classList.contains('num')
		),
		rows: kept.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((td) => text(td))),
		more:
			all > kept.length
				? i18n.scoped(messages)('report.moreRows', {
						shown: i18n.num(kept.length),
						total: i18n.num(all)
					})
				: null
	};
}

/** The element's text, whitespace collapsed, without the text of `skip` descendants. */
export function text(el: Element | null, skip?: string): string {
	if (!el) return '';
	let node: Element = el;
	if (skip && el.querySelector(skip)) {
		node = el.cloneNode(true) as Element;
		for (const s of node.querySelectorAll(skip)) s.remove();
	}
	return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}
