import { escapeXmlText } from './escape-xml.ts';
import { QwcBuildError, validateQwcInput } from './validate-qwc-input.ts';
import type { QwcInput } from './validate-qwc-input.ts';

/**
 * The .qwc file a company admin downloads and opens in QBWC (QBWC guide chapter 4).
 * Element order follows Listing 4-1 (p.33) with the optional elements after it: the guide says
 * order does not matter (p.38) but recommends approximating the sample for people reading it.
 *
 * @throws QwcBuildError listing every invalid field.
 */
export function buildQwcFile(input: QwcInput): string {
  const issues = validateQwcInput(input);
  if (issues.length > 0) throw new QwcBuildError(issues);

  const lines: string[] = ['<?xml version="1.0"?>', '<QBWCXML>'];
  const el = (name: string, value: string | undefined, indent = 1) => {
    if (value !== undefined) lines.push(`${'  '.repeat(indent)}<${name}>${escapeXmlText(value)}</${name}>`);
  };

  el('AppName', input.appName);
  el('AppDisplayName', input.appDisplayName);
  el('AppUniqueName', input.appUniqueName);
  el('AppID', input.appId ?? '');
  el('AppURL', input.appUrl);
  el('AppDescription', input.appDescription);
  el('AppSupport', input.appSupport);
  el('CertURL', input.certUrl);
  el('UserName', input.userName);
  el('OwnerID', input.ownerId);
  el('FileID', input.fileId);
  el('QBType', 'QBFS');
  if (input.scheduler !== undefined) {
    lines.push('  <Scheduler>');
    if ('runEveryNMinutes' in input.scheduler) el('RunEveryNMinutes', String(input.scheduler.runEveryNMinutes), 2);
    else el('RunEveryNSeconds', String(input.scheduler.runEveryNSeconds), 2);
    lines.push('  </Scheduler>');
  }
  el('IsReadOnly', String(input.isReadOnly ?? false));
  // Guide p.36 writes the flags as 0x0 .. 0x8.
  el('AuthFlags', input.authFlags === undefined ? undefined : `0x${input.authFlags.toString(16).toUpperCase()}`);
  el('Notify', input.notify === undefined ? undefined : String(input.notify));
  el('PersonalDataPref', input.personalDataPref);
  el('UnattendedModePref', input.unattendedModePref);
  el('Style', input.style);
  lines.push('</QBWCXML>');
  // CRLF: the file is opened on Windows, sometimes in Notepad by the admin.
  return `${lines.join('\r\n')}\r\n`;
}
