import type { ExportItem, ExportStatus } from '../api/export-queries.ts';

/**
 * An export list row as the API answers it (@connector/contract ExportItemBody): commitment `SC-<procoreId>` on
 * project 5, nothing sent, decided or failed yet; `overrides` set what a test is about.
 */
export function exportItem(procoreId: string, status: ExportStatus, overrides: Partial<ExportItem> = {}): ExportItem {
  return {
    procoreId,
    procoreProjectId: '5',
    recordType: 'commitment',
    title: `SC-${procoreId}`,
    status,
    sentBy: null,
    sentAt: null,
    decidedBy: null,
    decidedAt: null,
    decisionComment: null,
    errorCode: null,
    errorMessage: null,
    qbStatusCode: null,
    qbStatusMessage: null,
    qbId: null,
    waitingOn: [],
    fieldDifferences: null,
    updatedAt: null,
    sentByName: null,
    decidedByName: null,
    waitingOnTitles: [],
    linkedTo: null,
    notReady: null,
    projectName: null,
    amount: null,
    procoreStatus: null,
    commitment: null,
    ...overrides,
  };
}

/** The answer to a bulk action (POST …/exports/<type>/<action>) in which every record asked for was applied and is now sent to accounting. */
export function everyRecordSentAnswer(requestBody: unknown) {
  const ids = (requestBody as { procoreIds: string[] }).procoreIds;
  return { results: ids.map((procoreId) => ({ procoreId, outcome: 'applied', status: 'sent_to_accounting', message: null })) };
}
