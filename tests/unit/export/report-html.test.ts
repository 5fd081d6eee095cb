// @vitest-environment jsdom
// The report's HTML (issue 20): every text from data or the user is text in the document, never
// markup — hostile titles, notes, headers, values, KPI labels, SQL, file names — and the output
// holds no script, no event-handler attribute and no external URL. Checked on the text and on the
// document a browser parser builds from it.
import { describe, expect, it } from 'vitest';
import { escapeHtml, reportHtml, type ReportDoc } from '../../../src/export/report-html';
import { cleanSvg } from '../../../src/export/report-svg';
import { reportFilename } from '../../../src/ui/report/doc';

const PAYLOADS = [
	'<img src=x onerror=alert(1)>',
	'<script>alert(2)</script>',
	'<svg onload=alert(4)>',
	'"><iframe src="https://evil.example/"></iframe>',
	"' onmouseover='alert(5)",
	'</style><script>alert(6)</script>',
	'</textarea></title><script>alert(7)</script>',
	'javascript:alert(3)',
	'<a href="http://evil.example/">x</a>',
	'<!-- <script>alert(8)</script> -->',
	'&lt;script&gt;alert(9)&lt;/script&gt;',
	'\u202eevil\u202c عربي 🛒'
];
const P = PAYLOADS.join(' | ');

function hostileDoc(): ReportDoc {
	return {
		lang: 'en-US',
		title: `Report ${P}`,
		note: `First paragraph ${P}\n\nSecond ${PAYLOADS[0]}`,
		byline: `Made ${P}`,
		scope: [{ label: `Files ${P}`, value: `${PAYLOADS[1]}.csv` }],
		sections: [
			{
				id: `x" onclick="alert(1)`,
				title: `Section ${P}`,
				takeaway: `${PAYLOADS[2]} brings the most revenue`,
				method: `Method ${P}`,
				blocks: [
					{ kind: 'kpis', items: [{ label: PAYLOADS[3]!, value: PAYLOADS[4]! }] },
					{
						kind: 'table',
						table: {
							caption: PAYLOADS[5]!,
							head: PAYLOADS.slice(0, 3),
							numeric: [false, true, false],
							rows: [PAYLOADS.slice(3, 6), PAYLOADS.slice(6, 9)],
							more: PAYLOADS[9]!
						}
					},
					{ kind: 'text', text: P },
					{ kind: 'code', text: `SELECT '${PAYLOADS[1]}'` }
				]
			},
			{ id: 'b', title: PAYLOADS[10]!, takeaway: null, method: null, blocks: [] }
		],
		attachments: [{ name: `${PAYLOADS[0]}.csv`, label: PAYLOADS[1]!, csv: `a,b\r\n${P},1\r\n` }],
		labels: { scope: P, contents: P, method: P, attachments: P }
	};
}

function parse(html: string): Document {
	return new DOMParser().parseFromString(html, 'text/html');
}

describe('reportHtml', () => {
	const html = reportHtml(hostileDoc());
	const doc = parse(html);

	it('holds no script, no event-handler attribute and no markup made from a value', () => {
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<iframe/i);
		expect(html).not.toMatch(/<img/i);
		expect(doc.querySelectorAll('script, iframe, img, object, embed, svg, base').length).toBe(0);
		for (const el of Array.from(doc.querySelectorAll('*'))) {
			for (const attr of Array.from(el.attributes)) {
				expect(attr.name, `${el.tagName} ${attr.name}`).not.toMatch(/^on/i);
			}
		}
		// No attribute-level injection: the section id stayed one attribute value.
		expect(doc.querySelector('[data-section]')?.getAttribute('data-section')).toBe(
			'x" onclick="alert(1)'
		);
	});

	it('has no external URL: every href is a data: attachment, and a CSP forbids requests', () => {
		for (const el of Array.from(doc.querySelectorAll('[href], [src], [action], [srcset]'))) {
			expect(el.getAttribute('href') ?? '').toMatch(/^data:text\/csv;/);
		}
		expect(html).not.toMatch(/\b(?:src|href|action)\s*=\s*["']?(?:https?:|\/\/|javascript:)/i);
		expect(html).not.toMatch(/url\(/i);
		expect(html).not.toMatch(/@import/i);
		const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
		expect(csp?.getAttribute('content')).toContain("default-src 'none'");
	});

	it('shows every hostile value as the text it is', () => {
		const text = doc.body.textContent ?? '';
		for (const p of PAYLOADS) expect(text).toContain(p);
		expect(doc.title).toBe(`Report ${P}`);
		expect(doc.querySelector('h1')?.textContent).toBe(`Report ${P}`);
		const head = Array.from(doc.querySelectorAll('th')).map((th) => th.textContent);
		expect(head).toEqual(PAYLOADS.slice(0, 3));
		const cells = Array.from(doc.querySelectorAll('td')).map((td) => td.textContent);
		expect(cells).toEqual(PAYLOADS.slice(3, 9));
		expect(doc.querySelector('td:nth-child(2)')?.className).toBe('num');
		expect(doc.querySelector('pre')?.textContent).toBe(`SELECT '${PAYLOADS[1]}'`);
		expect(doc.querySelectorAll('.r-note p').length).toBe(2);
	});

	it('embeds an attachment as a CSV data: URL with a text file name', () => {
		const a = doc.querySelector('a[download]');
		expect(a?.getAttribute('download')).toBe(`${PAYLOADS[0]}.csv`);
		const href = a?.getAttribute('href') ?? '';
		expect(href).toMatch(/^data:text\/csv;charset=utf-8;base64,[A-Za-z0-9+/=]+$/);
		const csv = Buffer.from(href.slice(href.indexOf(',') + 1), 'base64').toString('utf8');
		expect(csv).toBe(`a,b\r\n${P},1\r\n`);
	});

	it('inlines its CSS with print rules and system fonts only', () => {
		const style = doc.querySelector('style')?.textContent ?? '';
		expect(style).toContain('@page');
		expect(style).toContain('break-inside: avoid');
		expect(style).toContain('print-color-adjust: exact');
		expect(style).toContain('PingFang SC');
		expect(style).not.toMatch(/@font-face|url\(/);
		expect(doc.querySelectorAll('link').length).toBe(0);
	});

	it('prints on Letter when asked', () => {
		expect(reportHtml({ ...hostileDoc(), paper: 'letter' })).toContain('@page { size: letter; }');
	});
});

describe('escapeHtml', () => {
	it('escapes the five markup characters and drops characters XML forbids', () => {
		expect(escapeHtml(`<a href="x">'&'</a>\u0000\u000b`)).toBe(
			'&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'
		);
	});
});

describe('reportFilename', () => {
	it('keeps no path, markup or reserved character from a hostile title', () => {
		const name = reportFilename(`../<script>alert(1)</script>/orders:*?.csv`);
		expect(name).toMatch(/\.html$/);
		expect(name).not.toMatch(/[<>/\\:*?"|]/);
	});
});

describe('cleanSvg', () => {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="300" height="150" onload="alert(1)">
<script>alert(2)</script>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
<a href="https://evil.example/"><text>link</text></a>
<image href="https://evil.example/x.png" width="10" height="10"/>
<use xlink:href="https://evil.example/s.svg#a"/>
<rect width="10" height="10" fill="url(https://evil.example/#p)" onclick="alert(3)" clip-path="url(#c)"/>
<text x="1" y="2">&lt;script&gt;alert(4)&lt;/script&gt; xmlns="http://x"</text>
</svg>`;
	const out = cleanSvg(svg);

	it('keeps the drawing and its text, drops what could run or fetch', () => {
		expect(out).not.toMatch(/<script|foreignObject|<image|<use|<a\b|onload|onclick|evil/i);
		expect(out).not.toMatch(/w3\.org/);
		// A label that reads like a namespace declaration is text, and stays.
		expect(out).toContain('xmlns="http://x"</text>');
		expect(out).toContain('clip-path="url(#c)"');
		expect(out).toContain('&lt;script&gt;alert(4)&lt;/script&gt;');
		expect(out).toContain('viewBox="0 0 300 150"');
		expect(out).not.toMatch(/^<svg[^>]*xmlns/);
	});

	it('refuses text that is not SVG', () => {
		expect(() => cleanSvg('<html><body>x</body></html>')).toThrow(/not an SVG/);
	});
});
