import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { FieldDifference } from './api/export-api.ts';
import { REFRESH_KINDS } from './api/import-api.ts';
import { nullable, stringEnum } from './api/common-schemas.ts';

/**
 * Shapes of JSON columns and job payloads, checked where they are read (issue 17 item 1). They sit here, beside the
 * API schemas they reuse (FieldDifference), because the contract already carries TypeBox and is pure: the readers in
 * packages/sync call `checkStored` and turn a refusal into an AppError that names the row.
 */

/** export_records.field_differences (a 3200: field by field, ours vs QuickBooks'), when not SQL NULL. */
export const StoredFieldDifferences = Type.Array(FieldDifference);
/** jobs.payload of export.prepare (apply-export-action.ts). */
export const PrepareExportJobPayload = Type.Object({ exportId: Type.String({ minLength: 1 }) });
/** jobs.payload of the job writing a QuickBooks ListID back to Procore as origin_id (settle-export.ts). */
export const WriteOriginJobPayload = Type.Object({
  recordType: stringEnum(['project', 'vendor'] as const),
  procoreId: Type.String({ pattern: '^[0-9]+$' }),
  listId: Type.String(),
  editSequence: Type.String(),
});
/** jobs.payload of imports.apply-list-refresh (create-import-service.ts): a list refresh, never job costs. */
export const ApplyListRefreshJobPayload = Type.Object({
  kind: stringEnum(REFRESH_KINDS.filter((k) => k !== 'job_costs') as Array<Exclude<(typeof REFRESH_KINDS)[number], 'job_costs'>>),
});

/** jobs.payload of procore.reconcile (the schedule leaves both out; a person's "Refresh from Procore" names the actor). */
export const ReconcileProcoreJobPayload = Type.Object({ full: Type.Optional(Type.Boolean()), actor: Type.Optional(Type.String()) });
/**
 * jobs.payload of procore.apply-change (a webhook delivery, procore-webhook routes): the resource types and event types
 * are the ones packages/sync keeps a copy of (procore-resources.ts), passed in so that list stays in one place.
 */
export function applyProcoreChangeJobPayload<const R extends readonly string[], const E extends readonly string[]>(resourceTypes: R, eventTypes: E) {
  return Type.Object({
    resourceType: stringEnum(resourceTypes),
    resourceId: Type.String({ minLength: 1 }),
    projectId: nullable(Type.String()),
    eventType: stringEnum(eventTypes),
    ulid: Type.String(),
  });
}

/** The stored value typed by its schema, or the first place it differs (its JSON pointer and what was expected). */
export function checkStored<S extends TSchema>(schema: S, value: unknown): { ok: true; value: Static<S> } | { ok: false; problem: string } {
  if (Value.Check(schema, value)) return { ok: true, value: value as Static<S> };
  const first = Value.Errors(schema, value)[0];
  return { ok: false, problem: first ? `${first.instancePath || '/'}: ${first.message}` : 'does not match its schema' };
}
