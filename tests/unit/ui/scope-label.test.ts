// The chart caption and download names take the scope from the dashboard as the page shows it.
import { beforeAll, describe, expect, it } from 'vitest';
import { I18n, loadCatalog } from '../../../src/i18n/i18n.svelte';
import { chartNote, currentScopeLabel } from '../../../src/ui/scope-label';
import type { AppContext } from '../../../src/state/context';

beforeAll(() => loadCatalog('zh'));

function i18nIn(locale: 'en' | 'zh'): I18n {
	const i18n = new I18n();
	i18n.locale = locale;
	return i18n;
}

const plain = { from: null, to: null, filter: null };
const filtered = {
	from: '2024-01-01',
	to: '2024-06-30',
	filter: { column: 'Region', values: ['Central'] }
};

describe('chartNote', () => {
	it('without filters: source and as-of date, as before', () => {
		expect(chartNote(i18nIn('en'), { file: 'orders.csv', asOf: '2024-06-30', scope: plain })).toBe(
			'Source: orders.csv · as of Jun 30, 2024 · Clientele'
		);
	});

	it('states the date range and the filter in English', () => {
		expect(
			chartNote(i18nIn('en'), { file: 'orders.csv', asOf: '2024-06-30', scope: filtered })
		).toBe(
			'Source: orders.csv · Jan 1, 2024 – Jun 30, 2024 · Region = Central · as of Jun 30, 2024 · Clientele'
		);
	});

	it('states the date range and the filter in Chinese', () => {
		const scope = { ...filtered, filter: { column: '地区', values: ['华东'] } };
		expect(chartNote(i18nIn('zh'), { file: 'orders.csv', asOf: '2024-06-30', scope })).toBe(
			'数据来源：orders.csv · 2024年1月1日 至 2024年6月30日 · 地区 = 华东 · 截至 2024年6月30日 · Clientele'
		);
	});

	it('joins several values ("Central, East, or West" / "华东、华北或华南") and counts beyond five', () => {
		const three = {
			from: null,
			to: null,
			filter: { column: 'Region', values: ['Central', 'East', 'West'] }
		};
		expect(chartNote(i18nIn('en'), { file: 'o.csv', asOf: null, scope: three })).toContain(
			' · Region = Central, East, or West · '
		);
		const zh = {
			from: null,
			to: null,
			filter: { column: '地区', values: ['华东', '华北', '华南'] }
		};
		expect(chartNote(i18nIn('zh'), { file: 'o.csv', asOf: null, scope: zh })).toContain(
			' · 地区 = 华东、华北或华南 · '
		);
		const eight = {
			from: null,
			to: null,
			filter: { column: 'Store', values: ['1', '2', '3', '4', '5', '6', '7', '8'] }
		};
		expect(chartNote(i18nIn('en'), { file: 'o.csv', asOf: null, scope: eight })).toContain(
			'Store = 1, 2, 3, 4, 5, or 3 more'
		);
	});

	it('an open range says which end it has', () => {
		const from = { from: '2024-01-01', to: null, filter: null };
		expect(chartNote(i18nIn('en'), { file: 'o.csv', asOf: null, scope: from })).toContain(
			' · from Jan 1, 2024 · '
		);
		const to = { from: null, to: '2024-06-30', filter: null };
		expect(chartNote(i18nIn('zh'), { file: 'o.csv', asOf: null, scope: to })).toContain(
			' · 至 2024年6月30日 · '
		);
	});
});

describe('currentScopeLabel', () => {
	const session = {
		mapping: {
			dimensions: [{ column: 'region', label: 'Region' }],
			roles: { category: 'cat' }
		},
		summary: {},
		customersMapping: {},
		customerColumns: [{ column: 'c_region', label: 'Customer region', categorical: true }]
	};
	const app = (filter: unknown, i18n = i18nIn('en')) =>
		({
			session,
			i18n,
			dashboard: { from: '2024-01-01', to: '', filter }
		}) as unknown as Pick<AppContext, 'session' | 'dashboard' | 'i18n'>;

	it('names the filter column by its label on the page, not its canonical name', () => {
		const label = currentScopeLabel(
			app({ table: 'customers', column: 'c_region', values: ['North'] })
		);
		expect(label).toEqual({
			from: '2024-01-01',
			to: null,
			filter: { column: 'Customer region', values: ['North'] }
		});
	});

	it('the category role is named in the page language', () => {
		const label = currentScopeLabel(
			app({ table: 'orders', column: 'category', values: ['Tea'] }, i18nIn('zh'))
		);
		expect(label.filter?.column).not.toBe('category');
	});

	it('a filter with no value chosen is no filter', () => {
		expect(currentScopeLabel(app({ table: 'orders', column: 'region', values: [] })).filter).toBe(
			null
		);
	});
});
