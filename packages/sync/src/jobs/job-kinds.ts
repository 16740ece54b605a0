/**
 * Durable job kinds that more than one part of the connector enqueues (handlers in exports/create-export-service.ts):
 * the export pipeline prepares exports; exports and imports both write a link's origin_id to Procore.
 */
export const PREPARE_EXPORT_JOB = 'export.prepare';
export const WRITE_PROCORE_ORIGIN_JOB = 'export.write-procore-origin';
/** Delivers an Online company's queued requests to QuickBooks Online (qbo/create-qbo-delivery.ts); exports and refreshes queue it. */
export const DELIVER_QBO_JOB = 'qbo.deliver';
