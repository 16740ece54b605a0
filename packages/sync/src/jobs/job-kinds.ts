/**
 * Durable job kinds that more than one part of the connector enqueues (handlers in exports/create-export-service.ts):
 * the export pipeline prepares exports; exports and imports both write a link's origin_id to Procore.
 */
export const PREPARE_EXPORT_JOB = 'export.prepare';
export const WRITE_PROCORE_ORIGIN_JOB = 'export.write-procore-origin';
