import { created, noContent, ok } from '../http/api-result.ts';
import { badRequest, notFound, unprocessable } from '../http/api-error.ts';
import type { ApiContext, ApiRoute } from '../api/api-context.ts';
import { ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { pathId, resolveCompany } from '../api/resolve-scope.ts';
import type { WebhookHook, WebhookTrigger } from '../model/records.ts';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_RESOURCE_NAMES } from '../webhooks/resource-names.ts';

/** Procore shows only the last 5 characters of destination header values (RestV10WebhooksHooksPost). */
export function maskHeaderValue(value: string): string {
  return value.length <= 5 ? '*'.repeat(value.length) : `${'*'.repeat(value.length - 5)}${value.slice(-5)}`;
}

export function renderHook(h: WebhookHook): Record<string, unknown> {
  return {
    id: h.id,
    namespace: h.namespace,
    destination_url: h.destination_url,
    destination_headers: Object.fromEntries(Object.entries(h.destination_headers).map(([k, v]) => [k, maskHeaderValue(v)])),
    owned_by_company_id: h.company_id,
    owned_by_project_id: h.project_id,
    owned_by_user_id: h.owned_by_user_id,
    api_version: h.api_version,
    created_at: h.created_at,
    updated_at: h.updated_at,
  };
}

export function renderTrigger(t: WebhookTrigger): Record<string, unknown> {
  return {
    id: t.id,
    hook_id: t.hook_id,
    resource_name: t.resource_name,
    event_type: t.event_type,
    api_version: t.api_version,
    project_id: t.project_id,
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

function readHookFields(item: Record<string, unknown>, creating: boolean) {
  const r = new ItemReader(item);
  const url = r.requiredString('destination_url', creating, 2048);
  if (url !== undefined) {
    let valid: boolean;
    try {
      valid = ['http:', 'https:'].includes(new URL(url).protocol);
    } catch {
      valid = false;
    }
    if (!valid) r.error('destination_url', 'is invalid');
  }
  const namespace = r.requiredString('namespace', creating, 100);
  const apiVersion = r.string('api_version', { max: 10 }) ?? undefined;
  if (apiVersion !== undefined && apiVersion !== 'v2') r.error('api_version', 'is not included in the list');
  let headers: Record<string, string> | undefined;
  const rawHeaders = item['destination_headers'];
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (typeof rawHeaders !== 'object' || Array.isArray(rawHeaders) || Object.values(rawHeaders).some((v) => typeof v !== 'string')) {
      r.error('destination_headers', 'is invalid');
    } else headers = rawHeaders as Record<string, string>;
  } else if (rawHeaders === null) headers = {};
  if (!r.ok) throw unprocessable(r.errors);
  return { url, namespace, apiVersion, headers };
}

function findHook(ctx: ApiContext, param: string): WebhookHook {
  const companyId = resolveCompany(ctx);
  const hook = ctx.store.hooks.get(pathId(ctx, param));
  if (hook === undefined || hook.company_id !== companyId) throw notFound();
  return hook;
}

function objectField(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const raw = body[name];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest(`${name} is required`);
  return raw as Record<string, unknown>;
}

export const webhookHookRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/webhooks/hooks',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx);
      const namespace = ctx.query.get('namespace');
      return listRecords(ctx, ctx.store.hooks.list(companyId), renderHook, namespace === null ? undefined : (h) => h.namespace === namespace);
    },
  },
  {
    method: 'POST',
    template: '/rest/v1.0/webhooks/hooks',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx);
      const projectRaw = ctx.body['project_id'] ?? ctx.query.get('project_id');
      let projectId: number | null = null;
      if (projectRaw !== undefined && projectRaw !== null && projectRaw !== '') {
        const project = ctx.store.projects.get(Number(projectRaw));
        if (project === undefined || project.company_id !== companyId) throw notFound();
        projectId = project.id;
      }
      const f = readHookFields(objectField(ctx.body, 'hook'), true);
      const hook = ctx.store.create(
        ctx.store.hooks,
        'hook',
        {
          company_id: companyId,
          project_id: projectId,
          namespace: f.namespace ?? '',
          destination_url: f.url ?? '',
          destination_headers: f.headers ?? {},
          api_version: f.apiVersion ?? 'v2',
          owned_by_user_id: ctx.actor.userId,
        },
        ctx.actor,
      );
      return created(renderHook(hook));
    },
  },
  {
    method: 'PATCH',
    template: '/rest/v1.0/webhooks/hooks/{id}',
    handler: (ctx) => {
      const hook = findHook(ctx, 'id');
      const f = readHookFields(objectField(ctx.body, 'hook'), false);
      ctx.store.update(
        ctx.store.hooks,
        hook,
        {
          ...(f.url === undefined ? {} : { destination_url: f.url }),
          ...(f.namespace === undefined ? {} : { namespace: f.namespace }),
          ...(f.headers === undefined ? {} : { destination_headers: f.headers }),
        },
        ctx.actor,
      );
      return ok(renderHook(hook));
    },
  },
  {
    method: 'DELETE',
    template: '/rest/v1.0/webhooks/hooks/{id}',
    handler: (ctx) => {
      const hook = findHook(ctx, 'id');
      for (const t of [...ctx.store.triggers.list(hook.id)]) ctx.store.remove(ctx.store.triggers, t, ctx.actor);
      ctx.store.remove(ctx.store.hooks, hook, ctx.actor);
      return noContent();
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/webhooks/hooks/{hook_id}/triggers',
    handler: (ctx) => {
      const hook = findHook(ctx, 'hook_id');
      return listRecords(ctx, ctx.store.triggers.list(hook.id), renderTrigger);
    },
  },
  {
    method: 'POST',
    template: '/rest/v1.0/webhooks/hooks/{hook_id}/triggers',
    handler: (ctx) => {
      const hook = findHook(ctx, 'hook_id');
      const r = new ItemReader(objectField(ctx.body, 'trigger'));
      const resourceName = r.oneOf('resource_name', WEBHOOK_RESOURCE_NAMES, true);
      const eventType = r.oneOf('event_type', WEBHOOK_EVENT_TYPES, true);
      if (ctx.store.triggers.list(hook.id).some((t) => t.resource_name === resourceName && t.event_type === eventType))
        r.error('resource_name', 'has already been taken');
      if (!r.ok || resourceName === undefined || eventType === undefined) throw unprocessable(r.errors);
      const apiVersion = typeof ctx.body['api_version'] === 'string' ? ctx.body['api_version'] : 'v2';
      const trigger = ctx.store.create(
        ctx.store.triggers,
        'trigger',
        {
          company_id: hook.company_id,
          hook_id: hook.id,
          project_id: hook.project_id,
          resource_name: resourceName,
          event_type: eventType,
          api_version: apiVersion,
        },
        ctx.actor,
      );
      return created(renderTrigger(trigger));
    },
  },
  {
    method: 'DELETE',
    template: '/rest/v1.0/webhooks/hooks/{hook_id}/triggers/{id}',
    handler: (ctx) => {
      const hook = findHook(ctx, 'hook_id');
      const trigger = ctx.store.triggers.get(pathId(ctx, 'id'));
      if (trigger === undefined || trigger.hook_id !== hook.id) throw notFound();
      ctx.store.remove(ctx.store.triggers, trigger, ctx.actor);
      return noContent();
    },
  },
];
