import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildQwcFile } from './build-qwc-file.ts';
import { readXmlTree } from './test-support/read-xml-tree.ts';
import { QwcBuildError, isBracedGuid, validateQwcInput } from './validate-qwc-input.ts';
import type { QwcInput } from './validate-qwc-input.ts';

const OWNER = '{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}';
const FILE = '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}';

const BASE: QwcInput = {
  appName: 'Procore Connector (Acme Builders)',
  appUrl: 'https://app.example.com/qbwc',
  appDescription: 'Syncs Procore commitments, invoices and job costs with QuickBooks',
  appSupport: 'https://app.example.com/support/qbwc',
  userName: 'acme-builders',
  ownerId: OWNER,
  fileId: FILE,
  scheduler: { runEveryNMinutes: 15 },
};

function fields(xml: string): [string, string][] {
  const root = readXmlTree(xml);
  expect(root.local).toBe('QBWCXML');
  expect(root.ns).toBeNull();
  return root.children.map((c) => [c.local, c.children.length > 0 ? c.children.map((g) => `${g.local}=${g.text}`).join(',') : c.text]);
}

function issuesOf(input: QwcInput): string[] {
  try {
    buildQwcFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(QwcBuildError);
    return (error as QwcBuildError).issues.map((i) => `${i.field}: ${i.message}`);
  }
  return [];
}

describe('buildQwcFile', () => {
  it('writes the fields of guide Listing 4-1 in its order, plus IsReadOnly false', () => {
    const xml = buildQwcFile(BASE);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.startsWith('<?xml version="1.0"?>\r\n<QBWCXML>\r\n')).toBe(true);
    expect(fields(xml)).toEqual([
      ['AppName', 'Procore Connector (Acme Builders)'],
      ['AppID', ''],
      ['AppURL', 'https://app.example.com/qbwc'],
      ['AppDescription', 'Syncs Procore commitments, invoices and job costs with QuickBooks'],
      ['AppSupport', 'https://app.example.com/support/qbwc'],
      ['UserName', 'acme-builders'],
      ['OwnerID', OWNER],
      ['FileID', FILE],
      ['QBType', 'QBFS'],
      ['Scheduler', 'RunEveryNMinutes=15'],
      ['IsReadOnly', 'false'],
    ]);
  });

  it('writes every optional element when given', () => {
    const xml = buildQwcFile({
      ...BASE,
      appId: 'procore-connector',
      appDisplayName: 'Procore',
      appUniqueName: 'procore-connector-acme',
      certUrl: 'https://certs.example.com/',
      scheduler: { runEveryNSeconds: 90 },
      isReadOnly: false,
      authFlags: 0x2 | 0x4 | 0x8,
      notify: true,
      personalDataPref: 'pdpNotNeeded',
      unattendedModePref: 'umpOptional',
      style: 'Document',
      qbType: 'QBFS',
    });
    expect(fields(xml)).toEqual([
      ['AppName', 'Procore Connector (Acme Builders)'],
      ['AppDisplayName', 'Procore'],
      ['AppUniqueName', 'procore-connector-acme'],
      ['AppID', 'procore-connector'],
      ['AppURL', 'https://app.example.com/qbwc'],
      ['AppDescription', 'Syncs Procore commitments, invoices and job costs with QuickBooks'],
      ['AppSupport', 'https://app.example.com/support/qbwc'],
      ['CertURL', 'https://certs.example.com/'],
      ['UserName', 'acme-builders'],
      ['OwnerID', OWNER],
      ['FileID', FILE],
      ['QBType', 'QBFS'],
      ['Scheduler', 'RunEveryNSeconds=90'],
      ['IsReadOnly', 'false'],
      ['AuthFlags', '0xE'],
      ['Notify', 'true'],
      ['PersonalDataPref', 'pdpNotNeeded'],
      ['UnattendedModePref', 'umpOptional'],
      ['Style', 'Document'],
    ]);
  });

  it('leaves out Scheduler when not given (the user sets it in QBWC)', () => {
    const { scheduler: _omit, ...rest } = BASE;
    expect(fields(buildQwcFile(rest)).map(([name]) => name)).not.toContain('Scheduler');
  });

  it('writes AuthFlags 0 as 0x0 (all editions)', () => {
    expect(buildQwcFile({ ...BASE, authFlags: 0 })).toContain('<AuthFlags>0x0</AuthFlags>');
  });

  it('escapes text', () => {
    const xml = buildQwcFile({ ...BASE, appName: 'Smith & Sons <Build>', appDescription: '"Quoted" & \'apostrophes\'', userName: 'a&b' });
    expect(xml).toContain('<AppName>Smith &amp; Sons &lt;Build&gt;</AppName>');
    const values = Object.fromEntries(fields(xml));
    expect(values['AppName']).toBe('Smith & Sons <Build>');
    expect(values['AppDescription']).toBe('"Quoted" & \'apostrophes\'');
    expect(values['UserName']).toBe('a&b');
  });

  it('escapes URLs with query strings', () => {
    const xml = buildQwcFile({ ...BASE, appUrl: 'https://app.example.com/qbwc?company=12&x=1' });
    expect(xml).toContain('<AppURL>https://app.example.com/qbwc?company=12&amp;x=1</AppURL>');
  });

  it.each<[string, Partial<QwcInput>]>([
    [
      'http on localhost with a support site elsewhere (guide Listing 4-1)',
      { appUrl: 'http://localhost/WCWebService/WCWebService.asmx', appSupport: 'http://support.example.org/' },
    ],
    ['http on localhost with a port', { appUrl: 'http://localhost:3000/qbwc', appSupport: 'http://localhost:3000/support' }],
    ['https on localhost', { appUrl: 'https://localhost:8443/qbwc', appSupport: 'https://localhost:8443/' }],
    ['support on a sibling subdomain', { appUrl: 'https://qbwc.example.com/qbwc', appSupport: 'https://www.example.com/help' }],
    ['support on the parent domain', { appUrl: 'https://qbwc.example.com/qbwc', appSupport: 'https://example.com/help' }],
    ['co.uk siblings', { appUrl: 'https://qbwc.acme.co.uk/qbwc', appSupport: 'https://help.acme.co.uk/' }],
    ['upper-case host', { appUrl: 'https://APP.Example.com/qbwc', appSupport: 'https://app.example.COM/support' }],
    ['a LAN machine name over https', { appUrl: 'https://devbox/qbwc', appSupport: 'https://devbox/support' }],
  ])('accepts %s', (_name, change) => {
    expect(issuesOf({ ...BASE, ...change })).toEqual([]);
  });

  it.each<[string, Partial<QwcInput>, RegExp]>([
    ['http to a remote host', { appUrl: 'http://app.example.com/qbwc' }, /^appUrl: must use https; http is allowed only for localhost \(QBWC1010\)/],
    [
      'an IP address',
      { appUrl: 'https://203.0.113.5/qbwc', appSupport: 'https://203.0.113.5/' },
      /^appUrl: must use a host name, not an IP address \(QBWC1001\)/,
    ],
    ['127.0.0.1 (QBWC refuses IP addresses)', { appUrl: 'http://127.0.0.1:3000/qbwc', appSupport: 'http://127.0.0.1:3000/' }, /QBWC1001/],
    ['an IPv6 address', { appUrl: 'https://[::1]/qbwc' }, /QBWC1001/],
    ['ftp', { appUrl: 'ftp://app.example.com/qbwc' }, /^appUrl: must use https$/],
    ['not a URL', { appUrl: 'app.example.com/qbwc' }, /^appUrl: must be an absolute URL$/],
    ['credentials in the URL', { appUrl: 'https://user:pw@app.example.com/qbwc' }, /must not contain a user name or password/],
    [
      'support on another domain',
      { appSupport: 'https://support.other.com/' },
      /^appSupport: must be on the same domain as appUrl \(example.com\) \(QBWC1000\)$/,
    ],
    ['support on a co.uk neighbour', { appUrl: 'https://qbwc.acme.co.uk/q', appSupport: 'https://evil.co.uk/' }, /QBWC1000/],
    ['support over http', { appSupport: 'http://app.example.com/support' }, /^appSupport: must use https$/],
    ['support on an IP address', { appSupport: 'https://198.51.100.7/' }, /QBWC1002/],
    ['support not a URL', { appSupport: 'support page' }, /^appSupport: must be an absolute URL$/],
    ['support as mailto', { appSupport: 'mailto:help@example.com' }, /^appSupport: must use https$/],
    ['a LAN machine name with another support machine', { appUrl: 'https://devbox/qbwc', appSupport: 'https://otherbox/' }, /QBWC1000/],
    ['certUrl over http', { certUrl: 'http://certs.example.com/' }, /^certUrl: must be an absolute https URL$/],
    ['ownerId without braces', { ownerId: '57F3B9B1-86F1-4FCC-B1EE-566DE1813D20' }, /^ownerId: must be a GUID in braces/],
    ['ownerId not a GUID', { ownerId: '{procore}' }, /^ownerId:/],
    ['fileId without braces', { fileId: '90A44FB5-33D9-4815-AC85-BC87A7E7D1EB' }, /^fileId: must be a GUID in braces/],
    ['fileId equal to ownerId', { fileId: OWNER.toLowerCase() }, /^fileId: must differ from ownerId/],
    ['empty appName', { appName: '  ' }, /^appName: is required$/],
    ['empty userName', { userName: '' }, /^userName: is required$/],
    ['empty appDescription', { appDescription: '' }, /^appDescription: is required$/],
    ['a newline in appName', { appName: 'two\nlines' }, /^appName: must not contain control characters$/],
    ['a NUL in appId', { appId: 'a\u0000' }, /^appId: must not contain control characters$/],
    ['QBPOS', { qbType: 'QBPOS' as never }, /^qbType: must be 'QBFS'/],
    ['both scheduler fields', { scheduler: { runEveryNMinutes: 5, runEveryNSeconds: 30 } as never }, /^scheduler: must set exactly one/],
    ['an empty scheduler', { scheduler: {} as never }, /^scheduler: must set exactly one/],
    ['zero minutes', { scheduler: { runEveryNMinutes: 0 } }, /^scheduler: runEveryNMinutes must be a positive whole number$/],
    ['fractional seconds', { scheduler: { runEveryNSeconds: 1.5 } }, /^scheduler: runEveryNSeconds must be a positive whole number$/],
    ['authFlags out of range', { authFlags: 0x10 }, /^authFlags:/],
    ['negative authFlags', { authFlags: -1 }, /^authFlags:/],
    ['personalDataPref', { personalDataPref: 'pdpMaybe' as never }, /^personalDataPref: must be one of pdpNotNeeded, pdpOptional, pdpRequired$/],
    ['unattendedModePref', { unattendedModePref: 'umpAlways' as never }, /^unattendedModePref: must be one of umpRequired, umpOptional$/],
    ['style', { style: 'Literal' as never }, /^style: must be one of Document, DocWrapped, RPC$/],
    ['isReadOnly as text', { isReadOnly: 'false' as never }, /^isReadOnly: must be true or false$/],
  ])('refuses %s', (_name, change, message) => {
    const issues = issuesOf({ ...BASE, ...change });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((i) => message.test(i))).toBe(true);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({ ...BASE, appName: '', appUrl: 'http://app.example.com/', ownerId: 'x', fileId: 'y' });
    expect(issues.map((i) => i.split(':')[0])).toEqual(['appName', 'appUrl', 'ownerId', 'fileId']);
    expect(() => buildQwcFile({ ...BASE, appName: '' })).toThrow(/invalid .qwc input: appName: is required/);
  });

  it('validateQwcInput returns no issues for a valid input', () => {
    expect(validateQwcInput(BASE)).toEqual([]);
  });
});

describe('isBracedGuid', () => {
  it.each([
    [OWNER, true],
    ['{57f3b9b1-86f1-4fcc-b1ee-566de1813d20}', true],
    ['{00000000-0000-0000-0000-000000000000}', true],
    ['57F3B9B1-86F1-4FCC-B1EE-566DE1813D20', false],
    ['{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20', false],
    ['{57F3B9B186F14FCCB1EE566DE1813D20}', false],
    ['{57F3B9B1-86F1-4FCC-B1EE-566DE1813D2G}', false],
    [' {57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isBracedGuid(value)).toBe(expected);
  });
});
