// Hand-worked order fixtures shared by tests that check different things on the same rows: the
// derivations are written once, here.

// asOf 2024-07-01. Gaps: c 31 31 5, b 31, h 3 3, i 1 2 → sorted 1 2 3 3 5 31 31 31; the derived
// churn_after is their 90th percentile, nearest rank ceil(7.2) = 8 → 31 days.
// Expected next purchase (last + typical gap) and recency at 07-01:
//   c 05-07 + 31 = 06-07 (24 days overdue, within its grace of 31), recency 55
//   i 06-28 + 2 = 06-30, recency 3;  b 06-01 + 31 = 07-02, recency 30
//   h 06-16 + 3 = 06-19: 12 days overdue > grace 3, never due.
/** `createOrders` rows (customer, order, date, revenue, purchase): the churn fixture. */
export const CHURN_ORDERS = `
	('c', 'c1', DATE '2024-03-01', 10.0, true),
	('c', 'c2', DATE '2024-04-01', 10.0, true),
	('c', 'c3', DATE '2024-05-02', 10.0, true),
	('c', 'c4', DATE '2024-05-07', 10.0, true),
	('b', 'b1', DATE '2024-05-01', 10.0, true),
	('b', 'b2', DATE '2024-06-01', 10.0, true),
	('h', 'h1', DATE '2024-06-10', 10.0, true),
	('h', 'h2', DATE '2024-06-13', 10.0, true),
	('h', 'h3', DATE '2024-06-16', 10.0, true),
	('i', 'i1', DATE '2024-06-25', 10.0, true),
	('i', 'i2', DATE '2024-06-26', 10.0, true),
	('i', 'i3', DATE '2024-06-28', 10.0, true)`;

// Baskets with returns netted (the load's default):
//   1 c1 {A, B}; 2 c1 {A, C}; 3 c2 {A} (B bought and returned in the same order: net 0);
//   4 c2 {B, C}; 5 c3 {A, B}; C6 c3 a cancellation of A (net −1: no basket);
//   7 c4 {D} (a line without product left out); 8 c5 {B}.
// N = 7; A 4, B 4, C 2, D 1; {A,B} 2, {A,C} 1, {B,C} 1.
/** An order-lines CSV (through the load path): the basket fixture. */
export const BASKET_LINES_CSV = `customer_id,order_id,order_date,product,category,quantity,unit_price
c1,1,2024-01-05,A,X,1,2.00
c1,1,2024-01-05,B,X,2,3.00
c1,2,2024-01-10,A,X,1,2.00
c1,2,2024-01-10,C,Y,1,5.00
c2,3,2024-01-06,A,X,1,2.00
c2,3,2024-01-06,B,X,1,3.00
c2,3,2024-01-06,B,X,-1,3.00
c2,4,2024-01-07,B,X,1,3.00
c2,4,2024-01-07,C,Y,1,5.00
c3,5,2024-01-08,A,X,2,2.00
c3,5,2024-01-08,B,X,1,3.00
c3,C6,2024-01-09,A,X,-1,2.00
c4,7,2024-01-09,,,1,1.00
c4,7,2024-01-09,D,Y,1,4.00
c5,8,2024-01-09,B,X,1,3.00
`;
