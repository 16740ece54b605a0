import type { Database, JobModel as Job } from '@connector/db';
import { ProcoreApiError, type ProcoreClient } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { readApplyProcoreChangePayload } from '../stored/read-stored.ts';
import { procoreFailure } from './procore-failure.ts';
import { fetchProcoreResource } from './fetch-procore-resource.ts';
import type { ProcoreResourceType } from './procore-resources.ts';
import { markProcoreRecordDeleted, upsertProcoreRecord } from './upsert-procore-record.ts';

export interface ApplyChangePayload {
  resourceType: ProcoreResourceType;
  resourceId: string;
  projectId: string | null;
  eventType: 'create' | 'update' | 'delete';
  ulid: string;
}

/**
 * The job behind a webhook delivery: deliveries carry ids only, so fetch the record now (the latest
 * version, whatever number of events were coalesced) and update our copy; a delete, or a 404 (deleted
 * since, or no longer visible), marks our copy deleted.
 */
export async function applyProcoreChange(db: Database, client: ProcoreClient, job: Job) {
  const payload: ApplyChangePayload = readApplyProcoreChangePayload(job);
  const { resourceType, resourceId, projectId } = payload;
  let outcome: string;
  if (payload.eventType === 'delete') {
    outcome = (await markProcoreRecordDeleted(db, job.companyId, resourceType, resourceId)) ? 'deleted' : 'unknown-record';
  } else {
    try {
      const records = await fetchProcoreResource(client, resourceType, resourceId, projectId);
      if (records.length === 0) {
        outcome = (await markProcoreRecordDeleted(db, job.companyId, resourceType, resourceId)) ? 'deleted' : 'not-found';
      } else {
        outcome = await upsertProcoreRecord(db, job.companyId, resourceType, records[0]!, projectId);
      }
    } catch (error) {
      if (error instanceof ProcoreApiError && error.status === 404) {
        outcome = (await markProcoreRecordDeleted(db, job.companyId, resourceType, resourceId)) ? 'deleted' : 'not-found';
      } else {
        throw procoreFailure(error, `read ${resourceType} ${resourceId} from Procore`);
      }
    }
  }
  if (outcome !== 'unchanged') {
    await writeAudit(db.prisma, {
      companyId: job.companyId,
      actor: 'procore-webhook',
      action: `procore.${resourceType}.${outcome}`,
      direction: 'internal',
      outcome: 'info',
      subjectType: `procore_${resourceType}`,
      subjectId: resourceId,
      detail: { ulid: payload.ulid, eventType: payload.eventType },
    });
  }
  return { outcome };
}
