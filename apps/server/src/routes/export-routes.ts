import type { FastifyInstance } from 'fastify';
import type { Database } from '@connector/db';
import type { ExportService, ProcoreService } from '@connector/sync';
import { applyExportActionRoute } from './exports/apply-export-action-route.ts';
import { listExportExceptionsRoute } from './exports/list-export-exceptions-route.ts';
import { listExportRecordsRoute } from './exports/list-export-records-route.ts';
import { previewExportRoute } from './exports/preview-export-route.ts';
import { resolveExportConflictRoute } from './exports/resolve-export-conflict-route.ts';

/**
 * Export to QuickBooks (exports): list exportable records, and the people's actions on them. Thin: one route per
 * file in routes/exports/, registered here in this order, in this plugin's context.
 */
export async function exportRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService; exports: ExportService }) {
  listExportExceptionsRoute(app, options);
  previewExportRoute(app, options);
  resolveExportConflictRoute(app, options);
  listExportRecordsRoute(app, options);
  applyExportActionRoute(app, options);
}
