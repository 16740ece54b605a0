import { hasInvalidXmlChars } from './escape-xml.ts';

/**
 * What goes into a .qwc file (QBWC guide chapter 4, Table 4-1, pp.35-38).
 * Required by the guide: AppName, AppID (may be empty), AppURL, AppDescription, AppSupport,
 * UserName, OwnerID, FileID, QBType. The rest is optional.
 */
export interface QwcInput {
  readonly appName: string;
  /** Guide p.35: "Y, but can be empty". Defaults to ''. */
  readonly appId?: string;
  readonly appUrl: string;
  /** Guide p.35 recommends at most 80 characters. */
  readonly appDescription: string;
  readonly appSupport: string;
  readonly userName: string;
  /** One GUID per application, `{...}` form (guide p.37). */
  readonly ownerId: string;
  /** GUID, `{...}` form, stable per company (guide p.36). */
  readonly fileId: string;
  /** Only QuickBooks Financial Software is supported by this connector. */
  readonly qbType?: 'QBFS';
  /** Default update interval; the user can override it in QBWC (guide p.37). */
  readonly scheduler?: { readonly runEveryNMinutes: number } | { readonly runEveryNSeconds: number };
  /** We write to QuickBooks, so false (docs/web-connector-protocol.md#the-qwc-file). */
  readonly isReadOnly?: boolean;
  readonly appDisplayName?: string;
  readonly appUniqueName?: string;
  /** Certificate server other than the web server (guide p.8). */
  readonly certUrl?: string;
  /** Bit flags of supported editions (guide p.36): 0x1 Simple Start, 0x2 Pro, 0x4 Premier,
   *  0x8 Enterprise, 0x0 all (default). Combine with bitwise OR. */
  readonly authFlags?: number;
  readonly notify?: boolean;
  readonly personalDataPref?: 'pdpNotNeeded' | 'pdpOptional' | 'pdpRequired';
  readonly unattendedModePref?: 'umpRequired' | 'umpOptional';
  readonly style?: 'Document' | 'DocWrapped' | 'RPC';
}

export interface QwcIssue {
  readonly field: keyof QwcInput;
  readonly message: string;
}

export class QwcBuildError extends Error {
  override readonly name = 'QwcBuildError';
  readonly issues: readonly QwcIssue[];
  constructor(issues: readonly QwcIssue[]) {
    super(`invalid .qwc input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}

const BRACED_GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;

/** A GUID in the braced form QBWC uses for OwnerID and FileID, e.g. {57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}. */
export function isBracedGuid(value: string): boolean {
  return BRACED_GUID.test(value);
}

const PERSONAL_DATA_PREFS = ['pdpNotNeeded', 'pdpOptional', 'pdpRequired'];
const UNATTENDED_MODE_PREFS = ['umpRequired', 'umpOptional'];
const STYLES = ['Document', 'DocWrapped', 'RPC'];
const MAX_INTERVAL = 2147483647;

/** Every problem with the input, empty when it makes a .qwc QBWC will load. */
export function validateQwcInput(input: QwcInput): QwcIssue[] {
  const issues: QwcIssue[] = [];
  const add = (field: keyof QwcInput, message: string) => issues.push({ field, message });

  const text = (field: keyof QwcInput, value: unknown, required: boolean) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return add(field, 'must be a string');
    if (required && value.trim() === '') return add(field, 'is required');
    // Control characters are unreadable in QBWC's dialogs and mostly not representable in XML 1.0.
    if (/[\u0000-\u001f\u007f]/.test(value) || hasInvalidXmlChars(value)) add(field, 'must not contain control characters');
  };
  text('appName', input.appName, true);
  text('appId', input.appId, false);
  text('appDescription', input.appDescription, true);
  text('userName', input.userName, true);
  text('appDisplayName', input.appDisplayName, false);
  text('appUniqueName', input.appUniqueName, false);

  const appUrl = parseUrl(input.appUrl);
  if (!appUrl) add('appUrl', 'must be an absolute URL');
  else {
    if (isIpLiteral(appUrl.hostname)) add('appUrl', 'must use a host name, not an IP address (QBWC1001)');
    if (appUrl.username !== '' || appUrl.password !== '') add('appUrl', 'must not contain a user name or password');
    if (appUrl.protocol === 'http:') {
      if (!isLocalhost(appUrl.hostname)) add('appUrl', 'must use https; http is allowed only for localhost (QBWC1010)');
    } else if (appUrl.protocol !== 'https:') add('appUrl', 'must use https');
  }

  const support = parseUrl(input.appSupport);
  if (!support) add('appSupport', 'must be an absolute URL');
  else {
    if (isIpLiteral(support.hostname)) add('appSupport', 'must use a host name, not an IP address (QBWC1002)');
    if (support.protocol !== 'https:' && support.protocol !== 'http:') add('appSupport', 'must use https');
    // Guide p.35: only when developing against localhost may AppURL and AppSupport differ.
    const localDev = appUrl !== null && isLocalhost(appUrl.hostname);
    if (!localDev) {
      if (support.protocol === 'http:') add('appSupport', 'must use https');
      if (appUrl && !isIpLiteral(appUrl.hostname) && siteOf(support.hostname) !== siteOf(appUrl.hostname)) {
        add('appSupport', `must be on the same domain as appUrl (${siteOf(appUrl.hostname)}) (QBWC1000)`);
      }
    }
  }

  if (input.certUrl !== undefined) {
    const cert = parseUrl(input.certUrl);
    if (!cert || cert.protocol !== 'https:') add('certUrl', 'must be an absolute https URL');
  }

  if (typeof input.ownerId !== 'string' || !isBracedGuid(input.ownerId)) {
    add('ownerId', 'must be a GUID in braces, e.g. {57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}');
  }
  if (typeof input.fileId !== 'string' || !isBracedGuid(input.fileId)) {
    add('fileId', 'must be a GUID in braces, e.g. {90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}');
  } else if (typeof input.ownerId === 'string' && input.fileId.toLowerCase() === input.ownerId.toLowerCase()) {
    add('fileId', 'must differ from ownerId (one OwnerID per application, one FileID per company)');
  }

  if (input.qbType !== undefined && input.qbType !== 'QBFS') add('qbType', "must be 'QBFS' (QuickBooks Financial Software)");

  if (input.scheduler !== undefined) {
    const scheduler = input.scheduler as Record<string, unknown>;
    const keys = ['runEveryNMinutes', 'runEveryNSeconds'].filter((k) => scheduler[k] !== undefined);
    if (keys.length !== 1) {
      // Guide p.39: with both, QBWC silently uses whichever comes first; we refuse the ambiguity.
      add('scheduler', 'must set exactly one of runEveryNMinutes or runEveryNSeconds');
    } else {
      const value = scheduler[keys[0] as string];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_INTERVAL) {
        add('scheduler', `${keys[0]} must be a positive whole number`);
      }
    }
  }

  if (input.isReadOnly !== undefined && typeof input.isReadOnly !== 'boolean') add('isReadOnly', 'must be true or false');
  if (input.notify !== undefined && typeof input.notify !== 'boolean') add('notify', 'must be true or false');
  if (
    input.authFlags !== undefined &&
    (typeof input.authFlags !== 'number' || !Number.isInteger(input.authFlags) || input.authFlags < 0 || input.authFlags > 0xf)
  ) {
    add('authFlags', 'must combine 0x1 (Simple Start), 0x2 (Pro), 0x4 (Premier), 0x8 (Enterprise), or be 0x0 (all)');
  }
  if (input.personalDataPref !== undefined && !PERSONAL_DATA_PREFS.includes(input.personalDataPref)) {
    add('personalDataPref', `must be one of ${PERSONAL_DATA_PREFS.join(', ')}`);
  }
  if (input.unattendedModePref !== undefined && !UNATTENDED_MODE_PREFS.includes(input.unattendedModePref)) {
    add('unattendedModePref', `must be one of ${UNATTENDED_MODE_PREFS.join(', ')}`);
  }
  if (input.style !== undefined && !STYLES.includes(input.style)) add('style', `must be one of ${STYLES.join(', ')}`);
  return issues;
}

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function isLocalhost(hostname: string): boolean {
  return hostname.toLowerCase() === 'localhost';
}

function isIpLiteral(hostname: string): boolean {
  // WHATWG URL has already normalised IPv4 forms (0x7f.1 → 127.0.0.1); IPv6 keeps its brackets.
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

// Second-level labels under which registrations happen one level deeper (example.co.uk).
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ltd', 'plc', 'nhs', 'sch', 'or', 'ne', 'go']);

/**
 * The registrable domain of a host, approximately: the last two labels, or three under a
 * country-code second level (co.uk, com.au). Guide p.35: "the domain name used in AppSupport
 * must match the domain name used in the AppURL"; app.example.com and www.example.com match.
 * A single-label machine name (dev box on a LAN) is its own domain.
 */
function siteOf(hostname: string): string {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  const last = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const keep = labels.length >= 3 && last.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}
