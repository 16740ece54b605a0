// pnpm demo: the product working end to end on one machine, with no Windows, QuickBooks or Procore.
// Starts the server on the embedded database, sets up a demo company with Web Connector credentials,
// seeds a generated construction company file, and runs the Web Connector client against the server
// on a schedule (QBWC's "Auto-Run"), queueing reads and a few adds so sessions have work to do.
// The Procore side is the Procore simulator (seeded construction company): the demo company connects
// through its service account, registers webhooks and reconciles, and the simulator's webhook
// deliveries flow into the job runner.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '@connector/db';
import {
  companyFileKindOptions,
  DEFAULT_PROCESSING_TIME,
  generateCompanyFile,
  parseCompanyFileKind,
  QuickBooksSimulator,
  readCompanyFile,
  writeCompanyFile,
} from '@connector/qb-simulator';
import { renderProgressBar, runOnSchedule } from '@connector/qbwc-client';
import {
  connectServiceAccount,
  createCompany,
  enqueueRequest,
  getCompanySettings,
  listCompanies,
  setQbwcCredentials,
  updateCompanySettings,
} from '@connector/sync';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { loadOrCreateLocalTokenKey, resolveProcoreSettings } from '../procore/resolve-procore-settings.ts';
import { startDemoProcore } from '../procore/start-demo-procore.ts';
import { startDemoQbo } from '../qbo/start-demo-qbo.ts';
import { startSmtpCatcher, type CaughtMail } from '../mail/start-smtp-catcher.ts';

async function main() {
  // DEMO_QB_FILE=messy|multi-currency: the same generated company with realistic mess, or multi-currency on (issue 15),
  // each in a file of its own so switching kinds never mixes them. Checked before anything starts.
  const fileKind = parseCompanyFileKind(process.env.DEMO_QB_FILE, 'DEMO_QB_FILE');
  const port = process.env.PORT ?? '3000';
  const baseConfig = loadConfig({ ...process.env, PORT: port, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}` });
  // The demo keeps its own embedded database and company file, apart from `pnpm start`'s data.
  const dataDir = process.env.DATA_DIR ? baseConfig.dataDir : path.join(baseConfig.dataDir, 'demo');
  const everySeconds = Number(process.env.DEMO_EVERY_SECONDS ?? 20);
  await mkdir(dataDir, { recursive: true });
  // The daily summary e-mail (issue 18) goes to a local SMTP catcher unless SMTP is configured; each message it catches
  // is written to <data>/demo/caught-mail as .txt and .html, and the summary goes out from the first minute (hour 0 UTC).
  const mailDir = path.join(dataDir, 'caught-mail');
  const catcher = baseConfig.smtp
    ? null
    : await startSmtpCatcher({ port: Number(process.env.DEMO_SMTP_PORT ?? 0), onMessage: (mail) => void keepCaughtMail(mailDir, mail) });
  const config = {
    ...baseConfig,
    dataDir,
    databaseUrl: undefined,
    ...(catcher
      ? {
          smtp: {
            host: '127.0.0.1',
            port: catcher.port,
            secure: false,
            user: undefined,
            password: undefined,
            from: 'Connector demo <connector@demo.localhost>',
          },
          dailySummaryHourUtc: process.env.DAILY_SUMMARY_HOUR_UTC ? baseConfig.dailySummaryHourUtc : 0,
        }
      : {}),
  };

  const db = await openDatabase({ dataDir, owner: `pnpm demo (port ${config.port})` });
  const procore = await startDemoProcore({ port: process.env.PROCORE_SIM_PORT ? Number(process.env.PROCORE_SIM_PORT) : 0 });
  const procoreSettings = resolveProcoreSettings(config, await loadOrCreateLocalTokenKey(dataDir), procore.environments);
  // QuickBooks Online (issue 22): without QBO keys the Online edition connects to an in-process qbo-simulator.
  const qbo = config.qbo
    ? undefined
    : await startDemoQbo({ publicUrl: config.publicUrl, port: process.env.QBO_SIM_PORT ? Number(process.env.QBO_SIM_PORT) : 0 });
  const app = await buildApp({
    config: qbo ? { ...config, qbo: qbo.config } : config,
    db,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    procoreSettings,
    backgroundWork: true,
  });
  await app.listen({ port: config.port, host: config.host });

  const demoProcoreCompanyId = String(procore.simulator.companyId);
  const existing = (await listCompanies(db)).find((c) => c.procoreCompanyId === demoProcoreCompanyId);
  const company = existing ?? (await createCompany(db, { procoreCompanyId: demoProcoreCompanyId, name: 'Demo Construction Co', actor: 'demo' }));
  // Connect to the (simulated) Procore company as its service account, listen for changes, read it all.
  await connectServiceAccount(db, procoreSettings, { companyId: company.id, actor: 'demo' });
  await app.procore.registerWebhooks(company.id, 'demo');
  await app.procore.queueReconciliation(company.id, { full: true, actor: 'demo' });
  // Someone to e-mail the daily summary to: a demo accountant (members who sign in to the app get every role in demo mode).
  await addDemoAccountant(db, company.id);
  // A fresh password each start: the demo prints it; only its hash is stored.
  const { connection, password } = await setQbwcCredentials(db, { companyId: company.id, actor: 'demo' });

  const companyFilePath = path.join(dataDir, fileKind === 'clean' ? 'demo-company-file.json' : `demo-company-file-${fileKind}.json`);
  if (!existsSync(companyFilePath)) {
    process.stdout.write(`Generating a construction company file (seed 42${fileKind === 'clean' ? '' : `, ${fileKind}`})…\n`);
    await writeCompanyFile(
      companyFilePath,
      generateCompanyFile({
        seed: 42,
        companyName: 'Demo Construction Co',
        vendors: 250,
        customers: 12,
        jobsPerCustomer: 3,
        items: 60,
        classes: 6,
        bills: 1500,
        checks: 150,
        creditCardCharges: 100,
        ...companyFileKindOptions(fileKind),
      }),
    );
  }
  // QuickBooks' own processing time is modelled in the demo (qb-simulator processing-time.ts), so a sync shows QuickBooks' pace.
  const simulator = new QuickBooksSimulator({ company: await readCompanyFile(companyFilePath), processingTime: DEFAULT_PROCESSING_TIME });
  // Exports need an account for new cost-code items; the demo picks the file's subcontractor cost account
  // (and abbreviates the long CSI names) unless someone already chose otherwise.
  const subcontractors = simulator.company.accounts.find((a) => a.name === 'Subcontractors');
  if (subcontractors && !(await getCompanySettings(db, company.id)).itemExpenseAccount) {
    await updateCompanySettings(
      db,
      company.id,
      { itemExpenseAccount: { listId: subcontractors.listId, fullName: 'Job Expenses:Subcontractors' }, itemNameRule: 'abbreviate' },
      'demo',
    );
  }
  simulator.ensureFileId(config.qbwc.ownerId, connection.fileId); // what adding the .qwc to QBWC does

  const base = config.publicUrl;
  process.stdout.write(
    [
      '',
      'Procore × QuickBooks connector — demo',
      `  Server            ${base}  (health: ${base}/healthz)`,
      `  App               ${base}/app/?company_id=${demoProcoreCompanyId}  ("Sign in with Procore" signs in at the simulator; every member gets every role in demo mode)`,
      `  QBWC endpoint     ${base}/qbwc  (WSDL: ${base}/qbwc?wsdl)`,
      `  QuickBooks time   ${DEFAULT_PROCESSING_TIME.perRequestMs} ms a request + ${DEFAULT_PROCESSING_TIME.perRecordMs} ms a returned record (modelled)`,
      `  Demo company      ${company.name}  id ${company.id}`,
      `  .qwc file         ${base}/api/companies/${company.id}/qwc`,
      `  QBWC username     ${connection.username}`,
      `  QBWC password     ${password}   (shown once)`,
      `  Queue             ${base}/api/companies/${company.id}/requests`,
      `  Sessions          ${base}/api/companies/${company.id}/sessions`,
      `  Exports           ${base}/api/companies/${company.id}/exports/commitment  (POST …/send, …/approve with {"procoreIds":[…]})`,
      `  Exceptions        ${base}/api/companies/${company.id}/exports/exceptions`,
      `  Procore           simulator at ${procore.url} (company ${demoProcoreCompanyId}), connected as its service account`,
      `  Procore status    ${base}/api/companies/${company.id}/procore/connection`,
      `  Procore connect   ${base}/api/companies/${company.id}/procore/connect  (the connection popup, against the simulator; needs an admin signed in to the app)`,
      "  The JSON API needs the app's session cookie (sign in at the App URL first).",
      `  Company file      ${companyFilePath} (QuickBooks simulator, ${fileKind}; DEMO_QB_FILE=clean|messy|multi-currency)`,
      catcher
        ? `  Caught mail       ${mailDir}  (the daily summary, e-mailed to accountant@demo.example.com through an SMTP catcher on 127.0.0.1:${catcher.port}; summary: ${base}/api/companies/${company.id}/summary)`
        : `  Daily summary     e-mailed through ${config.smtp?.host} at ${config.dailySummaryHourUtc ?? 7}:00 UTC`,
      `  Web Connector     runs every ${everySeconds} s; Ctrl+C to stop`,
      '',
    ].join('\n'),
  );

  let tick = 0;
  const queueWork = async () => {
    tick += 1;
    const run = `${Date.now()}`;
    const queue = (request: Parameters<typeof enqueueRequest>[1]['request'], key: string) =>
      enqueueRequest(db, { companyId: company.id, request, dedupeKey: key, requestedBy: 'demo' });
    if (tick === 1) {
      await queue({ type: 'VendorQuery', iterator: 'Start', maxReturned: 100 }, 'demo:refresh-vendors');
      await queue({ type: 'CustomerQuery', iterator: 'Start', maxReturned: 100 }, 'demo:refresh-jobs');
      await queue({ type: 'ItemQuery', iterator: 'Start', maxReturned: 100 }, 'demo:refresh-items');
    }
    await queue({ type: 'VendorAdd', name: `Demo Subcontractor ${tick}`, companyName: `Demo Subcontractor ${tick} LLC` }, `demo:vendor:${tick}`);
    await queue({ type: 'BillQuery', iterator: 'Start', maxReturned: 200, includeLineItems: true }, `demo:job-costs:${run}`);
  };

  const controller = new AbortController();
  const stop = async () => {
    controller.abort();
    await app.close();
    await procore.close();
    await qbo?.close();
    await catcher?.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  await queueWork();
  await runOnSchedule({
    url: `${base}/qbwc`,
    username: connection.username,
    password,
    processor: simulator,
    everySeconds,
    signal: controller.signal,
    noOpDelayMs: 1000,
    onProgress: (percent) => process.stdout.write(`\r  ${renderProgressBar(percent)}`),
    onSession: async (report) => {
      await writeCompanyFile(companyFilePath, simulator.company);
      process.stdout.write(`\r${new Date().toLocaleTimeString()}  ${report.outcome.padEnd(10)} ${report.statusLine}\n`);
      await queueWork();
    },
  });
}

/** A caught e-mail as <time> <subject>.txt and .html, to open in an editor or a browser. */
async function keepCaughtMail(dir: string, mail: CaughtMail) {
  await mkdir(dir, { recursive: true });
  const name = `${mail.at.replace(/[:.]/g, '-')} ${mail.subject.replace(/[^\w -]+/g, '').slice(0, 80)}`.trim();
  await writeFile(path.join(dir, `${name}.txt`), `From: ${mail.from}\nTo: ${mail.to.join(', ')}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
  await writeFile(path.join(dir, `${name}.html`), mail.html);
  process.stdout.write(`\n  Caught an e-mail: ${mail.subject}\n    ${path.join(dir, `${name}.txt`)}\n`);
}

async function addDemoAccountant(db: Awaited<ReturnType<typeof openDatabase>>, companyId: string) {
  const user = await db.prisma.user.upsert({
    where: { procoreEnvironment_procoreUserId: { procoreEnvironment: 'production', procoreUserId: 'demo-accountant' } },
    create: { procoreEnvironment: 'production', procoreUserId: 'demo-accountant', login: 'accountant@demo.example.com', name: 'Demo Accountant' },
    update: {},
  });
  await db.prisma.companyMember.upsert({
    where: { companyId_userId: { companyId, userId: user.id } },
    create: { companyId, userId: user.id, roles: ['accountant'], rolesUpdatedBy: 'demo' },
    update: {},
  });
}

main().catch((error) => {
  process.stderr.write(`The demo could not run: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
