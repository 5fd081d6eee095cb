// Issue 16 item 9: count messages had one form for every count, so the page said "1 rows could
// not be read", "1 duplicates removed", "Due for repurchase: 1 customers".
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages.en';
import { I18n, loadCatalog } from '../../src/i18n/i18n.svelte';
import { ANALYSES } from '../../src/analyses';
import { messages as cycleMessages } from '../../src/analyses/cycle/messages';

/** A count placeholder right before an English noun that takes a plural -s. */
const COUNTED =
	/\{\w+\} (?:data |return or cancellation |exact |purchase )?(?:rows|lines|orders|customers|duplicates|bytes|elements|days|sheets|cells)\b/;

/** Counts that are never 1 where the message is shown. */
const NEVER_ONE: Record<string, string> = {
	'table.showAll': 'shown only when a table has more rows than it lists (at least 2)',
	'loadError.quote': 'raised only when a quote swallows more than a few lines',
	'reject.lines': '"lines {line}–{last}": a range of two lines or more',
	'notebook.fileError.tooLarge': 'the noun follows a size over the limit',
	'notebook.chart.capped': '"{shown} of {total} rows": the total is over the cap',
	'overview.partial': '"{days} of {total} days": the noun follows the month\'s days',
	'cohort.firstNote': '"{rate} customers a day" is a rate, never a count of 1',
	'notebook.fileError.tooManyCells': 'shown only above the limit of cells'
};

describe('count messages are plural-correct', () => {
	it('every English message with a count before a plural noun has its singular (`.one`)', () => {
		const catalogs: Record<string, string>[] = [en, ...ANALYSES.map((a) => a.messages.en)];
		const missing = catalogs.flatMap((c) =>
			Object.entries(c)
				.filter(([k, v]) => !k.endsWith('.one') && !(k in NEVER_ONE) && COUNTED.test(v))
				.filter(([k]) => !(`${k}.one` in c))
				.map(([k]) => k)
		);
		expect(missing).toEqual([]);
	});

	it('says "1 row" and "2 rows" in English, "1 行" in Chinese', async () => {
		const i18n = new I18n();
		i18n.locale = 'en';
		expect(i18n.tn('summary.rejected', 1)).toBe('1 row could not be read and was not loaded.');
		expect(i18n.tn('summary.rejected', 2)).toBe('2 rows could not be read and were not loaded.');
		expect(i18n.tn('status.removed', 1)).toBe('1 duplicate removed');
		expect(i18n.tn('summary.rejected', 1234)).toBe(
			'1,234 rows could not be read and were not loaded.'
		);
		expect(i18n.scopedN(cycleMessages)('cycle.dueTitle', 1)).toBe('Due for repurchase: 1 customer');
		await loadCatalog('zh');
		i18n.locale = 'zh';
		expect(i18n.tn('summary.rejected', 1)).toBe('1 行无法读取，未加载。');
		expect(i18n.scopedN(cycleMessages)('cycle.dueTitle', 1)).toBe('待复购客户：1 位');
	});
});
