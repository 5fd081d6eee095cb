// `npm start`: build the site with the sample set to load on open, then serve it locally.
// The served page is the same static build as GitHub Pages, plus the embedded default data set.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '4173';
// Its own output folder, so the sample-autoloading build never replaces dist/ (which the browser
// tests and GitHub Pages use).
const outDir = 'node_modules/.clientele-start';
const run = (cmd, args, env = {}) =>
	new Promise((resolve, reject) => {
		const p = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
		p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
	});

await run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
	VITE_AUTOLOAD_SAMPLE: '1'
});
console.log(`\n  Clientele is running: http://127.0.0.1:${port}/  (sample data loads on open)\n`);
await run('npx', [
	'vite',
	'preview',
	'--host',
	'127.0.0.1',
	'--port',
	port,
	'--strictPort',
	'--outDir',
	outDir
]);
