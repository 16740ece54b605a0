import { classifyQboCall, type QboCallEvent } from '@connector/qbo';
import type { Database } from '@connector/db';
import type { ServiceLogger } from '../logging/service-logger.ts';

/** One company's QuickBooks Online calls in one month (UTC), as the Connection screen shows them. */
export interface QboCallCounts {
  /** YYYY-MM, UTC */
  month: string;
  /** CorePlus: reads, queries, CDC — metered by Intuit (classify-qbo-call.ts). */
  readCalls: number;
  /** Core: creates, updates, deletes, batch requests — not metered. */
  writeCalls: number;
  /** Writes by operation: a batch request counts each of its items. */
  writeOperations: number;
  /** Answered 429 by Intuit's throttle. */
  throttledCalls: number;
}

export interface QboCallMeter {
  /** Counts one HTTP send of `companyId` (the client's onCall); written by the next flush. */
  record(companyId: string, event: QboCallEvent): void;
  /** Writes what was counted since the last flush, in one statement; a failed write keeps it for the next one. */
  flush(): Promise<void>;
  /** The company's counts for a month (default this month, UTC), after writing what is pending. */
  read(companyId: string, month?: string): Promise<QboCallCounts>;
  /** Stops the timer and flushes (server shutdown). */
  close(): Promise<void>;
}

type Pending = Omit<QboCallCounts, 'month'>;
const ZERO: Pending = { readCalls: 0, writeCalls: 0, writeOperations: 0, throttledCalls: 0 };

export const monthOf = (at: Date): string => at.toISOString().slice(0, 7);

/**
 * Counts QuickBooks Online calls per company and month (issue 22: "reads cost money on QBO; count calls per company
 * and show them"). Counting in memory and writing every `flushAfterMs` keeps a database write off every Intuit call;
 * a crash loses at most that many milliseconds of counts, which is acceptable for a figure Intuit's own usage chart
 * stays the authority on. Every statement is scoped by company.
 */
export function createQboCallMeter(options: { db: Database; now?: () => Date; flushAfterMs?: number; logger?: ServiceLogger }): QboCallMeter {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const flushAfterMs = options.flushAfterMs ?? 5_000;
  let pending = new Map<string, Pending & { companyId: string; month: string }>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();

  function add(companyId: string, month: string, counts: Pending) {
    const key = `${companyId}|${month}`;
    const row = pending.get(key) ?? { companyId, month, ...ZERO };
    row.readCalls += counts.readCalls;
    row.writeCalls += counts.writeCalls;
    row.writeOperations += counts.writeOperations;
    row.throttledCalls += counts.throttledCalls;
    pending.set(key, row);
  }

  async function write(): Promise<void> {
    if (pending.size === 0) return;
    const rows = [...pending.values()];
    pending = new Map();
    try {
      const at = now();
      await db.prisma.$executeRaw`
        INSERT INTO qbo_api_calls (company_id, month, read_calls, write_calls, write_operations, throttled_calls, updated_at)
        SELECT x.company_id, x.month, x.read_calls, x.write_calls, x.write_operations, x.throttled_calls, ${at}
        FROM jsonb_to_recordset(${JSON.stringify(
          rows.map((r) => ({
            company_id: r.companyId,
            month: r.month,
            read_calls: r.readCalls,
            write_calls: r.writeCalls,
            write_operations: r.writeOperations,
            throttled_calls: r.throttledCalls,
          })),
        )}::jsonb) AS x(company_id uuid, month text, read_calls int, write_calls int, write_operations int, throttled_calls int)
        WHERE EXISTS (SELECT 1 FROM companies c WHERE c.id = x.company_id)
        ON CONFLICT (company_id, month) DO UPDATE SET
          read_calls = qbo_api_calls.read_calls + EXCLUDED.read_calls,
          write_calls = qbo_api_calls.write_calls + EXCLUDED.write_calls,
          write_operations = qbo_api_calls.write_operations + EXCLUDED.write_operations,
          throttled_calls = qbo_api_calls.throttled_calls + EXCLUDED.throttled_calls,
          updated_at = EXCLUDED.updated_at`;
    } catch (error) {
      // Kept for the next flush: counts are never dropped for a database that was busy for a moment.
      for (const r of rows) add(r.companyId, r.month, r);
      options.logger?.warn(
        { err: error instanceof Error ? error.message : String(error), rows: rows.length },
        'qbo call counts not written; kept for the next flush',
      );
      throw error;
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    // One write at a time, in order: a flush during a flush waits for it, then writes what came since.
    flushing = flushing.catch(() => {}).then(write);
    return flushing;
  }

  return {
    record(companyId, event) {
      const read = classifyQboCall(event) === 'core_plus';
      add(companyId, monthOf(now()), {
        readCalls: read ? 1 : 0,
        writeCalls: read ? 0 : 1,
        writeOperations: read ? 0 : event.operations,
        throttledCalls: event.status === 429 ? 1 : 0,
      });
      if (!timer) {
        timer = setTimeout(() => void flush().catch(() => {}), flushAfterMs);
        timer.unref();
      }
    },
    flush,
    async read(companyId, month = monthOf(now())) {
      // Written first, so the row holds everything counted so far; what a failed write kept is added from memory.
      await flush().catch(() => {});
      const row = await db.prisma.qboApiCallCount.findUnique({ where: { companyId_month: { companyId, month } } });
      const unflushed = pending.get(`${companyId}|${month}`) ?? ZERO;
      return {
        month,
        readCalls: (row?.readCalls ?? 0) + unflushed.readCalls,
        writeCalls: (row?.writeCalls ?? 0) + unflushed.writeCalls,
        writeOperations: (row?.writeOperations ?? 0) + unflushed.writeOperations,
        throttledCalls: (row?.throttledCalls ?? 0) + unflushed.throttledCalls,
      };
    },
    async close() {
      await flush().catch(() => {});
    },
  };
}
