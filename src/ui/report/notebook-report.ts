// The notebook as a report (issue 20): each cell in order — a SQL cell's statement and the top
// rows of its result, a chart cell's chart, a text cell's text (plain, as written) — in the same
// document as the dashboard's report, so an analyst's own analysis can be handed on as well.
import type { Cell } from '../../core/notebook/model';
import type { AppContext } from '../../state/context';
import type { ReportBlock, ReportSection } from '../../export/report-html';
import { reportHtml } from '../../export/report-html';
import { reportSvg } from '../../export/report-svg';
import { yieldToMain } from '../../core/yield';
import { readTable } from './collect';
import { defaultTitle, reportDoc } from './doc';
import { messages } from './messages';

type App = Pick<AppContext, 'session' | 'dashboard' | 'i18n'>;

/** The notebook's report sections, read from its drawn cells (`root`: the notebook element). */
export async function notebookSections(
	app: App,
	cells: readonly Cell[],
	root: ParentNode
): Promise<ReportSection[]> {
	const { i18n } = app;
	const r = i18n.scoped(messages);
	const sections: ReportSection[] = [];
	for (const [i, cell] of cells.entries()) {
		const el = root.querySelector(`[data-testid="cell-${i + 1}"]`);
		const blocks: ReportBlock[] = [];
		let title = r('report.cell', { n: i + 1 });
		if (cell.kind === 'sql') {
			title = cell.name;
			if (cell.source.trim()) blocks.push({ kind: 'code', text: cell.source });
			const table = el?.querySelector('table');
			const count = el?.querySelector('[data-rows]')?.getAttribute('data-rows');
			if (table) blocks.push({ kind: 'table', table: readTable(table, i18n, Number(count) || 0) });
		} else if (cell.kind === 'chart') {
			const figure = el?.querySelector<HTMLElement>('[data-testid^="chart-"] > figure');
			if (figure) {
				await yieldToMain();
				const chartTitle = figure.querySelector('.chart-title')?.textContent ?? '';
				if (chartTitle.trim()) title = chartTitle.trim();
				blocks.push({ kind: 'chart', title, svg: reportSvg(figure) });
			}
		} else {
			// A leading Markdown heading names the section; the text stays as written.
			const heading = /^\s*#{1,6}\s+(.+)/.exec(cell.source);
			if (heading?.[1]) title = heading[1].trim();
			if (cell.source.trim()) blocks.push({ kind: 'text', text: cell.source });
		}
		if (blocks.length > 0)
			sections.push({ id: cell.id, title, takeaway: null, method: null, blocks });
	}
	return sections;
}

/** The notebook's whole report document as HTML text. */
export async function notebookReportHtml(
	app: App,
	cells: readonly Cell[],
	root: ParentNode
): Promise<{ html: string; title: string }> {
	const sections = await notebookSections(app, cells, root);
	const title = defaultTitle(app, true);
	const doc = reportDoc(app, { title, note: '', sections, dashboard: false });
	return { html: reportHtml(doc), title: doc.title };
}
