/** A dimension the user can pick (breakdown, cohort split, filter). */
export interface DimensionOption {
	key: string;
	table: 'orders' | 'customers';
	column: string;
	label: string;
	numeric: boolean;
}
