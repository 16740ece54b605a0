import type { Database, Prisma } from '@connector/db';
import { isOriginIdTaken, ProcoreApiError, type ProcoreClient } from '@connector/procore';
import { readIntentPush } from '../stored/read-stored.ts';

// Data safety (docs/data-safety.md#nothing-written-twice "nothing is written twice"): a Procore POST that creates a record is not idempotent —
// if we crash (or lose the answer) between Procore creating it and us recording it in procore_pushes, a
// retry would create it again. So the create is announced first: a procore_create_intents row, committed
// before the POST, keyed by the origin_id the record will carry. A retry that finds the intent still open
// looks the record up in Procore by origin_id (API-CONTRACT.md "Find again after an unknown outcome") and
// adopts it; only if Procore has no such record is it sent again.

export type IntentProcoreType = 'requisition' | 'contract_payment' | 'prime_contract_payment';

/** The intents Update Job Costs creates and settles; payments received (push-owner-payments.ts) settle their own. */
export const JOB_COST_INTENT_TYPES: readonly IntentProcoreType[] = ['requisition', 'contract_payment'];

/** What procore_pushes records about the created record (the rest comes from the intent). */
export interface IntentPush {
  contentHash: string;
  amountCents: number;
  detail: Record<string, unknown> | null;
}

export interface CreateIntent {
  originId: string;
  procoreType: IntentProcoreType;
  procoreProjectId: number;
  sourceType: string;
  sourceId: string;
  push: IntentPush;
}

export interface IntentRecord {
  companyId: string;
  originId: string;
  procoreType: string;
  procoreProjectId: string;
  sourceType: string;
  sourceId: string;
  push: IntentPush;
}

/** The fence a job passes in: confirms the run still holds its lease right before the POST. */
export interface LeaseGuard {
  assertLeaseHeld(): Promise<void>;
  /** The job run's lease token, kept on the intent (which run announced it). */
  readonly leaseId?: string;
}

type Tx = Prisma.TransactionClient;

/**
 * Looks a record we may have created up in Procore by origin_id. The list is filtered by Procore
 * (`filters[origin_id]`) and again here, so an unhonoured filter cannot make us adopt another record.
 * A prime contract payment is listed per prime contract (API-CONTRACT.md, payments received): the intent's
 * push.detail carries its primeContractId.
 */
export async function findByOriginId(
  client: ProcoreClient,
  procoreType: string,
  procoreProjectId: number,
  originId: string,
  detail: Record<string, unknown> | null = null,
): Promise<{ id: number } | null> {
  const primeContractId = Number(detail?.primeContractId);
  const list =
    procoreType === 'requisition'
      ? await client.requisitions.list(procoreProjectId, { originId })
      : procoreType === 'contract_payment'
        ? await client.contractPayments.list(procoreProjectId, { originId })
        : procoreType === 'prime_contract_payment' && Number.isSafeInteger(primeContractId)
          ? await client.primeContractPayments.list(procoreProjectId, primeContractId, { originId })
          : null;
  if (list === null) throw new Error(`no Procore lookup by origin_id for ${procoreType}`);
  return list.find((r) => r.origin_id === originId) ?? null;
}

/**
 * Creates a Procore record at most once per origin_id:
 * 1. an open intent left by an earlier run is resolved first — found in Procore by origin_id → adopted;
 * 2. the intent is written (committed) before the POST, after the job confirmed it still holds its lease;
 * 3. the POST; on success `record(tx, id)` and closing the intent happen in one transaction;
 *    a 422 "origin_id has already been taken" means it exists: looked up and adopted;
 *    a refusal (Procore certainly did not create it) closes the intent as not_created;
 *    anything else (no answer, a crash) leaves it open for the next run to resolve.
 */
export async function createOnce<T extends { id: number }>(
  db: Database,
  companyId: string,
  intent: CreateIntent,
  io: {
    client: ProcoreClient;
    lease?: LeaseGuard | undefined;
    create: () => Promise<T>;
    record: (tx: Tx, procoreId: number) => Promise<void>;
  },
): Promise<{ id: number; adopted: boolean }> {
  const key = { companyId_originId: { companyId, originId: intent.originId } };
  const find = () => findByOriginId(io.client, intent.procoreType, intent.procoreProjectId, intent.originId, intent.push.detail);
  const existing = await db.prisma.procoreCreateIntent.findUnique({ where: key });
  if (existing?.status === 'open') {
    const found = await find();
    if (found) {
      await settleCreated(db, companyId, intent.originId, found.id, io.record);
      return { id: found.id, adopted: true };
    }
  }
  const fields = {
    procoreType: intent.procoreType,
    procoreProjectId: String(intent.procoreProjectId),
    sourceType: intent.sourceType,
    sourceId: intent.sourceId,
    push: intent.push as unknown as Prisma.InputJsonValue,
    status: 'open',
    procoreId: null,
    resolvedAt: null,
    leaseId: io.lease?.leaseId ?? null,
  };
  await db.prisma.procoreCreateIntent.upsert({
    where: key,
    create: { companyId, originId: intent.originId, ...fields },
    update: { ...fields, attempts: { increment: 1 } },
  });
  // Fencing: a run that lost its lease (another runner has the job) must not send the POST.
  await io.lease?.assertLeaseHeld();
  let created: T;
  try {
    created = await io.create();
  } catch (error) {
    if (isOriginIdTaken(error)) {
      const found = await find();
      if (found) {
        await settleCreated(db, companyId, intent.originId, found.id, io.record);
        return { id: found.id, adopted: true };
      }
    }
    if (error instanceof ProcoreApiError && error.outcome === 'rejected') {
      await db.prisma.procoreCreateIntent.updateMany({
        where: { companyId, originId: intent.originId, status: 'open' },
        data: { status: 'not_created', resolvedAt: new Date() },
      });
    }
    throw error;
  }
  await settleCreated(db, companyId, intent.originId, created.id, io.record);
  return { id: created.id, adopted: false };
}

async function settleCreated(db: Database, companyId: string, originId: string, procoreId: number, record: (tx: Tx, procoreId: number) => Promise<void>) {
  await db.prisma.$transaction(async (tx) => {
    await record(tx, procoreId);
    await tx.procoreCreateIntent.updateMany({
      where: { companyId, originId },
      data: { status: 'created', procoreId: String(procoreId), resolvedAt: new Date() },
    });
  });
}

/**
 * Settles every intent a crashed or cut-off run left open, before a push plans anything: a record Procore has
 * is adopted (`record`, e.g. into procore_pushes, so re-planning sees it and deletions can remove it); one it
 * does not have is closed as not_created (the push creates it again if it is still wanted).
 * Only the intents of `procoreTypes` (default: Update Job Costs' own): each push settles what it announced, so one
 * push never closes as not_created a create the other still has in flight.
 */
export async function resolveOpenIntents(
  db: Database,
  companyId: string,
  client: ProcoreClient,
  record: (tx: Tx, intent: IntentRecord, procoreId: number) => Promise<void>,
  procoreTypes: readonly IntentProcoreType[] = JOB_COST_INTENT_TYPES,
): Promise<{ adopted: number; notCreated: number; calls: number }> {
  const open = await db.prisma.procoreCreateIntent.findMany({
    where: { companyId, status: 'open', procoreType: { in: [...procoreTypes] } },
    orderBy: { createdAt: 'asc' },
  });
  const result = { adopted: 0, notCreated: 0, calls: 0 };
  for (const row of open) {
    const push = readIntentPush(row);
    const found = await findByOriginId(client, row.procoreType, Number(row.procoreProjectId), row.originId, push.detail);
    result.calls += 1;
    const intent: IntentRecord = {
      companyId,
      originId: row.originId,
      procoreType: row.procoreType,
      procoreProjectId: row.procoreProjectId,
      sourceType: row.sourceType,
      sourceId: row.sourceId,
      push,
    };
    if (found) {
      await settleCreated(db, companyId, row.originId, found.id, (tx, id) => record(tx, intent, id));
      result.adopted += 1;
    } else {
      await db.prisma.procoreCreateIntent.updateMany({
        where: { id: row.id, companyId, status: 'open' },
        data: { status: 'not_created', resolvedAt: new Date() },
      });
      result.notCreated += 1;
    }
  }
  return result;
}
