import type { Role, SessionBody, SessionCompany, SessionUser } from '@connector/contract';
import { createContext, useContext } from 'react';

/** The roles of the product's users as the server names them (GET /api/session); the table is shared. */
export type { Role };

/** GET /api/session: who is signed in, their companies (roles, and the actions the role table gives them), the CSRF token. */
export type Session = SessionBody;
export type { SessionCompany, SessionUser };

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
