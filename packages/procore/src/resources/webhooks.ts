// Webhook hooks and triggers (API-CONTRACT.md "Resources" and "Webhook delivery"; Procore docs:
// "Webhooks"). A hook is a destination URL with headers we choose (deliveries are unsigned, so we protect
// our endpoint with a secret Authorization header — Procore shows it back masked to its last 5 chars);
// triggers say which resource events are delivered.

import { idValue, segment, type ProcoreId, type ResourceContext } from './resource-context.ts';

export type WebhookEventType = 'create' | 'update' | 'delete';

export interface WebhookHook {
  id: number;
  namespace: string;
  destination_url: string;
  /** Masked by Procore to the last 5 characters. */
  destination_headers?: { Authorization?: string | null } | null;
  owned_by_company_id?: number | null;
  api_version?: string | null;
}

export interface WebhookTrigger {
  id: number;
  webhook_hook_id?: number | null;
  resource_name: string;
  event_type: string;
}

export interface NewWebhookHook {
  namespace: string;
  destinationUrl: string;
  /** Our shared secret for the delivery endpoint, e.g. { Authorization: "Bearer <secret>" }. Never logged. */
  destinationHeaders?: { Authorization: string } | undefined;
  /** Default "v2" (the delivery format of API-CONTRACT.md). */
  apiVersion?: string | undefined;
}

export interface WebhookHookChanges {
  namespace?: string | undefined;
  destinationUrl?: string | undefined;
  destinationHeaders?: { Authorization: string } | undefined;
}

/** The body Procore POSTs to a hook's destination (api_version v2). Deliveries carry ids only and can come
 * twice: dedupe on `ulid`, then fetch the resource. */
export interface WebhookEvent {
  ulid: string;
  timestamp: string;
  id: number;
  company_id: number;
  project_id: number | null;
  user_id: number;
  event_type: WebhookEventType;
  resource_name: string;
  resource_id: number;
  api_version: string;
  metadata?: { source_application_id: string | null } | null;
}

export function createWebhooksApi({ transport }: ResourceContext) {
  const company = () => ({ company_id: transport.companyId });
  const hooks = '/rest/v1.0/webhooks/hooks';
  return {
    async listHooks(): Promise<WebhookHook[]> {
      return transport.listAll<WebhookHook>(hooks, company(), { perPage: null });
    },
    /** POST: after an 'unknown' outcome, list the hooks and look for the namespace before creating again. */
    async createHook(hook: NewWebhookHook): Promise<WebhookHook> {
      const body = {
        company_id: idValue(transport.companyId),
        hook: {
          api_version: hook.apiVersion ?? 'v2',
          namespace: hook.namespace,
          destination_url: hook.destinationUrl,
          ...(hook.destinationHeaders ? { destination_headers: hook.destinationHeaders } : {}),
        },
      };
      return (await transport.request<WebhookHook>('POST', hooks, { query: company(), body })).body;
    },
    async updateHook(hookId: ProcoreId, changes: WebhookHookChanges): Promise<WebhookHook> {
      const hook: Record<string, unknown> = {};
      if (changes.namespace !== undefined) hook['namespace'] = changes.namespace;
      if (changes.destinationUrl !== undefined) hook['destination_url'] = changes.destinationUrl;
      if (changes.destinationHeaders !== undefined) hook['destination_headers'] = changes.destinationHeaders;
      return (
        await transport.request<WebhookHook>('PATCH', `${hooks}/${segment(hookId)}`, {
          query: company(),
          body: { company_id: idValue(transport.companyId), hook },
        })
      ).body;
    },
    async deleteHook(hookId: ProcoreId): Promise<void> {
      await transport.request<unknown>('DELETE', `${hooks}/${segment(hookId)}`, { query: company() });
    },
    async listTriggers(hookId: ProcoreId): Promise<WebhookTrigger[]> {
      return transport.listAll<WebhookTrigger>(`${hooks}/${segment(hookId)}/triggers`, company(), { perPage: null });
    },
    async createTrigger(hookId: ProcoreId, trigger: { resourceName: string; eventType: WebhookEventType }): Promise<WebhookTrigger> {
      return (
        await transport.request<WebhookTrigger>('POST', `${hooks}/${segment(hookId)}/triggers`, {
          query: company(),
          body: {
            company_id: idValue(transport.companyId),
            api_version: 'v2',
            trigger: { resource_name: trigger.resourceName, event_type: trigger.eventType },
          },
        })
      ).body;
    },
    async deleteTrigger(hookId: ProcoreId, triggerId: ProcoreId): Promise<void> {
      await transport.request<unknown>('DELETE', `${hooks}/${segment(hookId)}/triggers/${segment(triggerId)}`, { query: company() });
    },
  };
}
