// The signed-in user and their companies: GET /rest/v1.0/me and GET /rest/v1.0/companies
// (API-CONTRACT.md "Resources"). Both are sent without Procore-Company-Id (Procore docs: "Show User Info").

import type { ResourceContext } from './resource-context.ts';

export interface ProcoreUser {
  id: number;
  login: string;
  name: string;
}

export interface ProcoreCompany {
  id: number;
  name: string;
  is_active: boolean;
}

export function createAccountApi({ transport }: ResourceContext) {
  return {
    /** The user the access token belongs to. */
    async me(): Promise<ProcoreUser> {
      return (await transport.request<ProcoreUser>('GET', '/rest/v1.0/me')).body;
    },
    /** Companies the user (or service account) can reach; the contract does not page it, a Link next is still followed. */
    async listCompanies(): Promise<ProcoreCompany[]> {
      return transport.listAll<ProcoreCompany>('/rest/v1.0/companies', undefined, { perPage: null });
    },
  };
}
