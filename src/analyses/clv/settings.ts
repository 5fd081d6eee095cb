// Settings of the customer value forecast (definitions in ./sql.ts).

export type ClvUnit = 'day' | 'week' | 'month';

/**
 * Days per unit of time. A month is a mean Gregorian month, 365.25 / 12 = 30.4375 days, so that
 * 12 months are one year and t_x, T stay continuous (as days / 7 are for weeks).
 */
export const UNIT_DAYS: Record<ClvUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

/** Days per year, for the default horizon and the discount rate per unit. */
export const YEAR_DAYS = 365.25;

export interface ClvSettings {
	/** Last day of the calibration period ('YYYY-MM-DD', inclusive); null: two thirds of the range. */
	calibrationEnd: string | null;
	unit: ClvUnit;
	/** Forecast horizon in units; null: one year (12 months) in the chosen unit. */
	horizon: number | null;
	/** Discount rate per year (0.1 = 10 %), converted to the unit as (1 + d)^(unit / year) − 1. */
	annualDiscount: number;
	/** L2 penalty on the BG/NBD parameters (lifetimes' penalizer_coef); 0 = plain maximum likelihood. */
	penalizer: number;
}

export const defaultClvSettings: ClvSettings = {
	calibrationEnd: null,
	unit: 'week',
	horizon: null,
	annualDiscount: 0.1,
	penalizer: 0
};

/** The horizon in units (the setting, or one year). */
export function horizonUnits(s: ClvSettings): number {
	return s.horizon ?? YEAR_DAYS / UNIT_DAYS[s.unit];
}

/** The discount rate per unit of time. */
export function discountPerUnit(s: ClvSettings): number {
	return Math.pow(1 + s.annualDiscount, UNIT_DAYS[s.unit] / YEAR_DAYS) - 1;
}

/**
 * Steps of the discounted sum over the horizon: one a month (at least one), whatever the unit,
 * so a daily unit does not cost 365 evaluations per customer group.
 */
export function discountSteps(s: ClvSettings): number {
	const days = horizonUnits(s) * UNIT_DAYS[s.unit];
	return Math.max(1, Math.round(days / UNIT_DAYS.month));
}

/** Throws on settings the SQL cannot honour (the section only sends valid ones). */
export function checkClvSettings(s: ClvSettings): void {
	if (s.calibrationEnd !== null && !/^\d{4}-\d{2}-\d{2}$/.test(s.calibrationEnd)) {
		throw new Error('clv: calibrationEnd must be YYYY-MM-DD');
	}
	if (!(s.unit in UNIT_DAYS)) throw new Error('clv: unit must be day, week or month');
	if (s.horizon !== null && !(Number.isFinite(s.horizon) && s.horizon > 0)) {
		throw new Error('clv: horizon must be a positive number');
	}
	if (!(Number.isFinite(s.annualDiscount) && s.annualDiscount >= 0 && s.annualDiscount < 10)) {
		throw new Error('clv: annualDiscount must be in [0, 10)');
	}
	if (!(Number.isFinite(s.penalizer) && s.penalizer >= 0)) {
		throw new Error('clv: penalizer must be ≥ 0');
	}
}
