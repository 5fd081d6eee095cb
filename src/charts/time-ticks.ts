// Time axis ticks in the chart's language. Plot formats time ticks with d3's English-only
// formats ('Jan', 'Feb' … under a year), so a Chinese page showed English month names. This
// formatter follows Plot's own scheme — the coarsest calendar unit every tick falls on, a second
// line (the year under months, the month under days) only where it changes — but writes each
// part with Intl.DateTimeFormat in the given locale: '1月' / '2024年' in zh-CN, 'Jan' / '2024' in en.

/** Where the axis sits; the second line goes under (bottom), over (top) or beside the first. */
export type TimeAxisAnchor = 'top' | 'bottom' | 'left' | 'right';

type Unit = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

const DAY = 86_400_000;
/** Largest tick step at which a unit is still used (Plot's time.js: day 6 months, hour 3 days…). */
const MAX_STEP: Record<Unit, number> = {
	year: Infinity,
	month: Infinity,
	day: 6 * 30 * DAY,
	hour: 3 * DAY,
	minute: 6 * 3_600_000,
	second: 30 * 60_000
};
const UNITS: Unit[] = ['year', 'month', 'day', 'hour', 'minute', 'second'];

/** Intl options of each unit's first line and, where there is one, its second line. */
const PARTS: Record<Unit, [Intl.DateTimeFormatOptions, Intl.DateTimeFormatOptions | null]> = {
	year: [{ year: 'numeric' }, null],
	month: [{ month: 'short' }, { year: 'numeric' }],
	day: [{ day: 'numeric' }, { month: 'short' }],
	hour: [{ hour: 'numeric' }, { month: 'short', day: 'numeric' }],
	minute: [
		{ hour: 'numeric', minute: '2-digit' },
		{ month: 'short', day: 'numeric' }
	],
	second: [
		{ hour: 'numeric', minute: '2-digit', second: '2-digit' },
		{ month: 'short', day: 'numeric' }
	]
};

interface Fields {
	month: number;
	date: number;
	hours: number;
	minutes: number;
	seconds: number;
	ms: number;
}

function fields(d: Date, utc: boolean): Fields {
	return utc
		? {
				month: d.getUTCMonth(),
				date: d.getUTCDate(),
				hours: d.getUTCHours(),
				minutes: d.getUTCMinutes(),
				seconds: d.getUTCSeconds(),
				ms: d.getUTCMilliseconds()
			}
		: {
				month: d.getMonth(),
				date: d.getDate(),
				hours: d.getHours(),
				minutes: d.getMinutes(),
				seconds: d.getSeconds(),
				ms: d.getMilliseconds()
			};
}

function fallsOn(unit: Unit, f: Fields): boolean {
	const second = f.ms === 0;
	const minute = second && f.seconds === 0;
	const hour = minute && f.minutes === 0;
	const day = hour && f.hours === 0;
	const month = day && f.date === 1;
	return { year: month && f.month === 0, month, day, hour, minute, second }[unit];
}

/** The coarsest unit all `dates` fall on, within its largest step; null when none fits. */
export function tickUnit(dates: readonly Date[], utc = true): Unit | null {
	let step = 0;
	for (let i = 1; i < dates.length; i++) {
		step = Math.max(step, Math.abs(dates[i]!.getTime() - dates[i - 1]!.getTime()));
	}
	const all = dates.map((d) => fields(d, utc));
	for (const unit of UNITS) {
		if (step > MAX_STEP[unit]) break;
		if (all.every((f) => fallsOn(unit, f))) return unit;
	}
	return null;
}

function toDate(value: unknown): Date | null {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
	return null;
}

/**
 * A Plot `tickFormat` for a time scale: (tick, index, all ticks) → the tick's text in `locale`,
 * on one or two lines ('\n'). `utc` reads the dates in UTC (Plot's 'utc' scale, the analyses'
 * dates) or in local time (a 'time' scale).
 */
export function localeTimeTickFormat(
	locale: string,
	options: { utc?: boolean; anchor?: TimeAxisAnchor } = {}
): (value: unknown, i: number, ticks?: readonly unknown[]) => string {
	const utc = options.utc ?? true;
	const anchor = options.anchor ?? 'bottom';
	const cache = new Map<string, Intl.DateTimeFormat>();
	const format = (opts: Intl.DateTimeFormatOptions, d: Date) => {
		const key = JSON.stringify(opts);
		let f = cache.get(key);
		if (!f) {
			f = new Intl.DateTimeFormat(locale, { ...opts, timeZone: utc ? 'UTC' : undefined });
			cache.set(key, f);
		}
		return f.format(d);
	};
	let unitOf: { ticks: readonly unknown[]; unit: Unit | null } | null = null;
	return (value, i, ticks) => {
		const d = toDate(value);
		if (!d) return value === null || value === undefined ? '' : String(value);
		const all = ticks ?? [value];
		if (unitOf?.ticks !== all) {
			const dates = all.map(toDate).filter((x): x is Date => x !== null);
			unitOf = { ticks: all, unit: tickUnit(dates, utc) };
		}
		const unit = unitOf.unit;
		if (!unit) return d.toISOString().replace(/T00:00:00(\.000)?Z$/, '');
		const [first, second] = PARTS[unit];
		const f1 = format(first, d);
		if (!second) return f1;
		const f2 = format(second, d);
		const prev = i > 0 ? toDate(all[i - 1]) : null;
		if (prev && format(second, prev) === f2) return f1;
		return anchor === 'top'
			? `${f2}\n${f1}`
			: anchor === 'bottom'
				? `${f1}\n${f2}`
				: `\n${f1}\n${f2}`;
	};
}
