import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { REQUEST_STATUSES, type RequestStatus } from './request-status.ts';

export interface ListRequestsInput {
  companyId: string;
  status?: RequestStatus | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export async function listRequests(db: Database, input: ListRequestsInput) {
  if (input.status && !REQUEST_STATUSES.includes(input.status)) {
    throw new AppError('VALIDATION', `Status must be one of ${REQUEST_STATUSES.join(', ')}.`);
  }
  const where = { companyId: input.companyId, ...(input.status ? { status: input.status } : {}) };
  const [items, total] = await Promise.all([
    db.prisma.queuedRequest.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }],
      take: Math.min(input.limit ?? 50, 500),
      skip: input.offset ?? 0,
    }),
    db.prisma.queuedRequest.count({ where }),
  ]);
  return { items, total };
}

export async function listSessions(db: Database, companyId: string, limit = 20) {
  return db.prisma.qbwcSession.findMany({ where: { companyId }, orderBy: { startedAt: 'desc' }, take: limit });
}
