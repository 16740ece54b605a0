import type { Prisma } from '@connector/db';
import { parseHostCompanyPreferences, QbxmlParseError, type PreferencesInfo } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';

/** The qbXML version the connector's requests are written in (docs/qbxml.md#qbxml-version). */
export const REQUIRED_QBXML_VERSION = '13.0';

export interface HcpInput {
  strHCPResponse: string;
  strCompanyFileName: string;
  qbXMLCountry: string;
  qbXMLMajorVers: number;
  qbXMLMinorVers: number;
}

export type BindResult = { ok: true; companyFile: string } | { ok: false; message: string; detail: Record<string, unknown> };

/**
 * First sendRequestXML of a session: record what QuickBooks is (edition, version, country, qbXML
 * support) and make sure it is the company file this company is bound to. The file is identified by
 * the FileID data extension QBWC stamped with our OwnerID (QBWC guide p.36, p.52), the path only
 * when no FileID is present. A different file is never written to.
 */
export async function bindCompanyFile(
  tx: Prisma.TransactionClient,
  companyId: string,
  ownerId: string,
  input: HcpInput,
  now = new Date(),
): Promise<BindResult> {
  const connection = await tx.qbwcConnection.findUniqueOrThrow({ where: { companyId } });
  let hcp: ReturnType<typeof parseHostCompanyPreferences>;
  try {
    hcp = parseHostCompanyPreferences(input.strHCPResponse, ownerId);
  } catch (error) {
    if (!(error instanceof QbxmlParseError)) throw error;
    return {
      ok: false,
      message: `QuickBooks sent company information the connector could not read (${error.message}). Nothing was sent.`,
      detail: {},
    };
  }
  const companyFile = input.strCompanyFileName.trim();
  const companyName = hcp.company?.companyName ?? null;
  const seenFileId = hcp.company?.fileId ?? null;
  const supported = hcp.host?.supportedQbxmlVersions ?? [];
  const highest = hcp.host?.highestQbxmlVersion ?? (input.qbXMLMajorVers ? `${input.qbXMLMajorVers}.${input.qbXMLMinorVers}` : null);
  const country = hcp.host?.country ?? (input.qbXMLCountry || null);

  await tx.qbwcConnection.update({
    where: { id: connection.id },
    data: {
      qbProductName: hcp.host?.productName ?? null,
      qbMajorVersion: toInt(hcp.host?.majorVersion),
      qbMinorVersion: toInt(hcp.host?.minorVersion),
      qbCountry: country,
      qbxmlVersion: highest,
      lastContactAt: now,
      ...preferencesData(hcp.preferences, now),
    },
  });

  const describe = (file: string | null, name: string | null) => `${file || 'an unnamed file'}${name ? ` ("${name}")` : ''}`;
  const bound = describe(connection.boundCompanyFile, connection.boundCompanyName);
  const open = describe(companyFile, companyName);

  if (!supportsVersion(supported, highest, REQUIRED_QBXML_VERSION)) {
    return {
      ok: false,
      message: `This QuickBooks supports qbXML up to ${highest ?? 'an unknown version'}; the connector needs qbXML ${REQUIRED_QBXML_VERSION} (QuickBooks Desktop 2014 or later). Update QuickBooks, then run the Web Connector again.`,
      detail: { supported, highest },
    };
  }
  if (seenFileId && seenFileId.toUpperCase() !== connection.fileId.toUpperCase()) {
    return {
      ok: false,
      message: `QuickBooks has ${open} open, which was set up for a different connector company (FileID ${seenFileId}, expected ${connection.fileId}). Nothing was sent. Open the right company file, or add this company's .qwc file to the Web Connector.`,
      detail: { seenFileId, expectedFileId: connection.fileId, companyFile },
    };
  }
  if (connection.boundAt) {
    const sameFile = connection.boundFileId
      ? seenFileId?.toUpperCase() === connection.boundFileId.toUpperCase()
      : samePath(connection.boundCompanyFile, companyFile);
    if (!sameFile) {
      return {
        ok: false,
        message: `The Web Connector opened ${open}, but this company is bound to ${bound}. Nothing was sent. Open ${connection.boundCompanyFile ?? 'the bound file'} in QuickBooks, or ask an admin to re-bind the connection (Connection page, or "pnpm admin rebind").`,
        detail: { boundFile: connection.boundCompanyFile, boundFileId: connection.boundFileId, openFile: companyFile, seenFileId },
      };
    }
    if (companyFile && companyFile !== connection.boundCompanyFile) {
      // Same FileID, moved path (the file was copied to a new folder): follow it.
      await tx.qbwcConnection.update({ where: { id: connection.id }, data: { boundCompanyFile: companyFile } });
    }
    return { ok: true, companyFile };
  }
  await tx.qbwcConnection.update({
    where: { id: connection.id },
    data: { boundFileId: seenFileId, boundCompanyFile: companyFile || null, boundCompanyName: companyName, boundAt: now },
  });
  await writeAudit(tx, {
    companyId,
    actor: 'qbwc',
    action: 'qbwc.company_file_bound',
    outcome: 'ok',
    detail: { companyFile, companyName, fileId: seenFileId, product: hcp.host?.productName ?? null, country },
  });
  return { ok: true, companyFile };
}

/**
 * What the connector reads from PreferencesRet (docs/web-connector-protocol.md#hcp-response): multi-currency and class
 * tracking on/off, and the closing date — a transaction dated on or before it is refused at planning time
 * (mapping/check-closing-date.ts) instead of being sent for QuickBooks to answer 3171. A Preferences answer without a
 * ClosingDate means none is set (cleared); no Preferences answer at all leaves the last values as they were.
 */
function preferencesData(preferences: PreferencesInfo | undefined, now: Date) {
  if (preferences === undefined) return {};
  const closingDate = preferences.closingDate && /^\d{4}-\d{2}-\d{2}$/.test(preferences.closingDate) ? preferences.closingDate : null;
  return {
    qbMultiCurrencyOn: preferences.isMultiCurrencyOn ?? null,
    // The home currency: foreign-currency job costs are converted to it, and exports to a vendor in another currency refused.
    qbHomeCurrency: preferences.isMultiCurrencyOn ? preferences.homeCurrency || null : null,
    qbClassTrackingOn: preferences.isUsingClassTracking ?? null,
    qbClosingDate: closingDate,
    qbLoginUser: preferences.automaticLoginUserName || null,
    qbPreferencesAt: now,
  };
}

function samePath(a: string | null, b: string): boolean {
  // Windows paths: case-insensitive, either slash.
  const norm = (p: string) => p.trim().replace(/\//g, '\\').toLowerCase();
  return a !== null && norm(a) === norm(b);
}

function supportsVersion(supported: string[], highest: string | null, required: string): boolean {
  const value = (v: string) => {
    const [major = '0', minor = '0'] = v.split('.');
    return Number(major) * 1000 + Number(minor);
  };
  if (supported.length > 0) return supported.some((v) => value(v) >= value(required));
  return highest !== null && value(highest) >= value(required);
}

/** A version number for an INTEGER column; anything else (not a whole number, or past 32 bits: hostile input) is unknown. */
function toInt(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && Math.abs(n) <= 2147483647 ? n : null;
}
