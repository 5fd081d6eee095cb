export type Cell = string | number | boolean | Date | null;
export type Row = Cell[] | { r: number; cells: Cell[] };
/** A zip archive of `entries`, deflated unless `store`. */
export function zip(
	entries: { name: string; data: string | Uint8Array; store?: boolean }[]
): Uint8Array;
/** Excel serial (1900 system) of a Date, in UTC. */
export function excelSerial(date: Date): number;
/** An .xlsx workbook of `sheets`. */
export function xlsx(sheets: { name: string; rows: Row[] }[]): Uint8Array;
/** A gzip bomb of `bytes` of CSV text (fixed-Huffman matches; CRC 0). */
export function gzipBomb(bytes: number): Uint8Array;
