// The fictional shop: products, regions, channels and the latent customer segments that drive
// who buys what, where and how often. All the behavioural knobs of the generator live here.

/** [name, category, list price in 2022, popularity] — names kept short to keep the CSV small. */
export const PRODUCTS = [
	['Espresso Beans 1kg', 'Coffee', 24.99, 5],
	['Filter Coffee 500g', 'Coffee', 12.99, 6],
	['Green Tea Tin', 'Coffee', 9.99, 4],
	['Chai Latte Mix', 'Coffee', 7.49, 3],
	['Coffee Pods x50', 'Coffee', 17.99, 5],
	["Chef's Knife", 'Kitchen', 59.99, 2],
	['Cast Iron Pan', 'Kitchen', 44.99, 2],
	['Ceramic Mug', 'Kitchen', 11.99, 6],
	['French Press', 'Kitchen', 29.99, 3],
	['Cutting Board', 'Kitchen', 19.99, 3],
	['Linen Sheet Set', 'Home', 89.99, 2],
	['Bath Towel', 'Home', 14.99, 5],
	['Throw Blanket', 'Home', 39.99, 3],
	['Cushion Cover', 'Home', 12.99, 4],
	['Bathrobe', 'Home', 54.99, 2],
	['Hand Cream', 'Beauty', 8.99, 6],
	['Face Serum', 'Beauty', 29.99, 3],
	['Shampoo Bar', 'Beauty', 9.49, 4],
	['Lip Balm Set', 'Beauty', 6.99, 4],
	['Body Lotion', 'Beauty', 13.99, 4],
	['USB-C Cable 2m', 'Tech', 9.99, 6],
	['Wireless Charger', 'Tech', 29.99, 3],
	['BT Speaker', 'Tech', 49.99, 2],
	['ANC Headphones', 'Tech', 149.99, 1],
	['Power Bank', 'Tech', 34.99, 3],
	['Notebook A5', 'Office', 12.49, 5],
	['Fountain Pen', 'Office', 34.99, 2],
	['Gel Pens x10', 'Office', 8.99, 5],
	['Desk Planner', 'Office', 19.99, 3],
	['Washi Tape Set', 'Office', 7.99, 3],
	['Wooden Puzzle', 'Toys', 19.99, 3],
	['Card Game', 'Toys', 14.99, 4],
	['Building Blocks', 'Toys', 39.99, 2],
	['Plush Bear', 'Toys', 24.99, 3],
	['Board Game', 'Toys', 34.99, 2],
	['Herb Seed Kit', 'Garden', 11.99, 4],
	['Watering Can', 'Garden', 22.99, 2],
	['Garden Gloves', 'Garden', 9.99, 4],
	['Solar Lantern', 'Garden', 27.99, 2],
	['Plant Pot Set', 'Garden', 18.99, 3]
];
export const CATEGORIES = [
	'Coffee',
	'Kitchen',
	'Home',
	'Beauty',
	'Tech',
	'Office',
	'Toys',
	'Garden'
];

/** Category demand by month (rows = categories in CATEGORIES order, Jan … Dec). */
export const CATEGORY_SEASON = [
	[1.2, 1.1, 1, 1, 0.9, 0.8, 0.8, 0.8, 1, 1.1, 1.1, 1.2],
	[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.4],
	[1.3, 1.2, 1, 0.9, 0.8, 0.8, 0.8, 0.8, 1, 1.2, 1.3, 1.4],
	[1, 1.2, 1, 1, 1.1, 1.1, 1.1, 1, 1, 1, 1.1, 1.4],
	[0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1, 1, 1, 1.6, 1.6],
	[1.5, 1, 0.9, 0.8, 0.8, 0.8, 0.8, 1.5, 1.4, 1, 0.9, 1],
	[0.6, 0.6, 0.8, 0.9, 0.8, 0.8, 0.9, 0.8, 0.8, 1, 1.6, 2.4],
	[0.3, 0.5, 1.4, 2.2, 2.2, 1.8, 1.2, 0.8, 0.6, 0.4, 0.3, 0.3]
];
/** List prices rise on 1 January: cumulative factor per year of the window. */
export const PRICE_INDEX = { 2022: 1, 2023: 1.04, 2024: 1.07 };
export const SALE_DISCOUNT = 0.8;
export const MARKETPLACE_MARKUP = 1.05;

export const REGIONS = ['North', 'South', 'East', 'West', 'Central'];
export const CHANNELS = ['web', 'app', 'store', 'marketplace'];
export const STORE = 2;
export const APP = 1;

/**
 * Latent segments. rate: Gamma(shape, mean) purchase rate per 100 days while alive;
 * dropout: Beta(a, b) probability of dropping out after each purchase (BG/NBD);
 * appDrift: chance per repeat order that the customer's habitual channel becomes the app.
 */
export const SEGMENTS = [
	{
		name: 'deal',
		share: 0.35,
		rate: { shape: 0.9, mean: 1.8 },
		dropout: { a: 1.4, b: 1.8 },
		region: [0.22, 0.26, 0.2, 0.14, 0.18],
		channel: [0.38, 0.08, 0.14, 0.4],
		basket: [0.42, 0.27, 0.16, 0.08, 0.05, 0.02],
		priceElasticity: -0.6,
		appDrift: 0.03,
		cancelRate: 0.028
	},
	{
		name: 'mainstream',
		share: 0.5,
		rate: { shape: 1.1, mean: 4 },
		dropout: { a: 1.2, b: 3.3 },
		region: [0.2, 0.2, 0.22, 0.18, 0.2],
		channel: [0.42, 0.14, 0.34, 0.1],
		basket: [0.32, 0.26, 0.19, 0.12, 0.07, 0.04],
		priceElasticity: -0.1,
		appDrift: 0.05,
		cancelRate: 0.018
	},
	{
		name: 'premium',
		share: 0.15,
		rate: { shape: 1.6, mean: 6.5 },
		dropout: { a: 1.0, b: 5.0 },
		region: [0.14, 0.12, 0.2, 0.28, 0.26],
		channel: [0.34, 0.22, 0.4, 0.04],
		basket: [0.24, 0.24, 0.2, 0.15, 0.1, 0.07],
		priceElasticity: 0.35,
		appDrift: 0.07,
		cancelRate: 0.015
	}
];
/** Customers first reached during a sale are more often bargain hunters. */
export const SALE_SEGMENT_SHARE = [0.55, 0.37, 0.08];

/** Hour-of-day weights per channel (index = hour); the stores open 9–20 and close on Sundays. */
export const HOURS = [
	[1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2, 2.5, 3, 3, 3.5, 3, 3, 3, 3, 3.5, 4, 5, 6, 6, 4.5, 2.5],
	[
		1.5, 0.8, 0.4, 0.2, 0.2, 0.5, 1.5, 3.5, 4, 3, 2.5, 2.5, 3.5, 3, 2.5, 2.5, 3, 3.5, 4, 5, 6, 6.5,
		5.5, 3
	],
	[0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 4, 5, 4.5, 4, 4, 4.5, 5.5, 6, 4, 2, 0, 0, 0],
	[
		1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2, 2.5, 3, 3, 3.5, 3, 3, 3, 3, 3.5, 4, 5, 5.5, 5.5, 4,
		2.5
	]
];

/** A product's shelf price in a year: list price × price index, rounded to x.49 / x.99. */
export function shelfPrice(list, year) {
	return Math.round(list * PRICE_INDEX[year] * 2) / 2 - 0.01;
}
