// Benchmark inputs in bench/data/ (gitignored): generated order logs and the real online-retail
// log, created only when missing.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export const SIZES = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000, '10m': 10_000_000 };
const RETAIL_GZ = '../shared/datasets/online_retail/online_retail.csv.gz';

/** Paths of the requested inputs, generating or unpacking each if missing. */
export async function ensureData(root, names) {
	const dir = join(root, 'bench/data');
	const out = [];
	for (const name of names) {
		if (name === 'retail') {
			const gz = join(root, RETAIL_GZ);
			if (!existsSync(gz)) {
				console.log(`skipping retail: ${RETAIL_GZ} not found`);
				continue;
			}
			const file = join(dir, 'online_retail.csv');
			if (!existsSync(file)) {
				console.log(`unpacking ${RETAIL_GZ} → bench/data/online_retail.csv`);
				await pipeline(createReadStream(gz), createGunzip(), createWriteStream(`${file}.tmp`));
				await rename(`${file}.tmp`, file);
			}
			out.push({ name, file, bytes: statSync(file).size });
			continue;
		}
		const lines = SIZES[name];
		if (!lines)
			throw new Error(`unknown size '${name}' (use ${Object.keys(SIZES).join(', ')}, retail)`);
		const file = join(dir, `orders-${name}.csv`);
		if (!existsSync(file)) {
			console.log(`generating bench/data/orders-${name}.csv (${lines} lines) …`);
			const tmp = `${file}.tmp`;
			const r = spawnSync(
				process.execPath,
				['scripts/generate-sample.mjs', '--lines', String(lines), '--out', tmp],
				{ cwd: root, stdio: 'inherit' }
			);
			if (r.status !== 0) throw new Error(`generator failed for ${name}`);
			await rename(tmp, file);
		}
		out.push({ name, file, bytes: statSync(file).size });
	}
	return out;
}
