// One Web Connector session against quickbooks-js 1.0.0 in its own process: the same client
// (runWebConnectorSession) and QuickBooks simulator as for our server; the peer's CPU and peak RSS from /proc.
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWebConnectorSession, type QuickBooksProcessor, type SessionReport } from '@connector/qbwc-client';
import { cpuMsOf, peakRssOf } from './process-figures.ts';
import { unwrapQuickbooksJsResults } from './unwrap-quickbooks-js-results.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface PeerSessionFigures {
  report: SessionReport;
  /** The peer process's CPU over the session (user + system), ms. */
  cpuMs: number;
  peakRssBytes: number;
  rssAtStartBytes: number;
  /** What its qbXMLHandler saw: messages prepared, queued in all (iterator pages added), answers, error answers. */
  handler: { prepared: number; queued: number; answers: number; errors: number };
}

export async function runQuickbooksJsSession(messages: string[], simulator: QuickBooksProcessor): Promise<PeerSessionFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-quickbooks-js-'));
  const messagesFile = path.join(dir, 'messages.json');
  await writeFile(messagesFile, JSON.stringify(messages));
  const port = 50_000 + Math.floor(Math.random() * 10_000);
  const username = 'bench';
  const password = `bench-${process.pid}`;
  const peer = fork(path.join(here, 'quickbooks-js-server.cjs'), [], {
    // QB_COMPANY_FILE: the company file QuickBooks has open (authenticate's [1]). Left '' ("the open file", QBWC guide
    // p.62), soap 0.9.1 drops the empty string from the ArrayOfString and authenticate answers the ticket alone,
    // which the Web Connector cannot read; the path is the configuration quickbooks-js documents (web-service.js).
    env: {
      ...process.env,
      QB_SOAP_PORT: String(port),
      QB_USERNAME: username,
      QB_PASSWORD: password,
      QB_COMPANY_FILE: simulator.companyFilePath,
      PEER_MESSAGES_FILE: messagesFile,
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: [],
  });
  try {
    // quickbooks-js prints this line once its HTTP server listens (lib/server.js run()).
    await new Promise<void>((resolve, reject) => {
      let out = '';
      peer.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Quickbooks SOAP Server listening')) resolve();
      });
      peer.once('exit', (code) => reject(new Error(`quickbooks-js exited (${code}) before listening: ${out}`)));
    });
    const pid = peer.pid!;
    const rssAtStart = peakRssOf(pid);
    const cpuAtStart = cpuMsOf(pid);
    const report = await runWebConnectorSession({
      url: `http://127.0.0.1:${port}/wsdl`,
      username,
      password,
      processor: simulator,
      fetch: unwrapQuickbooksJsResults(),
    });
    const cpuMs = cpuMsOf(pid) - cpuAtStart;
    const peakRssBytes = peakRssOf(pid);
    const handler = await new Promise<PeerSessionFigures['handler']>((resolve) => {
      peer.once('message', (counts) => resolve(counts as PeerSessionFigures['handler']));
      peer.send('counts');
    });
    if (report.outcome !== 'completed') throw new Error(`quickbooks-js session ended ${report.outcome}: ${report.statusLine} ${report.errors.join('; ')}`);
    return { report, cpuMs, peakRssBytes, rssAtStartBytes: rssAtStart, handler };
  } finally {
    if (peer.exitCode === null && peer.signalCode === null) {
      const exited = new Promise((r) => peer.once('exit', r));
      peer.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  }
}
