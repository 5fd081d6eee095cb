// @vitest-environment jsdom
// Charts by month named a day in their tips: the feedback themes by month said "Feb 1, 2024"
// (the month's first day) where the score by month, beside it, says "2024-02", and the loyalty
// ledger's bars "2024-02-01–2024-03-01" (the bar's day range). Hovered in jsdom as a reader
// sweeps the chart (tests/helpers/plot-tips.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { hoverTips, stubTipLayout } from '../helpers/plot-tips';
import { feedbackThemeTrendSpec } from '../../src/analyses/feedback/chart';
import { ledgerSpec } from '../../src/analyses/loyalty/chart';

const LEDGER = ['2024-01', '2024-02'].map((month, i) => ({
	month,
	issued: 50,
	redeemed: 20,
	expired: 5,
	outstanding: 25 + 25 * i
}));
const opt = { width: 600, format: String, labels: {} as Record<string, string> };

beforeAll(stubTipLayout);

describe('tips of charts by month name the month', () => {
	it('the feedback themes by month: "2024-02", not its first day', () => {
		const tips = hoverTips(
			feedbackThemeTrendSpec(
				['2024-01-01', '2024-02-01'].map((month) => ({ label: 'Price', month, responses: 3 })),
				{ ...opt, themes: ['Price'] }
			)
		);
		const months = tips.filter((l) => l.label === 'month').map((l) => l.value);
		expect(months.sort()).toEqual(['2024-01', '2024-02']);
	});

	it('the loyalty ledger: "2024-02", not the bar\u2019s days "2024-02-01–2024-03-01"', () => {
		const tips = hoverTips(ledgerSpec(LEDGER, opt));
		const months = [...new Set(tips.filter((l) => l.label === 'month').map((l) => l.value))];
		expect(months.sort()).toEqual(['2024-01', '2024-02']);
		// Each bar's tip still gives its points and flow.
		expect(tips.filter((l) => l.label === 'points').map((l) => l.value)).toContain('-20');
		expect(tips.filter((l) => l.label === 'flow').map((l) => l.value)).toContain('expired');
	});
});
