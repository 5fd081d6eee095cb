/**
 * One worksheet's XML as CSV text, read in pieces (pure). Each sheet row becomes the CSV line of
 * the same number: rows the sheet skips (never filled) become blank lines, which the loader does
 * not count as records, so a rejected record's line is its row in Excel.
 *
 * Every line has the same number of fields — the width of the sheet's `<dimension>` or of the
 * widest of its first WIDTH_ROWS rows, whichever is larger — because the CSV reader rejects short
 * rows. A later row with values beyond that width keeps them, and is rejected with its row number
 * as having too many fields rather than cut silently.
 */
import { columnIndex, csvField, excelSerialToIso, isoCellDate, plainNumber } from './values';
import type { DateKind } from './values';
import { afterLastClose, attributes, elements, runText, xmlText } from './xml';

/** Rows held back to find the table's width before the first line is written. */
export const WIDTH_ROWS = 1000;

export interface SheetContext {
	strings: readonly string[];
	dateStyles: readonly (DateKind | null)[];
	date1904: boolean;
}

export class SheetToCsv {
	/** Rows with at least one non-empty cell. */
	rowsWithData = 0;
	private rest = '';
	private width = 0;
	private held: string[][] | null = [];
	private lastRow = 0;

	constructor(
		private readonly ctx: SheetContext,
		/** Receives the CSV text in order. */
		private readonly write: (csv: string) => void
	) {}

	/** Feed the next piece of the sheet's XML. */
	push(xml: string): void {
		const buf = this.rest + xml;
		if (this.lastRow === 0 && this.width === 0) {
			const dim = /<(?:[\w.-]+:)?dimension\s[^>]*ref="[A-Za-z]*\d*:?([A-Za-z]*)/.exec(buf);
			if (dim) this.width = columnIndex(dim[1] || 'A') + 1;
		}
		const cut = afterLastClose(buf, 'row');
		if (cut < 0) {
			this.rest = buf;
			return;
		}
		this.rows(buf.slice(0, cut));
		this.rest = buf.slice(cut);
	}

	/** The sheet is read: write what is held. */
	end(): void {
		this.rows(this.rest);
		this.rest = '';
		this.flush();
	}

	private rows(xml: string): void {
		for (const [a, inner] of elements(xml, 'row')) {
			const r = Number(attributes(a).r);
			const number = Number.isInteger(r) && r > this.lastRow ? r : this.lastRow + 1;
			const blanks = number - this.lastRow - 1;
			this.lastRow = number;
			for (let i = 0; i < blanks; i++) this.line([]);
			this.line(this.cells(inner));
		}
	}

	private cells(xml: string): string[] {
		const out: string[] = [];
		let next = 0;
		for (const [a, inner] of elements(xml, 'c')) {
			const attrs = attributes(a);
			const col = attrs.r ? columnIndex(attrs.r) : -1;
			const at = col >= 0 ? col : next;
			next = at + 1;
			const text = this.value(attrs, inner);
			if (text === '') continue;
			while (out.length < at) out.push('');
			out[at] = text;
		}
		return out;
	}

	private value(attrs: Record<string, string>, inner: string): string {
		const t = attrs.t ?? 'n';
		if (t === 'inlineStr') return runText(inner);
		const m = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(inner);
		const v = m ? xmlText(m[1]!) : '';
		if (v === '') return '';
		if (t === 's') return this.ctx.strings[Number(v)] ?? '';
		if (t === 'b') return v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
		const kind = this.ctx.dateStyles[Number(attrs.s ?? 0)] ?? null;
		if (t === 'd') return isoCellDate(v, kind);
		if (t !== 'n') return v; // 'str' (a formula's text), 'e' (#N/A …)
		if (kind) return excelSerialToIso(Number(v), kind, this.ctx.date1904) ?? plainNumber(v);
		return plainNumber(v);
	}

	private line(cells: string[]): void {
		if (cells.length > 0) this.rowsWithData++;
		if (this.held) {
			this.held.push(cells);
			if (this.held.length >= WIDTH_ROWS) this.flush();
			return;
		}
		this.write(this.text(cells));
	}

	/** Fix the width from the rows held, and write them. */
	private flush(): void {
		if (!this.held) return;
		for (const cells of this.held) this.width = Math.max(this.width, cells.length);
		const held = this.held;
		this.held = null;
		this.write(held.map((cells) => this.text(cells)).join(''));
	}

	private text(cells: string[]): string {
		if (cells.length === 0) return '\n';
		const fields = cells.map(csvField);
		while (fields.length < this.width) fields.push('');
		return fields.join(',') + '\n';
	}
}
