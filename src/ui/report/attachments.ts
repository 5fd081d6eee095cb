// The customer lists a report may carry as CSV attachments (issue 20, off by default): each
// reported analysis that has a per-customer statement (`customers` among its named queries: RFM
// scores and segments, concentration ranks and tiers, purchase-cycle gaps, …) queried with the
// dashboard's scope and settings, with the contact columns — the same rows and CSV rules as the
// section's own customer download, so a list in the report is a list the page would save.
import type { AnalysisModule } from '../../analyses/types';
import type { AppContext } from '../../state/context';
import type { ReportAttachment } from '../../export/report-html';
import { toCsv } from '../../export/csv';
import { sanitizeFilename } from '../../export/download';
import { listCsvColumns } from '../../core/contacts';
import { contactSourcesOf } from '../contact-sources';
import { messages } from './messages';

type App = Pick<AppContext, 'session' | 'dashboard' | 'i18n' | 'scope'>;

/** The statement key of an analysis' per-customer list. */
const LIST_KEY = 'customers';

/** Whether `m` has a customer list to attach under the current scope. */
export function hasCustomerList(app: App, m: AnalysisModule): boolean {
	const scope = app.scope();
	return scope !== null && LIST_KEY in m.def.queries(scope, app.dashboard.prepared(m, scope));
}

/**
 * The customer lists of `analyses`, one CSV each by analysis id (lists without rows are left
 * out). The lists are queried one after the other: DuckDB runs one statement at a time anyway.
 */
export async function customerListAttachments(
	app: App,
	analyses: readonly AnalysisModule[]
): Promise<Map<string, ReportAttachment>> {
	const { dashboard, session, i18n } = app;
	const out = new Map<string, ReportAttachment>();
	const scope = app.scope();
	if (!scope) return out;
	const r = i18n.scoped(messages);
	for (const m of analyses) {
		if (!hasCustomerList(app, m)) continue;
		const list = await dashboard.customersOf(m, LIST_KEY, scope, contactSourcesOf(session));
		if (list.rows.length === 0) continue;
		const own = Object.keys(list.rows[0]!).map((key) => ({ key, label: key }));
		const title = i18n.scoped(m.messages)(m.title);
		out.set(m.id, {
			name: sanitizeFilename(`${m.id}-customers.csv`),
			label: r('report.attachmentLabel', { title, n: i18n.num(list.rows.length) }),
			csv: toCsv(listCsvColumns(own, list.contacts), list.rows)
		});
	}
	return out;
}

/** Bytes the attachments add to the HTML file (base64 data: URLs, 4 characters per 3 bytes). */
export function attachmentsSize(attachments: readonly ReportAttachment[]): number {
	const encoder = new TextEncoder();
	return attachments.reduce((n, a) => n + Math.ceil(encoder.encode(a.csv).length / 3) * 4, 0);
}
