import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError, isAppError } from '../errors/app-error.ts';
import { readCompanySettings } from '../stored/read-stored.ts';
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

/** The company's settings: what was saved (checked: STORED_VALUE_INVALID names a damaged field), defaults for the rest. */
export async function getCompanySettings(db: Database, companyId: string): Promise<CompanySettingsValues> {
  const row = await db.prisma.companySettings.findUnique({ where: { companyId } });
  return { ...DEFAULT_COMPANY_SETTINGS, ...(row ? readCompanySettings(row.values, companyId) : {}) };
}

export async function updateCompanySettings(db: Database, companyId: string, change: Record<string, unknown>, actor: string): Promise<CompanySettingsValues> {
  const current = await currentForChange(db, companyId, change);
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

/**
 * The settings a change applies to. A saved row with a damaged field can still be mended here: a change that gives
 * that field (the refusal names it) starts from the saved values it leaves alone, which must be sound; any other change
 * is refused with the same STORED_VALUE_INVALID, so nothing damaged is saved back silently.
 */
async function currentForChange(db: Database, companyId: string, change: Record<string, unknown>): Promise<CompanySettingsValues> {
  try {
    return await getCompanySettings(db, companyId);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'STORED_VALUE_INVALID') throw error;
    const row = await db.prisma.companySettings.findUnique({ where: { companyId } });
    const saved = row?.values && typeof row.values === 'object' && !Array.isArray(row.values) ? row.values : {};
    // The fields the change gives are checked by validateSettingsChange (VALIDATION, by field); the rest must be sound.
    const kept = Object.fromEntries(Object.entries(saved).filter(([key]) => !(key in change)));
    return { ...DEFAULT_COMPANY_SETTINGS, ...readCompanySettings(kept, companyId) };
  }
}
