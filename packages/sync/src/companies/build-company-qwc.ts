import type { Database } from '@connector/db';
import { buildQwcFile } from '@connector/qbwc';
import { AppError } from '../errors/app-error.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { getCompany } from './create-company.ts';

export interface QwcSettings {
  /** Public https URL of the server (PUBLIC_URL); http only for localhost (QBWC guide ch. 4). */
  publicUrl: string;
  ownerId: string;
  appName: string;
}

/** The .qwc file an admin adds to the Web Connector for one company (QBWC guide ch. 4). */
export async function buildCompanyQwc(db: Database, companyId: string, settings: QwcSettings) {
  const company = await getCompany(db, companyId);
  const connection = await db.prisma.qbwcConnection.findUnique({ where: { companyId: company.id } });
  if (!connection) throw new AppError('CONNECTION_NOT_FOUND');
  // The schedule is the company setting (the one the missed-schedule warning also reads), not the
  // connection row's default: a schedule saved in Settings must reach the .qwc an admin downloads.
  const { qbwcRunEveryMinutes } = await getCompanySettings(db, company.id);
  const base = settings.publicUrl.replace(/\/+$/, '');
  const xml = buildQwcFile({
    appName: `${settings.appName} (${company.name})`.slice(0, 100),
    appId: '',
    appUrl: `${base}/qbwc`,
    appDescription: `Syncs ${company.name}'s Procore commitments, invoices and job costs with QuickBooks Desktop.`,
    appSupport: `${base}/support`,
    userName: connection.username,
    ownerId: settings.ownerId,
    fileId: connection.fileId,
    qbType: 'QBFS',
    scheduler: { runEveryNMinutes: qbwcRunEveryMinutes },
    isReadOnly: false,
  });
  const fileName = `${company.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'company'}.qwc`;
  return { xml, fileName };
}
