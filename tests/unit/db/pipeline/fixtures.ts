// Small files for the load pipeline's tests, with the figures each test derives from them by hand.
import type { LoadInput } from '../../../../src/core/ingest/types';

/** `text` as a file the person gave. */
export function file(name: string, text: string): LoadInput {
	return { name, data: new TextEncoder().encode(text) };
}

/**
 * Six order lines: A buys twice (10.00, 4.50), B twice (25.50, 30.00), C returns 3.00, and the
 * last line has no customer id (12.00, after every other date).
 */
export const ORDERS = `order_id,order_date,customer_id,amount,region
1001,2024-01-05,A,10.00,North
1002,2024-01-20,B,25.50,South
1003,2024-02-03,A,4.50,North
1004,2024-02-10,C,-3.00,East
1005,2024-03-01,B,30.00,South
1006,2024-03-15,,12.00,West
`;

/** A customers file: A and B ordered, D never did (a prospect). */
export const CUSTOMERS = `customer_id,gender,region,signup_date
A,F,North,2023-12-01
B,M,South,2023-11-15
D,F,East,2024-01-10
`;

/** Neither orders nor customers: no customer id, no order date. */
export const PRODUCTS = `sku,name,colour
S1,Mug,red
S2,Towel,blue
`;
