import { ok } from '../http/api-result.ts';
import { paginate } from '../http/paginate.ts';
import type { ApiRoute } from '../api/api-context.ts';

// GET /rest/v1.0/me and GET /rest/v1.0/companies: the only calls without Procore-Company-Id
// (API-CONTRACT.md "Conventions").
export const meRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/me',
    requiresCompany: false,
    handler: (ctx) => {
      const user = ctx.store.users.get(ctx.actor.userId) ?? ctx.store.user;
      return ok({ id: user.id, login: user.login, name: user.name });
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/companies',
    requiresCompany: false,
    handler: (ctx) => {
      const companies = [...ctx.store.companies.values()]
        .filter((c) => ctx.store.isMember(c.id))
        .map((c) => ({ id: c.id, name: c.name, is_active: c.is_active }));
      const page = paginate(companies, { url: ctx.url, maxPerPage: ctx.config.maxPerPage });
      return ok(page.items, page.headers);
    },
  },
];
