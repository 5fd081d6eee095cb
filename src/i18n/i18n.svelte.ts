import { en, type MessageKey } from './messages.en';

export type Locale = 'en' | 'zh';
export type Params = Record<string, string | number>;

/**
 * Plural variants: a count message `key` holds the form for most counts ('other'); `key.one` beside
 * it holds the English singular. Chinese has no plural forms, so zh never needs the variant.
 */
export type OneKey<K extends string> = Extract<K, `${string}.one`>;
/** The keys of K that have a `.one` variant: the ones `tn` takes. */
export type CountKey<K extends string> = K extends `${infer Base}.one` ? Base : never;

/** A locale's messages: every key, except that only English has the `.one` plural variants. */
type Catalog = Record<Exclude<MessageKey, OneKey<MessageKey>>, string> &
	Partial<Record<OneKey<MessageKey>, string>>;

/**
 * English is in the first script; Chinese is a chunk of its own (about 12 KB gzipped), so a reader
 * in English never fetches it. main.ts loads it before the first render when the page opens in
 * Chinese, and App.svelte fetches it once the engine is up, so switching is instant.
 */
const CATALOGS: Partial<Record<Locale, Catalog>> = { en };
let zhLoading: Promise<void> | null = null;

/** Load a locale's messages (once); resolves when `t` can use them. */
export function loadCatalog(l: Locale): Promise<void> {
	if (CATALOGS[l]) return Promise.resolve();
	zhLoading ??= import('./messages.zh').then((m) => {
		CATALOGS.zh = m.zh;
	});
	return zhLoading;
}

/**
 * Intl formatters, made once per locale and style: constructing one costs far more than using it
 * (a 10-row table's numbers made new ones by the dozen on the page's thread).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
	key: string,
	make: () => F
): F {
	let f = formatters.get(key) as F | undefined;
	if (!f) {
		f = make();
		formatters.set(key, f);
	}
	return f;
}

function numberFormat(tag: string, kind: 'num' | 'compact' | 'pct', digits: number) {
	return cached(`n|${tag}|${kind}|${digits}`, () =>
		kind === 'compact'
			? new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: digits })
			: new Intl.NumberFormat(tag, {
					style: kind === 'pct' ? 'percent' : 'decimal',
					maximumFractionDigits: digits,
					minimumFractionDigits: digits
				})
	);
}

function dateFormat(tag: string, kind: 'date' | 'month') {
	return cached(`d|${tag}|${kind}`, () =>
		kind === 'date'
			? new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' })
			: new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' })
	);
}

function plurals(tag: string) {
	return cached(`p|${tag}`, () => new Intl.PluralRules(tag));
}

const STORAGE_KEY = 'clientele.locale';

/** Browser language → our locale: any Chinese variant → zh, everything else → en. */
export function localeFromLanguages(languages: readonly string[]): Locale {
	for (const l of languages) {
		const tag = l.toLowerCase();
		if (tag.startsWith('zh')) return 'zh';
		if (tag.startsWith('en')) return 'en';
	}
	return 'en';
}

/** The locale the page opens in: ?lang, then the last choice, then the browser's languages. */
export function initialLocale(): Locale {
	if (typeof window === 'undefined') return 'en';
	const urlLang = new URLSearchParams(window.location.search).get('lang');
	if (urlLang === 'en' || urlLang === 'zh') return urlLang;
	try {
		const saved = window.localStorage.getItem(STORAGE_KEY);
		if (saved === 'en' || saved === 'zh') return saved;
	} catch {
		// storage may be blocked (private mode); fall back to the browser language
	}
	return localeFromLanguages(navigator.languages ?? [navigator.language]);
}

/** Fill `{name}` holes. Values are inserted as text; the UI renders results as text, never HTML. */
export function interpolate(template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** `key.<category>` from `catalog` when it has it, else `key` (from `catalog`, then `fallback`). */
function pickPlural(
	catalog: object,
	fallback: object,
	key: string,
	category: Intl.LDMLPluralRule,
	params: Params
): string {
	const cat = catalog as Record<string, string>;
	const variant = category === 'other' ? undefined : cat[`${key}.${category}`];
	return interpolate(
		variant ?? cat[key] ?? (fallback as Record<string, string>)[key] ?? key,
		params
	);
}

/** The message catalogue and Intl formatting for the active locale. */
export class I18n {
	locale = $state<Locale>(initialLocale());

	get tag(): string {
		return this.locale === 'zh' ? 'zh-CN' : 'en-US';
	}

	/** Switch language; at once when its messages are loaded, else as soon as they are. */
	setLocale(l: Locale) {
		if (!CATALOGS[l]) {
			void loadCatalog(l).then(() => this.setLocale(l));
			return;
		}
		this.locale = l;
		try {
			window.localStorage.setItem(STORAGE_KEY, l);
		} catch {
			// not persisted; the switch still applies to this page
		}
		document.documentElement.lang = this.tag;
	}

	t = (key: MessageKey, params?: Params): string => {
		return interpolate(CATALOGS[this.locale]?.[key] ?? en[key] ?? key, params);
	};

	/**
	 * A translator for messages that live with their module (an analysis' messages.ts: English and
	 * Chinese side by side), typed by that module's keys. Reads the locale on each call, so it is as
	 * reactive as `t`.
	 */
	scoped =
		<K extends string>(messages: {
			en: Record<K, string>;
			zh: Record<Exclude<K, OneKey<K>>, string>;
		}) =>
		(key: K, params?: Params): string =>
			interpolate(
				(messages[this.locale] as Record<string, string>)[key] ?? messages.en[key] ?? key,
				params
			);

	/** The locale's plural category of `count` ('one' or 'other' in English, always 'other' in zh). */
	pluralOf = (count: number): Intl.LDMLPluralRule => plurals(this.tag).select(count);

	/**
	 * A message about `count` things, plural-correct: `key.one` when the locale calls `count` 'one'
	 * and the catalogue has that variant, else `key`. `{n}` is `count` formatted unless given.
	 */
	tn = (key: CountKey<MessageKey>, count: number, params?: Params): string =>
		pickPlural(CATALOGS[this.locale] ?? en, en, key, this.pluralOf(count), {
			n: this.num(count),
			...params
		});

	/** `tn` for messages that live with their module, like `scoped`. */
	scopedN =
		<K extends string>(messages: {
			en: Record<K, string>;
			zh: Record<Exclude<K, OneKey<K>>, string>;
		}) =>
		(key: CountKey<K>, count: number, params?: Params): string =>
			pickPlural(messages[this.locale], messages.en, key, this.pluralOf(count), {
				n: this.num(count),
				...params
			});

	/** A message looked up by a dynamic key (segment names etc.), falling back to the key itself. */
	tk = (key: string, params?: Params): string => {
		const cat = (CATALOGS[this.locale] ?? en) as Record<string, string>;
		const fallback = en as Record<string, string>;
		return interpolate(cat[key] ?? fallback[key] ?? key, params);
	};

	has = (key: string): boolean => key in (CATALOGS[this.locale] ?? en);

	num = (n: number | null | undefined, digits = 0): string => {
		if (n === null || n === undefined || Number.isNaN(n)) return '–';
		return numberFormat(this.tag, 'num', digits).format(n);
	};

	/** Money without a currency symbol: the file does not say which currency it is. */
	money = (n: number | null | undefined): string => this.num(n, 2);

	compact = (n: number | null | undefined): string => {
		if (n === null || n === undefined || Number.isNaN(n)) return '–';
		return numberFormat(this.tag, 'compact', 1).format(n);
	};

	pct = (share: number | null | undefined, digits = 1): string => {
		if (share === null || share === undefined || Number.isNaN(share)) return '–';
		return numberFormat(this.tag, 'pct', digits).format(share);
	};

	/** 'YYYY-MM-DD' → localized date (UTC, so the day never shifts). */
	date = (iso: string | null | undefined): string => {
		if (!iso) return '–';
		const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
		if (Number.isNaN(d.getTime())) return iso;
		return dateFormat(this.tag, 'date').format(d);
	};

	month = (iso: string | null | undefined): string => {
		if (!iso) return '–';
		const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
		return dateFormat(this.tag, 'month').format(d);
	};
}
