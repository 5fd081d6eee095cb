// The report's own messages (src/ui/report/messages.ts, outside the page's catalogue): every key
// in both languages, with the same placeholders, as the registry test asks of an analysis.
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src/ui/report/messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('report messages', () => {
	it('has every key in Chinese, with the same placeholders', () => {
		const zh = messages.zh as Record<string, string>;
		expect(Object.keys(zh).sort()).toEqual(Object.keys(messages.en).sort());
		for (const [key, en] of Object.entries(messages.en)) {
			expect(zh[key]?.trim(), key).toBeTruthy();
			expect(placeholders(zh[key]!), key).toEqual(placeholders(en));
		}
	});
});
