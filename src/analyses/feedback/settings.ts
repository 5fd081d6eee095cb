// Settings of the feedback analysis (sql.ts has the definitions they feed) and the complaint-theme
// dictionary: its defaults in English and Chinese, and the text form the section edits.
import type { Sql } from '../../core/sql';

/** 'auto' detects the scale from the scores (sql.ts); the others are the user's choice. */
export const FEEDBACK_SCALES = ['auto', 'nps', 'csat5', 'csat10'] as const;
export type FeedbackScale = (typeof FEEDBACK_SCALES)[number];

/** A complaint theme: its name (a default's key, e.g. 'delivery', or the user's) and keywords. */
export interface FeedbackTheme {
	name: string;
	keywords: readonly string[];
}

export interface FeedbackSettings {
	scale: FeedbackScale;
	/** CSAT: how many top boxes count as satisfied (2: 4–5 of 1–5, 9–10 of 1–10); 1–4. */
	csatBoxes: number;
	/** A month (or group) with fewer scored responses than this is flagged as small (≥ 1). */
	smallN: number;
	themes: readonly FeedbackTheme[];
	/** A feedback file is loaded (the `feedback` table exists); filled in by the manifest's prepare. */
	hasFeedback: boolean;
	/** (customer_id, value) statements of the other analyses' fields; filled in by prepare. */
	segmentSql: Sql | null;
	stageSql: Sql | null;
	tierSql: Sql | null;
}

/**
 * The default dictionary. Keywords match as case-insensitive substrings, so each is chosen to be
 * rare inside unrelated words ('late' would match 'chocolate': 'arrived late' does not).
 */
export const DEFAULT_THEMES: readonly FeedbackTheme[] = [
	{
		name: 'delivery',
		keywords: [
			'delivery',
			'deliver',
			'shipping',
			'courier',
			'arrived late',
			'物流',
			'快递',
			'送货',
			'配送',
			'发货'
		]
	},
	{ name: 'price', keywords: ['price', 'expensive', 'overpriced', '价格', '贵', '价钱'] },
	{ name: 'quality', keywords: ['quality', 'broken', 'defect', 'damaged', '质量', '破损', '坏了'] },
	{ name: 'service', keywords: ['service', 'support', 'staff', 'rude', '客服', '服务', '态度'] },
	{ name: 'refund', keywords: ['refund', 'money back', 'return', '退款', '退货'] },
	{ name: 'product', keywords: ['product', 'item', 'size', '商品', '产品', '尺码'] }
];

export const defaultFeedbackSettings: FeedbackSettings = {
	scale: 'auto',
	csatBoxes: 2,
	smallN: 30,
	themes: DEFAULT_THEMES,
	hasFeedback: false,
	segmentSql: null,
	stageSql: null,
	tierSql: null
};

/** Throws on settings out of range. */
export function checkFeedbackSettings(s: FeedbackSettings): void {
	if (!FEEDBACK_SCALES.includes(s.scale)) throw new Error(`feedback: unknown scale ${s.scale}`);
	if (!Number.isInteger(s.csatBoxes) || s.csatBoxes < 1 || s.csatBoxes > 4) {
		throw new Error('feedback: csatBoxes must be a whole number 1–4');
	}
	if (!Number.isInteger(s.smallN) || s.smallN < 1) {
		throw new Error('feedback: smallN must be a whole number ≥ 1');
	}
}

/**
 * The themes' (position, name, keyword) rows: keywords trimmed, empty ones dropped (an empty
 * substring would match every comment), each kept once per theme.
 */
export function themeKeywords(themes: readonly FeedbackTheme[]): [number, string, string][] {
	const rows: [number, string, string][] = [];
	themes.forEach((theme, i) => {
		const seen = new Set<string>();
		for (const k of theme.keywords.map((x) => x.trim())) {
			if (k === '' || seen.has(k.toLowerCase())) continue;
			seen.add(k.toLowerCase());
			rows.push([i + 1, theme.name, k]);
		}
	});
	return rows;
}

/** The dictionary as the section's text: one theme a line, `name: keyword, keyword, …`. */
export function formatThemes(themes: readonly FeedbackTheme[]): string {
	return themes.map((t) => `${t.name}: ${t.keywords.join(', ')}`).join('\n');
}

/**
 * The section's text back into themes: a line is `name: keywords`, the name before the first ':'
 * (or the full-width '：'), keywords separated by ',', '，', '、' or ';'. Lines without a name or
 * keywords are skipped; a name given twice keeps its first line's position and adds the keywords.
 */
export function parseThemes(text: string): FeedbackTheme[] {
	const themes: { name: string; keywords: string[] }[] = [];
	for (const line of text.split(/\r\n|\r|\n/)) {
		const at = line.search(/[:：]/);
		if (at < 0) continue;
		const name = line.slice(0, at).trim();
		const keywords = line
			.slice(at + 1)
			.split(/[,，、;；]/)
			.map((k) => k.trim())
			.filter((k) => k !== '');
		if (name === '' || keywords.length === 0) continue;
		const same = themes.find((t) => t.name === name);
		if (same) same.keywords.push(...keywords);
		else themes.push({ name, keywords });
	}
	return themes;
}
