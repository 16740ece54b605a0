// Reads a .qwc file (QBWCXML, QBWC guide ch.4 pp.33-38) from a path or an http(s) URL: what QBWC
// learns when the user adds the application — AppURL, UserName, OwnerID and FileID.

import { readFile } from 'node:fs/promises';
import { parseXmlDocument } from './parse-xml-document.ts';

export interface QwcFile {
  appName: string;
  appUrl: string;
  userName: string;
  ownerId: string;
  fileId: string;
  qbType: string;
  runEveryNMinutes?: number;
}

export async function readQwcFile(pathOrUrl: string, fetchImpl: typeof fetch = globalThis.fetch): Promise<QwcFile> {
  let text: string;
  if (/^https?:\/\//i.test(pathOrUrl)) {
    const response = await fetchImpl(pathOrUrl);
    if (!response.ok) throw new Error(`GET ${pathOrUrl} answered HTTP ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(pathOrUrl, 'utf8');
  }
  return parseQwcFile(text);
}

export function parseQwcFile(xml: string): QwcFile {
  const root = parseXmlDocument(xml);
  if (root.localName !== 'QBWCXML') throw new Error(`a .qwc file's root element is QBWCXML, found <${root.name}>`);
  const field = (name: string): string | undefined => root.children.find((child) => child.localName === name)?.text.trim();
  const required = (name: string): string => {
    const value = field(name);
    // QBWC1039: "The QWC file may be missing some required elements" (guide p.96).
    if (!value) throw new Error(`QBWC1039: the .qwc file has no <${name}>`);
    return value;
  };
  const minutes = root.children
    .find((child) => child.localName === 'Scheduler')
    ?.children.find((child) => child.localName === 'RunEveryNMinutes')
    ?.text.trim();
  return {
    appName: required('AppName'),
    appUrl: required('AppURL'),
    userName: required('UserName'),
    ownerId: required('OwnerID'),
    fileId: required('FileID'),
    qbType: field('QBType') ?? 'QBFS',
    ...(minutes && /^[0-9]+$/.test(minutes) && { runEveryNMinutes: Number(minutes) }),
  };
}
