// Debian's Chromium as the measurement scripts (bench, measure-load, measure-memory, screenshot)
// and the browser tests (tests/e2e/helpers/browser.ts) launch it, and the renderer memory the
// scripts read from /proc.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags the brief asks for: headless in a sandbox-less container, nothing phoning home. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** Renderer processes of the browser started with `profile` (walks the process tree). */
export function rendererPids(profile) {
	const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
		.split('\n')
		.map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
		.filter(Boolean)
		.map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
	const root = rows.find((r) => r.args.includes(profile) && !r.args.includes('--type='));
	if (!root) return [];
	const tree = new Set([root.pid]);
	for (let grew = true; grew;) {
		grew = false;
		for (const r of rows)
			if (tree.has(r.ppid) && !tree.has(r.pid)) {
				tree.add(r.pid);
				grew = true;
			}
	}
	return rows
		.filter((r) => tree.has(r.pid) && r.args.includes('--type=renderer'))
		.map((r) => r.pid);
}

/** A process's peak (VmHWM) and current (VmRSS) resident memory in kB; null once it ended. */
export function processMemory(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
		return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
	} catch {
		return null;
	}
}
