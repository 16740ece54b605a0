// `pnpm --filter @connector/bench bench:hostile [label]`: hostile input item 1 on its own — what large bodies with a
// made-up ticket cost the server (CPU, /healthz p99, peak RSS). Writes bench/results/hostile-bodies-<label>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { benchHostileBodies } from './bench-hostile-bodies.ts';

const label = process.argv[2] ?? 'latest';
const figures = { at: new Date().toISOString(), label, ...(await benchHostileBodies()) };
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
for (const s of figures.scenarios) {
  console.log(
    `${s.scenario.padEnd(10)} server CPU ${(s.serverCpuMs / 1000).toFixed(2)} s; /healthz p99 ${s.healthz.p99Ms} ms (max ${s.healthz.maxMs} ms, ${s.healthz.calls} calls, ${s.healthz.failed} failed); ` +
      `peak RSS ${mb(s.peakRssBytes)} (at start ${mb(s.rssAtStartBytes)}); answers ${s.answers.map((a) => `${a.status ?? a.error} in ${(a.ms / 1000).toFixed(1)} s (${mb(a.sentBytes)} sent in ${(a.sendMs / 1000).toFixed(1)} s)`).join(', ')}`,
  );
}
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL(`./results/hostile-bodies-${label}.json`, import.meta.url), `${JSON.stringify(figures, null, 2)}\n`);
process.exit(0);
