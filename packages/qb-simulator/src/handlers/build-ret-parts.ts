import type { Stamp, StoredNode } from '../model/company-file.ts';
import { formatDateTime } from '../model/format-values.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el, textsOf } from '../xml/xml-node.ts';
import type { RequestContext } from './request-context.ts';
import { REF_KIND, resolveRef } from './resolve-ref.ts';

/** <XRef><ListID/><FullName/></XRef> with the record's current FullName (qbxml130.xsd ListRef group). */
export function refNode(ctx: RequestContext, name: string, listId: string | undefined): XmlNode | undefined {
  if (!listId) return undefined;
  const full = ctx.store.fullName(listId);
  return el(name, [el('ListID', listId), el('FullName', full)]);
}

export function dateTime(ctx: RequestContext, epochMs: number): string {
  return formatDateTime(epochMs, ctx.store.company.utcOffset);
}

/** TimeCreated, TimeModified, EditSequence children (ListCore / TxnCore groups). */
export function stampNodes(ctx: RequestContext, rec: Stamp): XmlNode[] {
  return [el('TimeCreated', dateTime(ctx, rec.timeCreated)), el('TimeModified', dateTime(ctx, rec.timeModified)), el('EditSequence', rec.editSequence)];
}

/** Pushes only the defined nodes. */
export function pushDefined(target: XmlNode[], ...nodes: (XmlNode | undefined | false)[]): void {
  for (const n of nodes) if (n) target.push(n);
}

export function opt(name: string, value: string | number | undefined): XmlNode | undefined {
  return value === undefined || value === '' ? undefined : el(name, value);
}

function toStored(ctx: RequestContext, node: XmlNode, where: string): StoredNode {
  const kind = REF_KIND[node.name];
  if (kind !== undefined && node.children.length > 0) {
    const id = resolveRef(ctx, node, kind, where);
    return { name: node.name, children: [{ name: 'ListID', text: id }] };
  }
  if (node.children.length === 0) return { name: node.name, text: node.text ?? '' };
  return { name: node.name, children: node.children.map((c) => toStored(ctx, c, where)) };
}

/**
 * Add/Mod fields the simulator does not interpret but QuickBooks would store and return
 * (addresses, phones, notes...): kept when the Ret declares an element of that name.
 * References among them are resolved (3140 when missing) and stored as ListIDs.
 */
export function captureExtras(
  ctx: RequestContext,
  source: XmlNode,
  retName: string,
  handled: ReadonlySet<string>,
  existing: StoredNode[] | undefined,
  where: string,
): StoredNode[] | undefined {
  const retModel = ctx.schema.globalElement(retName)?.model();
  const kept = new Map<string, StoredNode[]>();
  for (const n of existing ?? []) kept.set(n.name, [...(kept.get(n.name) ?? []), n]);
  const replaced = new Set<string>();
  for (const child of source.children) {
    if (handled.has(child.name) || !retModel?.decls.has(child.name)) continue;
    if (!replaced.has(child.name)) {
      kept.set(child.name, []);
      replaced.add(child.name);
    }
    kept.get(child.name)?.push(toStored(ctx, child, where));
  }
  const out = [...kept.values()].flat();
  return out.length > 0 ? out : undefined;
}

function fromStored(ctx: RequestContext, node: StoredNode): XmlNode {
  if (REF_KIND[node.name] !== undefined) {
    const id = node.children?.find((c) => c.name === 'ListID')?.text;
    if (id && ctx.store.listEntry(id)) return refNode(ctx, node.name, id) as XmlNode;
  }
  if (!node.children) return el(node.name, node.text ?? '');
  return el(
    node.name,
    node.children.map((c) => fromStored(ctx, c)),
  );
}

export function extraNodes(ctx: RequestContext, extras: StoredNode[] | undefined): XmlNode[] {
  return (extras ?? []).map((n) => fromStored(ctx, n));
}

/** IncludeRetElement: QuickBooks returns only the named top-level elements of each Ret. */
export function applyIncludeRetElement(query: XmlNode, ret: XmlNode): XmlNode {
  const names = textsOf(query, 'IncludeRetElement');
  if (names.length === 0) return ret;
  const keep = new Set(names);
  ret.children = ret.children.filter((c) => keep.has(c.name));
  return ret;
}

/** Adds each node whose element is not among `target` yet (a stored field wins over a default). */
export function addMissing(target: XmlNode[], ...nodes: (XmlNode | undefined)[]): void {
  const have = new Set(target.map((c) => c.name));
  for (const n of nodes) if (n && !have.has(n.name)) target.push(n);
}

/**
 * BillAddressBlock / ShipAddressBlock / VendorAddressBlock: the address as QuickBooks prints it, which it
 * returns beside the address (real answers: the Addr lines, then "Storrs-Mansfield, CT 06268", then the
 * country; the XSD's AddressBlock holds Addr1-Addr5 only).
 */
export function addressBlock(blockName: string, address: XmlNode | undefined): XmlNode | undefined {
  if (!address) return undefined;
  const text = (name: string): string | undefined => address.children.find((c) => c.name === name)?.text?.trim() || undefined;
  const lines = ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5'].map(text).filter((l): l is string => l !== undefined);
  const cityLine = [text('City'), [text('State'), text('PostalCode')].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (cityLine) lines.push(cityLine);
  // A real BillAddressBlock (consolibyte/quickbooks-php dev/dev_qbwc_tester.php) prints Country "USA" as "United States".
  const country = text('Country');
  if (country) lines.push(/^(US|USA|U\.S\.A\.)$/i.test(country) ? 'United States' : country);
  if (lines.length === 0) return undefined;
  return el(
    blockName,
    lines.slice(0, 5).map((l, i) => el(`Addr${i + 1}`, l)),
  );
}
