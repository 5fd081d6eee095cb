// The report document around its sections (issue 20): title, the user's note, the byline and the
// scope the numbers were computed under — files, date range, filter, as-of date, returns policy,
// mapping — worded as the page words them (the chart captions come from the same scope label).
import type { AppContext } from '../../state/context';
import type { ReportAttachment, ReportDoc, ReportSection } from '../../export/report-html';
import { sanitizeFilename } from '../../export/download';
import { currentScopeLabel, scopeCaptionParts } from '../scope-label';
import { messages } from './messages';

type App = Pick<AppContext, 'session' | 'dashboard' | 'i18n'>;

/** The scope as labelled rows; `dashboard: false` for a notebook (its SQL states its own scope). */
export function scopeRows(app: App, dashboard = true): ReportDoc['scope'] {
	const { session, i18n } = app;
	const r = i18n.scoped(messages);
	const rows: ReportDoc['scope'] = [];
	const files = session.files.map((f) => f.input.name);
	if (files.length > 0) {
		rows.push({ label: r('report.files'), value: files.join(', '), wide: true });
	}
	if (dashboard) {
		const label = currentScopeLabel(app);
		const parts = scopeCaptionParts({ ...label, filter: null }, i18n);
		rows.push({
			label: r('report.dates'),
			value: parts[0] ?? r('report.allDates')
		});
		const filter = scopeCaptionParts({ from: null, to: null, filter: label.filter }, i18n);
		rows.push({ label: r('report.filter'), value: filter[0] ?? r('report.noFilter') });
		rows.push({ label: r('report.asOf'), value: i18n.date(app.dashboard.asOf) });
	}
	rows.push({
		label: r('report.returns'),
		value: i18n.t(session.returns === 'exclude' ? 'mapping.returnsExclude' : 'mapping.returnsNet')
	});
	const roles = session.mapping?.roles ?? {};
	const mapped = Object.entries(roles)
		.filter(([, column]) => column)
		.map(([role, column]) => `${i18n.tk(`role.${role}`)} = ${column}`);
	if (mapped.length > 0) {
		rows.push({ label: r('report.mapping'), value: mapped.join('; '), wide: true });
	}
	return rows;
}

/** The report's default title: the orders file's name in the page language. */
export function defaultTitle(app: App, notebook = false): string {
	const file = app.session.ordersReport?.file ?? app.session.files[0]?.input.name ?? '';
	const r = app.i18n.scoped(messages);
	return r(notebook ? 'report.notebookTitle' : 'report.defaultTitle', { file });
}

export function reportDoc(
	app: App,
	input: {
		title: string;
		note: string;
		sections: ReportSection[];
		attachments?: ReportAttachment[];
		dashboard?: boolean;
	}
): ReportDoc {
	const { i18n } = app;
	const r = i18n.scoped(messages);
	const today = new Date().toISOString().slice(0, 10);
	return {
		lang: i18n.tag,
		title: input.title.trim() || defaultTitle(app, input.dashboard === false),
		note: input.note,
		byline: r('report.byline', { date: i18n.date(today) }),
		scope: scopeRows(app, input.dashboard !== false),
		sections: input.sections,
		attachments: input.attachments ?? [],
		labels: {
			scope: r('report.scope'),
			contents: r('report.contents'),
			method: r('report.method'),
			attachments: r('report.attachmentsTitle')
		}
	};
}

/** The file name of a report: its title, made safe for every OS. */
export function reportFilename(title: string): string {
	return sanitizeFilename(`${title}.html`, 'report.html');
}
