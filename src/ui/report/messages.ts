// The report's messages (issue 20), with the report's code rather than in the page's catalogue:
// the empty page does not carry them. The tab's name and "Preparing…" stay global (App.svelte).
import type { Messages } from '../../analyses/types';

const en = {
	'report.titleLabel': 'Title',
	'report.noteLabel': 'Note (plain text)',
	'report.paper': 'Paper',
	'report.sections': 'Sections in the report',
	'report.download': 'Download HTML report',
	'report.print': 'Print / Save as PDF',
	'report.empty': 'Tick at least one section.',
	'report.failed': 'The report could not be made: {message}',
	'report.defaultTitle': 'Customer report — {file}',
	'report.notebookTitle': 'Notebook — {file}',
	'report.byline': 'Made with Clientele on {date}, in the browser: no data left this computer.',
	'report.scope': 'Scope',
	'report.contents': 'Contents',
	'report.method': 'Method:',
	'report.attachmentsTitle': 'Attachments',
	'report.files': 'Files',
	'report.dates': 'Date range',
	'report.allDates': 'All dates',
	'report.filter': 'Filter',
	'report.noFilter': 'None',
	'report.asOf': 'As of',
	'report.returns': 'Returns',
	'report.mapping': 'Mapping',
	'report.moreRows': 'First {shown} of {total} rows',
	'report.cell': 'Cell {n}',
	'report.notebookDownload': 'Download as HTML report',
	'report.attach': 'Attach the customer lists as CSV files',
	'report.attachSize': '{n} lists, {size} added to the file',
	'report.attachNone': 'No customer lists in the chosen sections',
	'report.attachLabel': 'Attachments are off by default: they make the file larger.',
	'report.attachmentLabel': '{title}: {n} customers (CSV)'
} as const;

export type ReportKey = keyof typeof en;

export const messages: Messages<ReportKey> = {
	en,
	zh: {
		'report.titleLabel': '标题',
		'report.noteLabel': '备注（纯文本）',
		'report.paper': '纸张',
		'report.sections': '报告包含的章节',
		'report.download': '下载 HTML 报告',
		'report.print': '打印 / 另存为 PDF',
		'report.empty': '请至少勾选一个章节。',
		'report.failed': '无法生成报告：{message}',
		'report.defaultTitle': '客户分析报告 — {file}',
		'report.notebookTitle': '笔记本 — {file}',
		'report.byline': '由 Clientele 于 {date} 在浏览器中生成：数据未离开这台电脑。',
		'report.scope': '范围',
		'report.contents': '目录',
		'report.method': '方法：',
		'report.attachmentsTitle': '附件',
		'report.files': '文件',
		'report.dates': '日期范围',
		'report.allDates': '全部日期',
		'report.filter': '筛选',
		'report.noFilter': '无',
		'report.asOf': '截止日期',
		'report.returns': '退货',
		'report.mapping': '列映射',
		'report.moreRows': '共 {total} 行，显示前 {shown} 行',
		'report.cell': '单元格 {n}',
		'report.notebookDownload': '下载为 HTML 报告',
		'report.attach': '附带客户名单（CSV 文件）',
		'report.attachSize': '{n} 份名单，文件增大 {size}',
		'report.attachNone': '所选章节没有客户名单',
		'report.attachLabel': '附件默认关闭：会使文件变大。',
		'report.attachmentLabel': '{title}：{n} 位客户（CSV）'
	}
};
