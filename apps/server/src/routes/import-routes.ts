import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import type { ProcoreService } from '@connector/sync';
import { archiveImportEntryRoute } from './imports/archive-import-entry-route.ts';
import { createProcoreRecordRoute } from './imports/create-procore-record-route.ts';
import { linkImportEntryRoute } from './imports/link-import-entry-route.ts';
import { linkSuggestedRoute } from './imports/link-suggested-route.ts';
import { listImportEntriesRoute } from './imports/list-import-entries-route.ts';
import { listImportFailuresRoute } from './imports/list-import-failures-route.ts';
import { listImportItemsRoute } from './imports/list-import-items-route.ts';
import { queueRefreshRoute } from './imports/queue-refresh-route.ts';
import { readRefreshStatusRoute } from './imports/read-refresh-status-route.ts';
import { retryImportPushRoute } from './imports/retry-import-push-route.ts';
import { unlinkImportEntryRoute } from './imports/unlink-import-entry-route.ts';

// Refresh and linking are project-manager work; admins may do everything.

/**
 * QuickBooks → Procore (QuickBooks to Procore): refreshes, the Jobs and Vendors lists and their link actions. Thin:
 * one route per file in routes/imports/, registered here in this order, in this plugin's context.
 */
export async function importRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService }) {
  queueRefreshRoute(app, options);
  readRefreshStatusRoute(app, options);
  listImportItemsRoute(app, options);
  listImportFailuresRoute(app, options);
  retryImportPushRoute(app, options);
  linkSuggestedRoute(app, options);
  listImportEntriesRoute(app, options);
  linkImportEntryRoute(app, options);
  unlinkImportEntryRoute(app, options);
  createProcoreRecordRoute(app, options);
  archiveImportEntryRoute(app, options);
}
