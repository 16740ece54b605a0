import { Worker } from 'node:worker_threads';

export interface XmllintFile {
  fileName: string;
  contents: string;
}

export interface XmllintResult {
  valid: boolean;
  errors: string[];
}

interface Pending {
  resolve: (r: XmllintResult) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  // execArgv: [] so the thread does not inherit the parent's loader hooks (tsx, vitest): see xmllint-worker.cjs.
  const w = new Worker(new URL('./xmllint-worker.cjs', import.meta.url), { execArgv: [] });
  w.unref();
  w.on('message', (msg: { id: number; ok: true; valid: boolean; errors: string[] } | { id: number; ok: false; message: string }) => {
    const entry = pending.get(msg.id);
    if (!entry) return;
    pending.delete(msg.id);
    if (pending.size === 0) w.unref();
    if (msg.ok) entry.resolve({ valid: msg.valid, errors: msg.errors });
    else entry.reject(new Error(msg.message));
  });
  const failAll = (error: Error) => {
    if (worker === w) worker = null;
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };
  w.on('error', failAll);
  w.on('exit', (code) => failAll(new Error(`xmllint validation thread exited with code ${code}`)));
  worker = w;
  return w;
}

/**
 * Runs `xmllint --schema <schemas> --noout <xml>` (libxml2 compiled to WebAssembly, from xmllint-wasm) on
 * one long-lived thread shared by every simulator in the process. Documents are validated one after the
 * other in the order asked; the thread does not keep the process alive when idle.
 */
export function runXmllint(job: { xml: XmllintFile[]; schemas: XmllintFile[]; preload?: XmllintFile[]; maxMemoryPages: number }): Promise<XmllintResult> {
  const id = nextId++;
  return new Promise<XmllintResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const w = getWorker();
    w.ref();
    w.postMessage({ kind: 'connector-xmllint', id, xml: job.xml, schemas: job.schemas, preload: job.preload ?? [], maxMemoryPages: job.maxMemoryPages });
  });
}
