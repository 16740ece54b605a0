import type { GuardedAction, Role } from '@connector/contract';
import { createContext, useContext } from 'react';

/** The roles of the product's users as the server names them (GET /api/session); the table is shared. */
export type { Role };

export interface SessionUser {
  id: string;
  login: string;
  name: string;
}

export interface SessionCompany {
  /** The connector's company id (uuid): every /api/companies/:companyId call uses it. */
  id: string;
  name: string;
  procoreCompanyId: string;
  roles: Role[];
  /** What those roles allow here, as the server's role table says (GET /api/session). */
  actions: GuardedAction[];
}

export interface Session {
  user: SessionUser;
  companies: SessionCompany[];
  csrfToken: string;
}

/** The company the app was opened for (Procore's `company_id` in the iframe URL) and who is looking at it. */
export interface CompanyContextValue {
  user: SessionUser;
  company: SessionCompany;
  /** Procore's `project_id` when the app was opened from a project's tab. */
  projectId: string | null;
}

export const CompanyContext = createContext<CompanyContextValue | null>(null);

export function useCompany(): CompanyContextValue {
  const value = useContext(CompanyContext);
  if (!value) throw new Error('useCompany() outside a signed-in company (CompanyContext)');
  return value;
}
