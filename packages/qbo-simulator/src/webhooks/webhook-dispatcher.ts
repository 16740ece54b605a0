// Webhook deliveries to the app's endpoint, as Intuit sends them:
// - signed: header `intuit-signature` = base64(HMAC-SHA256(raw body, Verifier Token)) ("Managing webhooks
//   notifications", https://developer.intuit.com/app/developer/qbo/docs/develop/webhooks/managing-webhooks-notifications);
// - CloudEvents (default): a JSON array of { specversion: "1.0", id, source, type: "qbo.<entity>.<created|updated|deleted>.v1",
//   datacontenttype: "application/json", time, intuitentityid, intuitaccountid, data: {} } ("Upcoming change to
//   webhooks payload structure", blogs.intuit.com 2025-11-12, whose sample this follows field for field);
// - classic: { eventNotifications: [{ realmId, dataChangeEvent: { entities: [{ name, id, operation, lastUpdated }] } }] }
//   (same blog post and the webhooks page).
// Events wait in a queue until flush() (or the auto-delivery timer): Intuit aggregates changes for a while
// before sending. Options reproduce what a receiver must survive: every delivery sent twice (`duplicates`),
// and retries of a delivery the receiver did not acknowledge with a 2xx (`maxAttempts`) — the retry carries
// the same body, so the same CloudEvents ids.

import { createHmac, randomUUID } from 'node:crypto';
import type { RecordChange } from '../model/realm-store.ts';

export interface WebhookOptions {
  /** The app's endpoint; no deliveries without it. */
  url?: string;
  /** The app's Verifier Token (not the client secret). Default "sim-verifier-token". */
  verifierToken?: string;
  format?: 'cloudevents' | 'classic';
  /** Send every delivery twice (same body). */
  duplicates?: boolean;
  /** Attempts per delivery until a 2xx (default 3). */
  maxAttempts?: number;
  fetch?: typeof fetch;
}

export interface DeliveryRecord {
  body: string;
  signature: string;
  attempt: number;
  status: number | null;
  error: string | null;
}

const MAX_LOGGED_DELIVERIES = 1000;

const OPERATION_VERB = { Create: 'created', Update: 'updated', Delete: 'deleted' } as const;

export class WebhookDispatcher {
  private pending: RecordChange[] = [];
  private readonly log: DeliveryRecord[] = [];
  private options: Required<Omit<WebhookOptions, 'url'>> & { url: string | undefined };
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(options: WebhookOptions = {}) {
    this.options = {
      url: options.url,
      verifierToken: options.verifierToken ?? 'sim-verifier-token',
      format: options.format ?? 'cloudevents',
      duplicates: options.duplicates ?? false,
      maxAttempts: options.maxAttempts ?? 3,
      fetch: options.fetch ?? globalThis.fetch,
    };
  }

  configure(options: WebhookOptions): void {
    this.options = { ...this.options, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  }

  get verifierToken(): string {
    return this.options.verifierToken;
  }

  enqueue(change: RecordChange): void {
    this.pending.push(change);
  }

  discardPending(): void {
    this.pending = [];
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  deliveries(): readonly DeliveryRecord[] {
    return this.log;
  }

  /** The body Intuit would send for these changes (exposed for tests of receivers). */
  buildBody(changes: readonly RecordChange[]): string {
    if (this.options.format === 'classic') {
      const byRealm = new Map<string, RecordChange[]>();
      for (const c of changes) byRealm.set(c.realmId, [...(byRealm.get(c.realmId) ?? []), c]);
      return JSON.stringify({
        eventNotifications: [...byRealm].map(([realmId, list]) => ({
          realmId,
          dataChangeEvent: { entities: list.map((c) => ({ id: c.id, operation: c.operation, name: c.entity, lastUpdated: new Date(c.at).toISOString() })) },
        })),
      });
    }
    return JSON.stringify(
      changes.map((c) => ({
        specversion: '1.0',
        id: randomUUID(),
        source: 'intuit.qbo-simulator',
        type: `qbo.${c.entity.toLowerCase()}.${OPERATION_VERB[c.operation]}.v1`,
        datacontenttype: 'application/json',
        time: new Date(c.at).toISOString(),
        intuitentityid: c.id,
        intuitaccountid: c.realmId,
        data: {},
      })),
    );
  }

  sign(body: string): string {
    return createHmac('sha256', this.options.verifierToken).update(body).digest('base64');
  }

  /** Sends everything queued as one delivery (its retries and duplicate included); resolves when done. */
  flush(): Promise<void> {
    const run = this.inFlight.then(() => this.deliverPending());
    this.inFlight = run.catch(() => {});
    return run;
  }

  startAutoDelivery(intervalMs: number): void {
    this.stopAutoDelivery();
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  stopAutoDelivery(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  async idle(): Promise<void> {
    await this.inFlight;
  }

  private async deliverPending(): Promise<void> {
    const url = this.options.url;
    if (url === undefined || this.pending.length === 0) return;
    const changes = this.pending;
    this.pending = [];
    const body = this.buildBody(changes);
    const signature = this.sign(body);
    const copies = this.options.duplicates ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
        const record: DeliveryRecord = { body, signature, attempt, status: null, error: null };
        this.log.push(record);
        // A long CLI run against a dead endpoint must not grow without bound: keep the latest 1000.
        if (this.log.length > MAX_LOGGED_DELIVERIES) this.log.splice(0, this.log.length - MAX_LOGGED_DELIVERIES);
        try {
          const response = await this.options.fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'intuit-signature': signature },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          record.status = response.status;
          await response.text().catch(() => '');
          if (response.ok) break;
        } catch (error) {
          record.error = error instanceof Error ? error.message : String(error);
        }
      }
    }
  }
}
