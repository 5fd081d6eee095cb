// The locale's number, percent, date and plural formatters (src/i18n/i18n.svelte.ts).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { I18n, loadCatalog } from '../../../src/i18n/i18n.svelte';

beforeAll(() => loadCatalog('zh'));

const RealNumberFormat = Intl.NumberFormat;
afterEach(() => {
	Intl.NumberFormat = RealNumberFormat;
});

describe('I18n formatters', () => {
	it('a 10-row table made a new Intl.NumberFormat for every number: one per locale and style now', () => {
		let made = 0;
		Intl.NumberFormat = new Proxy(RealNumberFormat, {
			construct(target, args: ConstructorParameters<typeof Intl.NumberFormat>) {
				made++;
				return new target(...args);
			}
		});
		const i18n = new I18n();
		i18n.locale = 'en';
		for (let i = 0; i < 100; i++) {
			i18n.num(i * 1000.5, 2);
			i18n.money(i);
			i18n.pct(i / 100);
			i18n.compact(i * 1e6);
		}
		// num(…, 2) and money share one; pct and compact one each — at most once per test run.
		expect(made).toBeLessThanOrEqual(3);
	});

	it('formats in the current locale after a switch, each style with its own digits', () => {
		const i18n = new I18n();
		i18n.locale = 'en';
		expect(i18n.num(1234.5, 1)).toBe('1,234.5');
		expect(i18n.num(1234.5)).toBe('1,235');
		expect(i18n.money(3)).toBe('3.00');
		expect(i18n.pct(0.256)).toBe('25.6%');
		expect(i18n.pct(0.256, 0)).toBe('26%');
		expect(i18n.compact(1_250_000)).toBe('1.3M');
		expect(i18n.date('2024-03-05')).toBe('Mar 5, 2024');
		expect(i18n.month('2024-03-05')).toBe('Mar 2024');
		expect(i18n.pluralOf(1)).toBe('one');
		i18n.locale = 'zh';
		expect(i18n.compact(1_250_000)).toBe('125万');
		expect(i18n.date('2024-03-05')).toBe('2024年3月5日');
		expect(i18n.month('2024-03-05')).toBe('2024年3月');
		expect(i18n.pluralOf(1)).toBe('other');
		expect(i18n.num(null)).toBe('–');
	});
});
