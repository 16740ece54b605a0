import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DatabaseLockedError, openDatabase, type Database } from '@connector/db';
import {
  buildCompanyQwc,
  createCompany,
  enqueueRequest,
  isAppError,
  listCompanies,
  listRequests,
  listSessions,
  getProcoreConnection,
  rebindCompanyFile,
  reencryptProcoreTokens,
  reencryptQboTokens,
  unlockQbwcSignIn,
  REQUEST_STATUSES,
  setQbwcCredentials,
  type ProcoreEnvironment,
  type RequestStatus,
} from '@connector/sync';
import { ConfigError, loadConfig } from '../config.ts';
import { resolveProcoreSettings } from '../procore/resolve-procore-settings.ts';

const HELP = `Connector admin CLI — headless set-up and support.

Usage: pnpm admin <command> [options]

Commands:
  create-company --procore-id <n> --name <text> [--env production|sandbox|monthly_sandbox]
      Set up a Procore company in the connector. Prints its id.
  list-companies
      Companies with their Web Connector username, bound company file and last contact.
  set-password --company <id> [--username <name>]
      Create or rotate the company's Web Connector credentials. The password is printed ONCE;
      type it into the Web Connector. Rotating keeps the FileID, so the .qwc stays valid.
  print-qwc --company <id> [--out <file.qwc>]
      Print (or save) the .qwc file to add to the QuickBooks Web Connector.
  rebind --company <id>
      Forget the bound QuickBooks company file; the next session binds to the file that is open.
  unlock --company <id>
      Clear the company's failed Web Connector sign-ins from every address, so a paused address can
      sign in again at once (each address is paused, never locked, after a few wrong passwords).
  enqueue --company <id> --request '<json>' [--key <dedupe key>]
      Queue one qbXML request (packages/qbxml request spec as JSON), e.g.
      --request '{"type":"VendorQuery","maxReturned":100}'
  list-requests --company <id> [--status ${REQUEST_STATUSES.join('|')}] [--limit <n>]
  list-sessions --company <id> [--limit <n>]
  procore-status --company <id>
      The Procore connection: status, who connected, token expiry, webhooks, last reconciliation.
  reencrypt-tokens
      After adding a new key first in TOKEN_ENCRYPTION_KEYS: rewrite stored Procore and QuickBooks Online tokens under it,
      so the old key can then be removed.

Options:
  --json    machine-readable output
  --help    this text

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded database, default ./data), PUBLIC_URL.
`;

const OPTIONS = {
  help: { type: 'boolean' },
  json: { type: 'boolean' },
  'procore-id': { type: 'string' },
  name: { type: 'string' },
  env: { type: 'string' },
  company: { type: 'string' },
  username: { type: 'string' },
  out: { type: 'string' },
  request: { type: 'string' },
  key: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
} as const;

/** What a command has to work with: the database, the configuration, the options given, and how to answer. */
interface CommandContext {
  db: Database;
  config: ReturnType<typeof loadConfig>;
  values: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];
  /** The human text, or with --json the data. */
  print: (human: string, data: unknown) => void;
  /** An option the command cannot do without (else a usage error naming it). */
  need: (name: 'company' | 'procore-id' | 'name' | 'request') => string;
  actor: string;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const command = positionals[0];
  if (values.help || !command || command === 'help') {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, poolMax: config.databasePoolMax, dataDir: config.dataDir, owner: `pnpm admin ${command}` });
  const print = (human: string, data: unknown) => process.stdout.write(values.json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
  const need = (name: 'company' | 'procore-id' | 'name' | 'request') => {
    const value = values[name];
    if (!value) throw new UsageError(`--${name} is required for ${command}`);
    return value;
  };
  const actor = `admin-cli:${process.env.USER ?? 'unknown'}`;
  try {
    const handler = COMMANDS.get(command);
    if (!handler) throw new UsageError(`Unknown command "${command}". Run pnpm admin --help.`);
    await handler({ db, config, values, print, need, actor });
    return 0;
  } finally {
    await db.close();
  }
}

const COMMANDS = new Map<string, (context: CommandContext) => Promise<void>>([
  ['create-company', createCompanyCommand],
  ['list-companies', listCompaniesCommand],
  ['set-password', setPasswordCommand],
  ['print-qwc', printQwcCommand],
  ['rebind', rebindCommand],
  ['unlock', unlockCommand],
  ['enqueue', enqueueCommand],
  ['list-requests', listRequestsCommand],
  ['list-sessions', listSessionsCommand],
  ['procore-status', procoreStatusCommand],
  ['reencrypt-tokens', reencryptTokensCommand],
]);

async function createCompanyCommand({ db, values, print, need, actor }: CommandContext) {
  const company = await createCompany(db, {
    procoreCompanyId: need('procore-id'),
    name: need('name'),
    procoreEnvironment: (values.env as ProcoreEnvironment | undefined) ?? 'production',
    actor,
  });
  print(`Created company ${company.name}\n  id: ${company.id}\nNext: pnpm admin set-password --company ${company.id}`, company);
}

async function listCompaniesCommand({ db, print }: CommandContext) {
  const companies = await listCompanies(db);
  const lines = companies.map((c) => {
    const q = c.qbwcConnection;
    return `${c.id}  ${c.name} (Procore ${c.procoreCompanyId}, ${c.procoreEnvironment})\n    Web Connector: ${q ? `${q.username}; file ${q.boundCompanyFile ?? 'not bound yet'}; last contact ${q.lastContactAt?.toISOString() ?? 'never'}` : 'no credentials'}`;
  });
  print(lines.join('\n') || 'No companies yet. Create one with: pnpm admin create-company --procore-id <n> --name <text>', companies.map(withoutHash));
}

async function setPasswordCommand({ db, values, print, need, actor }: CommandContext) {
  const { connection, password } = await setQbwcCredentials(db, { companyId: need('company'), username: values.username, actor });
  print(
    `Web Connector credentials for company ${connection.companyId}\n  username: ${connection.username}\n  password: ${password}\n` +
      `This password is shown once and stored only as a hash. Type it into the Web Connector when you add the .qwc file.`,
    { username: connection.username, password, fileId: connection.fileId },
  );
}

async function printQwcCommand({ db, config, values, print, need }: CommandContext) {
  const { xml, fileName } = await buildCompanyQwc(db, need('company'), {
    publicUrl: config.publicUrl,
    ownerId: config.qbwc.ownerId,
    appName: config.appName,
  });
  if (values.out) {
    await writeFile(values.out, xml);
    print(`Wrote ${values.out} (suggested name ${fileName})`, { file: values.out });
  } else {
    process.stdout.write(`${xml}\n`);
  }
}

async function rebindCommand({ db, print, need, actor }: CommandContext) {
  await rebindCompanyFile(db, need('company'), actor);
  print('The company file binding was cleared; the next Web Connector session binds to the open company file.', { ok: true });
}

async function unlockCommand({ db, print, need, actor }: CommandContext) {
  const result = await unlockQbwcSignIn(db, { companyId: need('company'), actor, now: new Date() });
  print(
    result.cleared === 0
      ? `No failed sign-ins are recorded for ${result.username}; nothing to clear.`
      : `Cleared the failed sign-ins of ${result.username} from ${result.cleared} address(es) (${result.blocked} were paused). The Web Connector can sign in at once.`,
    result,
  );
}

async function enqueueCommand({ db, values, print, need, actor }: CommandContext) {
  let request: unknown;
  try {
    request = JSON.parse(need('request'));
  } catch {
    throw new UsageError('--request must be JSON, e.g. \'{"type":"VendorQuery","maxReturned":100}\'');
  }
  const type = (request as { type?: string }).type ?? 'request';
  const { request: row, created } = await enqueueRequest(db, {
    companyId: need('company'),
    request: request as never,
    dedupeKey: values.key ?? `admin:${type}:${Date.now()}`,
    requestedBy: actor,
  });
  print(created ? `Queued ${row.kind} as ${row.id}` : `Already queued as ${row.id} (status ${row.status})`, { id: row.id, created });
}

async function listRequestsCommand({ db, values, print, need }: CommandContext) {
  const status = values.status as RequestStatus | undefined;
  const { items, total } = await listRequests(db, { companyId: need('company'), status, limit: values.limit ? Number(values.limit) : 50 });
  const lines = items.map(
    (r) => `${r.createdAt.toISOString()}  ${r.status.padEnd(9)} ${r.kind.padEnd(24)} ${r.id}${r.errorMessage ? `\n    ${r.errorCode}: ${r.errorMessage}` : ''}`,
  );
  print([`${total} request(s)`, ...lines].join('\n'), { total, items });
}

async function listSessionsCommand({ db, values, print, need }: CommandContext) {
  const sessions = await listSessions(db, need('company'), values.limit ? Number(values.limit) : 20);
  const lines = sessions.map(
    (s) =>
      `${s.startedAt.toISOString()}  ${s.state.padEnd(13)} ${String(s.progress).padStart(3)}%  ${s.roundTrips} round trip(s)  ${s.summary ?? s.lastError ?? ''}`,
  );
  print(lines.join('\n') || 'No sessions yet.', sessions);
}

async function procoreStatusCommand({ db, print, need }: CommandContext) {
  const connection = await getProcoreConnection(db, need('company'));
  print(
    Object.entries(connection)
      .map(([k, v]) => `${k.padEnd(22)} ${v ?? '–'}`)
      .join('\n'),
    connection,
  );
}

async function reencryptTokensCommand({ db, config, print }: CommandContext) {
  if (!config.procore.tokenEncryptionKeys) throw new UsageError('TOKEN_ENCRYPTION_KEYS is not set: nothing to rotate to.');
  const settings = resolveProcoreSettings(config, config.procore.tokenEncryptionKeys);
  const procore = await reencryptProcoreTokens(db, settings);
  // QuickBooks Online tokens (issue 22) share the key ring: rotating it must move them too.
  const qbo = await reencryptQboTokens(db, settings.keyRing);
  const result = { rewritten: procore.rewritten + qbo.rewritten, current: procore.current + qbo.current, procore, qbo };
  print(
    `${result.rewritten} connection(s) re-encrypted, ${result.current} already on the current key (Procore ${procore.rewritten}/${procore.current}, QuickBooks Online ${qbo.rewritten}/${qbo.current}).`,
    result,
  );
}

class UsageError extends Error {}

function withoutHash<T extends { qbwcConnection: { passwordHash: string } | null }>(company: T) {
  if (!company.qbwcConnection) return company;
  const { passwordHash: _hidden, ...connection } = company.qbwcConnection;
  return { ...company, qbwcConnection: connection };
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    // The embedded database is open in the server (or another command): refused, nothing written (hostile input).
    if (isAppError(error) || error instanceof DatabaseLockedError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    if (error instanceof TypeError && /parseArgs|ERR_PARSE_ARGS/.test(String((error as { code?: string }).code ?? error.message))) {
      process.stderr.write(`${error.message}\nRun pnpm admin --help.\n`);
      process.exit(2);
    }
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
