/** Durable job kinds of the export pipeline (handlers in create-export-service.ts). */
export const PREPARE_EXPORT_JOB = 'export.prepare';
export const WRITE_PROCORE_ORIGIN_JOB = 'export.write-procore-origin';
