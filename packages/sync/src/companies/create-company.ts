import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { writeAudit } from '../audit/write-audit.ts';

export const PROCORE_ENVIRONMENTS = ['production', 'sandbox', 'monthly_sandbox'] as const;
export type ProcoreEnvironment = (typeof PROCORE_ENVIRONMENTS)[number];

export interface CreateCompanyInput {
  procoreCompanyId: string;
  name: string;
  procoreEnvironment?: ProcoreEnvironment;
  actor: string;
}

export async function createCompany(db: Database, input: CreateCompanyInput) {
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION', 'A company needs a name.');
  if (!/^\d+$/.test(input.procoreCompanyId)) throw new AppError('VALIDATION', 'The Procore company id is the number in Procore URLs, e.g. 4264807.');
  const environment = input.procoreEnvironment ?? 'production';
  if (!PROCORE_ENVIRONMENTS.includes(environment)) {
    throw new AppError('VALIDATION', `Procore environment must be one of ${PROCORE_ENVIRONMENTS.join(', ')}.`);
  }
  const existing = await db.prisma.company.findUnique({
    where: { procoreEnvironment_procoreCompanyId: { procoreEnvironment: environment, procoreCompanyId: input.procoreCompanyId } },
  });
  if (existing) {
    throw new AppError('CONFLICT', `Procore company ${input.procoreCompanyId} (${environment}) is already set up as "${existing.name}".`, {
      companyId: existing.id,
    });
  }
  const company = await db.prisma.company.create({
    data: { procoreCompanyId: input.procoreCompanyId, name, procoreEnvironment: environment },
  });
  await writeAudit(db.prisma, { companyId: company.id, actor: input.actor, action: 'company.created', outcome: 'ok', detail: { name } });
  return company;
}

export async function getCompany(db: Database, companyId: string) {
  const company = /^[0-9a-f-]{36}$/i.test(companyId) ? await db.prisma.company.findUnique({ where: { id: companyId } }) : null;
  if (!company) throw new AppError('COMPANY_NOT_FOUND');
  return company;
}

export async function listCompanies(db: Database) {
  return db.prisma.company.findMany({ orderBy: { createdAt: 'asc' }, include: { qbwcConnection: true } });
}
