import { randomInt, randomUUID } from 'node:crypto';
import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { generatePassword, hashPassword } from '../qbwc/hash-password.ts';
import { getCompany } from './create-company.ts';

export interface SetQbwcCredentialsInput {
  companyId: string;
  /** Defaults to the existing username, or a new unguessable one (defaultUsername). */
  username?: string;
  actor: string;
}

/**
 * Creates or rotates a company's Web Connector credentials. The password is generated here, returned
 * once for the admin to type into QBWC, and only its scrypt hash is stored. The FileID stays stable
 * across rotations: QBWC stamped it into the company file (QBWC guide p.36).
 */
export async function setQbwcCredentials(db: Database, input: SetQbwcCredentialsInput) {
  const company = await getCompany(db, input.companyId);
  const existing = await db.prisma.qbwcConnection.findUnique({ where: { companyId: company.id } });
  const username = (input.username ?? existing?.username ?? defaultUsername(company.name)).trim();
  if (!/^[A-Za-z0-9._@-]{3,64}$/.test(username)) {
    throw new AppError('VALIDATION', 'A Web Connector username is 3–64 letters, digits, dots, dashes, underscores or @.');
  }
  const owner = await db.prisma.qbwcConnection.findUnique({ where: { username } });
  if (owner && owner.companyId !== company.id) throw new AppError('USERNAME_TAKEN');

  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const connection = existing
    ? await db.prisma.qbwcConnection.update({
        where: { id: existing.id },
        data: { username, passwordHash, passwordRotatedAt: new Date() },
      })
    : await db.prisma.qbwcConnection.create({
        data: { companyId: company.id, username, passwordHash, fileId: `{${randomUUID().toUpperCase()}}` },
      });
  // Never audit the password itself.
  await writeAudit(db.prisma, {
    companyId: company.id,
    actor: input.actor,
    action: existing ? 'qbwc.password_rotated' : 'qbwc.credentials_created',
    outcome: 'ok',
    detail: { username },
  });
  return { connection, password };
}

/**
 * A new connection's username: a readable prefix and 10 random characters (~50 bits), so it cannot be guessed
 * (hostile input: the former company-name slug + Procore company id let anyone aim sign-in failures at a company).
 * Existing usernames are kept as they are; QBWC has them stored.
 */
export function defaultUsername(companyName: string): string {
  const slug = companyName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30)
    .replace(/-$/, '');
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const suffix = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${slug || 'company'}-${suffix}`;
}

/** Forgets the bound company file so the next session binds to whichever file QuickBooks has open. */
export async function rebindCompanyFile(db: Database, companyId: string, actor: string) {
  const company = await getCompany(db, companyId);
  const connection = await db.prisma.qbwcConnection.findUnique({ where: { companyId: company.id } });
  if (!connection) throw new AppError('CONNECTION_NOT_FOUND');
  await db.prisma.qbwcConnection.update({
    where: { id: connection.id },
    data: { boundFileId: null, boundCompanyFile: null, boundCompanyName: null, boundAt: null },
  });
  await writeAudit(db.prisma, {
    companyId: company.id,
    actor,
    action: 'qbwc.company_file_unbound',
    outcome: 'ok',
    detail: { previousFile: connection.boundCompanyFile, previousCompany: connection.boundCompanyName },
  });
}
