import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';
import { checkSettingsChange, DEFAULT_COMPANY_SETTINGS, type CompanySettingsValues } from '@connector/contract';

export { DEFAULT_COMPANY_SETTINGS, type CompanySettingsValues };

/** Merges a change into the current values (the rules of @connector/contract); every problem at once, by field. */
export function validateSettingsChange(current: CompanySettingsValues, change: Record<string, unknown>): CompanySettingsValues {
  const { merged, problems } = checkSettingsChange(current, change);
  if (Object.keys(problems).length > 0) {
    throw new AppError(
      'VALIDATION',
      `Settings not saved: ${Object.entries(problems)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}.`,
      { fields: problems },
    );
  }
  return merged;
}

export async function getCompanySettings(db: Database, companyId: string): Promise<CompanySettingsValues> {
  const row = await db.prisma.companySettings.findUnique({ where: { companyId } });
  return { ...DEFAULT_COMPANY_SETTINGS, ...((row?.values as Partial<CompanySettingsValues> | undefined) ?? {}) };
}

export async function updateCompanySettings(db: Database, companyId: string, change: Record<string, unknown>, actor: string): Promise<CompanySettingsValues> {
  const current = await getCompanySettings(db, companyId);
  const next = validateSettingsChange(current, change);
  const changed = Object.fromEntries(
    Object.entries(change).filter(([k, v]) => JSON.stringify(current[k as keyof CompanySettingsValues]) !== JSON.stringify(v)),
  );
  await db.prisma.$transaction(async (tx) => {
    await tx.companySettings.upsert({
      where: { companyId },
      create: { companyId, values: next as never, updatedBy: actor },
      update: { values: next as never, updatedBy: actor },
    });
    if (Object.keys(changed).length > 0) {
      await writeAudit(tx, { companyId, actor, action: 'settings.changed', outcome: 'ok', detail: { changed } as never });
    }
  });
  return next;
}
