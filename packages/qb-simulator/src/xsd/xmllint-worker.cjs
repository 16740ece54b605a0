// One long-lived validation thread for the QuickBooks simulator (see run-xmllint.ts).
//
// Why not xmllint-wasm's own validateXML: it starts a new worker thread for every document, and each
// worker pays Node's start-up, the module loader hooks of the parent (tsx under `pnpm soak`: ~1 s of CPU
// per worker) and a fresh WebAssembly compile. The simulator validates every request it receives, so
// that was most of the simulation harness's time (data safety). Here the wasm is compiled once and each
// document gets a fresh instance of xmllint's Emscripten program (its main() runs once per instance).
//
// Plain CommonJS on purpose: the thread starts with no loader hooks (execArgv: []).
'use strict';
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const programPath = require.resolve('xmllint-wasm/xmllint-node.js');
// Requiring the program also registers xmllint-wasm's own message listener on this thread; it ignores
// every message not tagged with its key, and ours are not.
const createXmllint = require(programPath);
const compiled = new WebAssembly.Module(readFileSync(join(dirname(programPath), 'xmllint.wasm')));

/** xmllint exit codes (xmllint.c): 0 valid, 3 validation error, 4 schema did not validate the document. */
function outcomeOf(exitCode) {
  if (exitCode === 0) return true;
  if (exitCode === 3 || exitCode === 4) return false;
  return null;
}

function errorsOf(stderr) {
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/ (validates|fails to validate)$/.test(line.trim()))
    .map((line) => {
      const [fileName, lineNumber, ...rest] = line.split(':');
      return fileName && lineNumber && rest.length ? rest.join(':').trim() : line;
    });
}

function runOnce(job) {
  return new Promise((resolve) => {
    let stderr = '';
    let settled = false;
    const finish = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    const args = [];
    for (const schema of job.schemas) args.push('--schema', schema.fileName);
    args.push('--noout');
    for (const doc of job.xml) args.push(doc.fileName);
    createXmllint({
      inputFiles: [...job.xml, ...job.schemas, ...job.preload],
      arguments: args,
      print() {},
      printErr(text) {
        stderr += `${text}\n`;
      },
      onExit(exitCode) {
        const valid = outcomeOf(exitCode);
        finish(
          valid === null
            ? { ok: false, message: `xmllint exited with ${exitCode}: ${stderr.slice(0, 2000)}` }
            : { ok: true, valid, errors: valid ? [] : errorsOf(stderr) },
        );
      },
      onAbort(reason) {
        finish({ ok: false, message: `xmllint aborted: ${reason}` });
      },
      wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: job.maxMemoryPages }),
      instantiateWasm(imports, onInstance) {
        WebAssembly.instantiate(compiled, imports).then(
          (instance) => onInstance(instance, compiled),
          (error) => finish({ ok: false, message: `xmllint could not start: ${error && error.message}` }),
        );
        return {};
      },
    }).catch((error) => finish({ ok: false, message: `xmllint failed: ${error && error.message}` }));
  });
}

parentPort.on('message', async (message) => {
  if (!message || message.kind !== 'connector-xmllint') return;
  const result = await runOnce(message);
  parentPort.postMessage({ kind: 'connector-xmllint', id: message.id, ...result });
});
