import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { SESSION_POLICY } from './session-policy.ts';

export interface IdempotencyRequest {
  companyId: string;
  userId: string;
  /** The Idempotency-Key header: one per click, reused by the web app when it retries. */
  key: string;
  method: string;
  path: string;
  /** SHA-256 of the request body */
  requestHash: string;
  now: Date;
}

export type IdempotencyClaim = { kind: 'claimed'; id: string } | { kind: 'replay'; status: number; contentType: string | null; body: string };

/**
 * First sight of an Idempotency-Key (per company and user) claims it; the work then runs once and its answer
 * is stored (finishIdempotencyKey). A retry with the same key gets the stored answer; one that arrives while
 * the first still runs gets IDEMPOTENCY_IN_PROGRESS; the same key on another method, path or body is
 * IDEMPOTENCY_KEY_REUSED. Keys expire after 24 hours; a claim whose request died (still in progress after
 * five minutes) may be taken over by a retry. Every step is one conditional statement, so two instances
 * cannot both claim a key.
 */
export async function claimIdempotencyKey(db: Database, input: IdempotencyRequest): Promise<IdempotencyClaim> {
  const fresh = {
    method: input.method,
    path: input.path,
    requestHash: input.requestHash,
    status: 'in_progress',
    responseStatus: null,
    responseType: null,
    responseBody: null,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + SESSION_POLICY.idempotencyTtlMs),
  };
  const where = { companyId_userId_key: { companyId: input.companyId, userId: input.userId, key: input.key } };
  const inserted = await db.prisma.idempotencyKey.createMany({
    data: [{ companyId: input.companyId, userId: input.userId, key: input.key, ...fresh }],
    skipDuplicates: true,
  });
  const row = await db.prisma.idempotencyKey.findUnique({ where });
  if (!row) throw new AppError('INTERNAL', 'The idempotency key could not be recorded.');
  if (inserted.count === 1) return { kind: 'claimed', id: row.id };

  if (row.expiresAt.getTime() <= input.now.getTime()) {
    const renewed = await db.prisma.idempotencyKey.updateMany({ where: { id: row.id, companyId: input.companyId, expiresAt: row.expiresAt }, data: fresh });
    if (renewed.count === 1) return { kind: 'claimed', id: row.id };
    return claimIdempotencyKey(db, input);
  }
  if (row.method !== input.method || row.path !== input.path || row.requestHash !== input.requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', undefined, { firstUsedFor: `${row.method} ${row.path}` });
  }
  if (row.status === 'in_progress') {
    if (input.now.getTime() - row.createdAt.getTime() < SESSION_POLICY.idempotencyStaleMs) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    const takenOver = await db.prisma.idempotencyKey.updateMany({
      where: { id: row.id, companyId: input.companyId, status: 'in_progress', createdAt: row.createdAt },
      data: { createdAt: input.now },
    });
    if (takenOver.count === 1) return { kind: 'claimed', id: row.id };
    throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  }
  // The first answer carried a secret and was not kept (finishIdempotencyKey, withheld): say so, never run it again.
  if (row.status === 'withheld') throw new AppError('SECRET_ALREADY_SHOWN', undefined, { firstUsedFor: `${row.method} ${row.path}` });
  return { kind: 'replay', status: row.responseStatus ?? 200, contentType: row.responseType, body: row.responseBody ?? '' };
}

/**
 * Stores the answer of a claimed key for its retries. A server error (5xx) is not stored: the work may not
 * have happened, so the claim is released and a retry runs it (the services themselves are idempotent).
 * `withheld`: the answer carries a secret (hostile input: a new Web Connector password sat in plain text in this
 * table for 24 hours and a replay showed it again). Only that it succeeded is kept; a retry gets
 * SECRET_ALREADY_SHOWN instead of the secret, and does not run the work again.
 */
export async function finishIdempotencyKey(
  db: Database,
  input: { id: string; companyId: string; status: number; contentType: string | null; body: string; withheld?: boolean },
): Promise<void> {
  if (input.status >= 500) {
    await db.prisma.idempotencyKey.deleteMany({ where: { id: input.id, companyId: input.companyId, status: 'in_progress' } });
    return;
  }
  if (input.withheld && input.status < 400) {
    await db.prisma.idempotencyKey.updateMany({
      where: { id: input.id, companyId: input.companyId },
      data: { status: 'withheld', responseStatus: input.status, responseType: null, responseBody: null },
    });
    return;
  }
  await db.prisma.idempotencyKey.updateMany({
    where: { id: input.id, companyId: input.companyId },
    data: { status: 'done', responseStatus: input.status, responseType: input.contentType, responseBody: input.body },
  });
}
