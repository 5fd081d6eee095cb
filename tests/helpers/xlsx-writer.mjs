// A tiny zip and .xlsx writer for tests and the hostile corpus (Node only): real archives —
// deflated with node:zlib, CRC-32 checked — so the reader is tested on what Excel-like tools write.
import { deflateRawSync } from 'node:zlib';

const TABLE = (() => {
	const t = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c;
	}
	return t;
})();

function crc32(bytes) {
	let c = ~0;
	for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}

const utf8 = (s) => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

/** A zip archive of `entries` ({ name, data, store? }), deflated unless `store`. */
export function zip(entries) {
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const e of entries) {
		const name = utf8(e.name);
		const data = utf8(e.data);
		const packed = e.store ? data : new Uint8Array(deflateRawSync(data));
		const crc = crc32(data);
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true);
		local.setUint16(6, 0x800, true);
		local.setUint16(8, e.store ? 0 : 8, true);
		local.setUint32(14, crc, true);
		local.setUint32(18, packed.length, true);
		local.setUint32(22, data.length, true);
		local.setUint16(26, name.length, true);
		const central = new DataView(new ArrayBuffer(46));
		central.setUint32(0, 0x02014b50, true);
		central.setUint16(4, 20, true);
		central.setUint16(6, 20, true);
		central.setUint16(8, 0x800, true);
		central.setUint16(10, e.store ? 0 : 8, true);
		central.setUint32(16, crc, true);
		central.setUint32(20, packed.length, true);
		central.setUint32(24, data.length, true);
		central.setUint16(28, name.length, true);
		central.setUint32(42, offset, true);
		locals.push(new Uint8Array(local.buffer), name, packed);
		centrals.push(new Uint8Array(central.buffer), name);
		offset += 30 + name.length + packed.length;
	}
	const dirBytes = centrals.reduce((n, p) => n + p.length, 0);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, entries.length, true);
	end.setUint16(10, entries.length, true);
	end.setUint32(12, dirBytes, true);
	end.setUint32(16, offset, true);
	return concat([...locals, ...centrals, new Uint8Array(end.buffer)]);
}

function concat(parts) {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

const esc = (s) =>
	String(s).replace(
		/[<>&"]/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]
	);

const column = (i) => {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
};

/** Excel serial (1900 system) of a Date, in UTC. */
export function excelSerial(date) {
	return (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * An .xlsx workbook: `sheets` = [{ name, rows }], rows of cells: string (shared string), number,
 * boolean, Date (a serial with a date style, or date-time when it has a time), null (no cell).
 * Rows may be given as { r, cells } to skip row numbers.
 */
export function xlsx(sheets) {
	const strings = [];
	const index = new Map();
	const shared = (s) => {
		if (!index.has(s)) {
			index.set(s, strings.length);
			strings.push(s);
		}
		return index.get(s);
	};
	const sheetXml = (rows) => {
		const out = [];
		let r = 0;
		for (const row of rows) {
			const cells = Array.isArray(row) ? row : row.cells;
			r = Array.isArray(row) ? r + 1 : row.r;
			const xml = cells
				.map((v, i) => {
					const ref = `${column(i)}${r}`;
					if (v === null || v === undefined) return '';
					if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
					if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
					if (v instanceof Date) {
						const serial = excelSerial(v);
						const style = Number.isInteger(serial) ? 1 : 2;
						return `<c r="${ref}" s="${style}"><v>${serial}</v></c>`;
					}
					return `<c r="${ref}" t="s"><v>${shared(v)}</v></c>`;
				})
				.join('');
			out.push(`<row r="${r}">${xml}</row>`);
		}
		return (
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
			'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
			`<sheetData>${out.join('')}</sheetData></worksheet>`
		);
	};
	const sheetParts = sheets.map((s, i) => ({
		name: `xl/worksheets/sheet${i + 1}.xml`,
		data: sheetXml(s.rows)
	}));
	const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
	const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	return zip([
		{
			name: '[Content_Types].xml',
			data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
		},
		{
			name: 'xl/workbook.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns} xmlns:r="${rel}"><sheets>${sheets
				.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
				.join('')}</sheets></workbook>`
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
				.map(
					(_, i) =>
						`<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
				)
				.join('')}</Relationships>`
		},
		{
			name: 'xl/styles.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`
		},
		...sheetParts,
		{
			name: 'xl/sharedStrings.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?><sst ${ns} count="${strings.length}" uniqueCount="${strings.length}">${strings
				.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
				.join('')}</sst>`
		}
	]);
}

/**
 * A gzip bomb: a CSV header, one order line, then that line repeated by deflate matches (258
 * bytes per 2 bytes of file) until the text is `bytes` long. Built bit by bit in one fixed-Huffman
 * block, so it takes milliseconds to write however large it claims to be. The trailer's CRC is 0
 * (a reader that stops at its size cap never gets there; one that does not, fails at the end).
 */
export function gzipBomb(bytes) {
	const head = 'customer_id,order_date,amount\n';
	const line = 'C1,2024-01-05,10\n'; // 17 bytes: distance code 8, 3 extra bits (0)
	const matches = Math.ceil((bytes - head.length - line.length) / 258);
	const out = new Uint8Array(10 + 2 * matches + 200);
	out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
	let at = 10;
	let acc = 0;
	let n = 0;
	const put = (value, bits) => {
		acc |= value << n;
		n += bits;
		while (n >= 8) {
			out[at++] = acc & 0xff;
			acc >>>= 8;
			n -= 8;
		}
	};
	const reversed = (code, bits) => {
		let r = 0;
		for (let i = 0; i < bits; i++) r = (r << 1) | ((code >> i) & 1);
		return r;
	};
	put(1, 1); // last block
	put(1, 2); // fixed Huffman codes
	for (const c of head + line) put(reversed(0x30 + c.charCodeAt(0), 8), 8);
	const match = reversed(0xc5, 8) | (reversed(8, 5) << 8); // length 258, distance 17 (+3 bits 0)
	for (let i = 0; i < matches; i++) put(match, 16);
	put(0, 7); // end of block
	if (n > 0) put(0, 8 - n);
	const size = head.length + line.length + matches * 258;
	const trailer = new DataView(new ArrayBuffer(8));
	trailer.setUint32(4, size >>> 0, true);
	out.set(new Uint8Array(trailer.buffer), at);
	return out.subarray(0, at + 8);
}
