// `node --import tsx bench/run-import-bench.mts [pglite|postgres]`: the import benchmark on its own.
import { mkdir, writeFile } from 'node:fs/promises';
import { benchImport } from './bench-import.ts';
const kind = (process.argv[2] ?? 'postgres') as 'pglite' | 'postgres';
const figures = await benchImport(kind);
console.log(JSON.stringify(figures, null, 2));
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL(`./results/import-${kind}.json`, import.meta.url), `${JSON.stringify(figures, null, 2)}\n`);
process.exit(0);
