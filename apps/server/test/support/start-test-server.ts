import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '@connector/db/testing';
import { createCompany, setQbwcCredentials } from '@connector/sync';
import { buildApp, type BuildAppOptions } from '../../src/app.ts';
import { loadConfig, type ServerConfig } from '../../src/config.ts';

export interface TestServer {
  app: FastifyInstance;
  testDb: TestDatabase;
  config: ServerConfig;
  /** Every log line the server wrote, parsed (pino JSON). */
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  close(): Promise<void>;
}

/** The real app on a real database (PGlite or a scratch PostgreSQL database), logs captured. */
export async function startTestServer(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  appOptions: Omit<BuildAppOptions, 'config' | 'db' | 'logger'> = {},
  existingDb?: TestDatabase,
): Promise<TestServer> {
  const testDb = existingDb ?? (await createTestDatabase(kind));
  const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'info', ...env });
  const logs: Array<Record<string, unknown>> = [];
  const rawLogs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        rawLogs.push(line);
        try {
          logs.push(JSON.parse(line));
        } catch {
          logs.push({ msg: line });
        }
      }
      callback();
    },
  });
  const app = await buildApp({ config, db: testDb.database, logger: { level: 'info', stream }, ...appOptions });
  await app.ready();
  return {
    app,
    testDb,
    config,
    logs,
    rawLogs,
    async close() {
      await app.close();
      await testDb.dispose();
    },
  };
}

/** A company with Web Connector credentials, as an admin would set it up. */
export async function createCompanyWithCredentials(server: TestServer, name = 'Summit Builders', procoreCompanyId = '4264807') {
  const db = server.testDb.database;
  const company = await createCompany(db, { procoreCompanyId, name, actor: 'test' });
  const { connection, password } = await setQbwcCredentials(db, { companyId: company.id, actor: 'test' });
  return { company, connection, username: connection.username, password };
}
