import type { ChangeEvent, ProcoreStore } from '../model/procore-store.ts';
import type { Rng } from '../random/create-rng.ts';
import { createUlidFactory } from '../random/generate-ulid.ts';

// Procore webhooks (Procore docs: Webhooks; API-CONTRACT.md "Webhook delivery"; docs/procore-api.md#webhooks): each change
// matching a hook's trigger is POSTed to the hook's destination_url with its destination_headers; the receiver
// must answer 2xx within 5 s or the delivery is retried later with the same ulid, and dropped after a cap.
// Deliveries carry only ids, are unsigned and may arrive twice.

export interface WebhookOptions {
  /** Wait before attempt 2, 3, ... (default [1000, 5000, 30000]); the last value repeats if maxAttempts is larger. */
  retryDelaysMs?: number[];
  /** Attempts before a delivery is dropped (default retryDelaysMs.length + 1). */
  maxAttempts?: number;
  /** Share of successful deliveries sent a second time with the same ulid, 0..1 (decided by the seeded PRNG). */
  duplicateRate?: number;
  /** How long the receiver has to answer (default 5000 ms). */
  timeoutMs?: number;
}

export interface WebhookPayload {
  ulid: string;
  timestamp: string;
  id: number;
  company_id: number;
  project_id: number | null;
  user_id: number;
  event_type: 'create' | 'update' | 'delete';
  resource_name: string;
  resource_id: number;
  api_version: 'v2';
  metadata: {
    source_application_id: string | null;
    source_user_id: number;
    source_company_id: number;
    source_project_id: number | null;
    source_operation_id: null;
  };
}

export interface PendingDelivery {
  ulid: string;
  hookId: number;
  destinationUrl: string;
  payload: WebhookPayload;
  attempts: number;
  nextAttemptAt: number;
}

export type DeliveryStatus = 'delivered' | 'failed' | 'dropped';

/** One HTTP attempt (a duplicate send is its own attempt with duplicate: true). */
export interface DeliveryAttempt {
  ulid: string;
  hookId: number;
  destinationUrl: string;
  resourceName: string;
  resourceId: number;
  eventType: string;
  attempt: number;
  duplicate: boolean;
  /** 'dropped' = this failed attempt was the last one allowed. */
  status: DeliveryStatus;
  responseCode: number | null;
  error: string | null;
  at: string;
  payload: WebhookPayload;
}

export interface DeliveryReport {
  attempted: number;
  delivered: number;
  failed: number;
  dropped: number;
  duplicates: number;
  /** Deliveries still queued afterwards (waiting for a retry or enqueued meanwhile). */
  pending: number;
}

export interface WebhookTotals {
  enqueued: number;
  delivered: number;
  failedAttempts: number;
  dropped: number;
  duplicates: number;
  pending: number;
}

export class WebhookDispatcher {
  private queue: PendingDelivery[] = [];
  private readonly log: DeliveryAttempt[] = [];
  private readonly nextUlid;
  private forcedDuplicates = 0;
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly totals = { enqueued: 0, delivered: 0, failedAttempts: 0, dropped: 0, duplicates: 0 };
  private options: Required<WebhookOptions>;

  private readonly store: ProcoreStore;
  private readonly rng: Rng;
  private readonly now: () => number;
  constructor(store: ProcoreStore, rng: Rng, now: () => number, options: WebhookOptions = {}) {
    this.store = store;
    this.rng = rng;
    this.now = now;
    this.nextUlid = createUlidFactory(rng);
    this.options = resolveOptions(options);
  }

  /** Changes delivery options at run time; new retryDelaysMs without maxAttempts resets the cap to match. */
  configure(options: WebhookOptions): void {
    const current = this.options;
    this.options = resolveOptions({
      retryDelaysMs: options.retryDelaysMs ?? current.retryDelaysMs,
      maxAttempts: options.maxAttempts ?? (options.retryDelaysMs ? options.retryDelaysMs.length + 1 : current.maxAttempts),
      duplicateRate: options.duplicateRate ?? current.duplicateRate,
      timeoutMs: options.timeoutMs ?? current.timeoutMs,
    });
  }

  /** Queues one delivery per hook whose trigger matches (project-scoped changes also match company hooks). */
  enqueue(change: ChangeEvent): void {
    for (const hook of this.store.hooks.list(change.companyId)) {
      if (hook.project_id !== null && hook.project_id !== change.projectId) continue;
      const triggered = this.store.triggers.list(hook.id).some((t) => t.resource_name === change.resourceName && t.event_type === change.eventType);
      if (!triggered) continue;
      const ulid = this.nextUlid(change.at);
      this.queue.push({
        ulid,
        hookId: hook.id,
        destinationUrl: hook.destination_url,
        attempts: 0,
        nextAttemptAt: change.at,
        payload: {
          ulid,
          timestamp: new Date(change.at).toISOString(),
          id: this.store.nextId('webhookEvent'),
          company_id: change.companyId,
          project_id: change.projectId,
          user_id: change.actor.userId,
          event_type: change.eventType,
          resource_name: change.resourceName,
          resource_id: change.resourceId,
          api_version: 'v2',
          metadata: {
            source_application_id: change.actor.clientId,
            source_user_id: change.actor.userId,
            source_company_id: change.companyId,
            source_project_id: change.projectId,
            source_operation_id: null,
          },
        },
      });
      this.totals.enqueued++;
    }
  }

  /** The next `count` successful deliveries are each sent twice with the same ulid. */
  duplicateNext(count: number): void {
    this.forcedDuplicates += count;
  }

  /** Delivers everything due now (simulator clock), one at a time in queue order. Runs never overlap. */
  deliverPending(): Promise<DeliveryReport> {
    const run = this.running.then(() => this.runOnce());
    this.running = run.catch(() => undefined);
    return run;
  }

  pending(): PendingDelivery[] {
    return this.queue.map((d) => ({ ...d }));
  }

  deliveries(): DeliveryAttempt[] {
    return [...this.log];
  }

  stats(): WebhookTotals {
    return { ...this.totals, pending: this.queue.length };
  }

  /** Delivers what is due every `intervalMs` (the CLI and the demo). */
  startAutoDelivery(intervalMs = 1000): void {
    this.stopAutoDelivery();
    this.timer = setInterval(() => {
      void this.deliverPending();
    }, intervalMs);
  }

  stopAutoDelivery(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Waits for a delivery run in progress. */
  async idle(): Promise<void> {
    await this.running;
  }

  private async runOnce(): Promise<DeliveryReport> {
    const report: DeliveryReport = { attempted: 0, delivered: 0, failed: 0, dropped: 0, duplicates: 0, pending: 0 };
    const due = this.queue.filter((d) => d.nextAttemptAt <= this.now());
    const finished = new Set<PendingDelivery>();
    try {
      await this.deliverEach(due, report, finished);
    } finally {
      this.queue = this.queue.filter((d) => !finished.has(d));
    }
    report.pending = this.queue.length;
    return report;
  }

  private async deliverEach(due: readonly PendingDelivery[], report: DeliveryReport, finished: Set<PendingDelivery>): Promise<void> {
    for (const delivery of due) {
      const hook = this.store.hooks.get(delivery.hookId);
      if (hook === undefined) {
        // The hook was deleted: Procore stops delivering its events.
        finished.add(delivery);
        continue;
      }
      delivery.attempts++;
      report.attempted++;
      const outcome = await this.post(hook.destination_url, hook.destination_headers, delivery.payload);
      if (outcome.ok) {
        finished.add(delivery);
        this.record(delivery, 'delivered', outcome, false);
        report.delivered++;
        this.totals.delivered++;
        const duplicate =
          this.forcedDuplicates > 0 ? (this.forcedDuplicates--, true) : this.options.duplicateRate > 0 && this.rng.chance(this.options.duplicateRate);
        if (duplicate) {
          report.attempted++;
          report.duplicates++;
          this.totals.duplicates++;
          const again = await this.post(hook.destination_url, hook.destination_headers, delivery.payload);
          this.record(delivery, again.ok ? 'delivered' : 'failed', again, true);
        }
      } else if (delivery.attempts >= this.options.maxAttempts) {
        finished.add(delivery);
        this.record(delivery, 'dropped', outcome, false);
        report.dropped++;
        this.totals.dropped++;
        this.totals.failedAttempts++;
      } else {
        const delays = this.options.retryDelaysMs;
        delivery.nextAttemptAt = this.now() + (delays[delivery.attempts - 1] ?? delays[delays.length - 1] ?? 0);
        this.record(delivery, 'failed', outcome, false);
        report.failed++;
        this.totals.failedAttempts++;
      }
    }
  }

  private async post(
    url: string,
    headers: Record<string, string>,
    payload: WebhookPayload,
  ): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'Procore-Webhooks/2 (procore-simulator)', ...headers },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { ok: res.status >= 200 && res.status < 300, status: res.status, error: null };
    } catch (e) {
      const name = (e as { name?: string }).name;
      return {
        ok: false,
        status: null,
        error: name === 'TimeoutError' ? `timeout after ${this.options.timeoutMs} ms` : String((e as Error).cause ?? (e as Error).message),
      };
    }
  }

  private record(d: PendingDelivery, status: DeliveryStatus, outcome: { status: number | null; error: string | null }, duplicate: boolean): void {
    this.log.push({
      ulid: d.ulid,
      hookId: d.hookId,
      destinationUrl: d.destinationUrl,
      resourceName: d.payload.resource_name,
      resourceId: d.payload.resource_id,
      eventType: d.payload.event_type,
      attempt: d.attempts,
      duplicate,
      status,
      responseCode: outcome.status,
      error: outcome.error,
      at: new Date(this.now()).toISOString(),
      payload: d.payload,
    });
  }
}

function resolveOptions(o: WebhookOptions): Required<WebhookOptions> {
  const retryDelaysMs = o.retryDelaysMs ?? [1000, 5000, 30000];
  const duplicateRate = o.duplicateRate ?? 0;
  if (duplicateRate < 0 || duplicateRate > 1) throw new RangeError('webhook.duplicateRate must be within 0..1');
  return { retryDelaysMs, maxAttempts: o.maxAttempts ?? retryDelaysMs.length + 1, duplicateRate, timeoutMs: o.timeoutMs ?? 5000 };
}
