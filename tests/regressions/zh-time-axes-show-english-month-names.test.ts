// @vitest-environment jsdom
// Issue 16: on a Chinese page the time axes (overview revenue by month, lifecycle stages over time)
// showed English month names ("Jan", "Feb"): Plot formats time ticks with d3's English-only
// formats whatever the page language. Ticks are now written with Intl in the chart's locale.
import { expect, it } from 'vitest';
import { renderChart } from '../../src/charts/render';
import { revenueByMonthSpec } from '../../src/analyses/overview/chart';
import { stagesOverTimeSpec } from '../../src/analyses/lifecycle/chart';
import type { StageOverTimeRow } from '../../src/analyses/lifecycle/sql';

const ENGLISH_MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;

function xTicks(spec: Parameters<typeof renderChart>[0], locale: string): string {
	const figure = renderChart(spec, { title: '', note: '', width: 700, locale });
	return [...figure.querySelectorAll('g[aria-label="x-axis tick label"] text')]
		.map((t) => t.textContent)
		.join(' ');
}

const months = Array.from({ length: 14 }, (_, i) => {
	const d = new Date(Date.UTC(2023, 6 + i, 1));
	return d.toISOString().slice(0, 10);
});

it('revenue by month on a zh-CN page has Chinese month ticks ("8月"), not "Aug"', () => {
	const rows = months.map((month, i) => ({ month, revenue: 10 + i, orders: 1, customers: 1 }));
	const ticks = xTicks(
		revenueByMonthSpec(rows, { width: 676, labels: {}, format: String }),
		'zh-CN'
	);
	expect(ticks).not.toMatch(ENGLISH_MONTH);
	expect(ticks).toMatch(/\d{1,2}月/);
	expect(ticks).toMatch(/2024年/);
});

it('lifecycle stages over time on a zh-CN page has Chinese month ticks, not "Aug"', () => {
	const rows: StageOverTimeRow[] = months.map((m, i) => ({
		month_end: m,
		stage: 'active',
		customers: i,
		share: 0
	}));
	const spec = stagesOverTimeSpec(rows, { width: 676, labels: {}, format: String });
	const ticks = xTicks({ ...spec, color: { ...spec.color, legend: false } }, 'zh-CN');
	expect(ticks).not.toMatch(ENGLISH_MONTH);
	expect(ticks).toMatch(/\d{1,2}月/);
});
