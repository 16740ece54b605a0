// One QuickBooks Online company (realm) in memory: records by entity and Id, with Intuit's bookkeeping —
// Id assigned on create, SyncToken "0" then +1 on each change (optimistic locking: a stale one is 5010),
// MetaData.CreateTime / LastUpdatedTime, deleted transactions kept as tombstones for CDC (status "Deleted").
// Sources: "Learn about basic field definitions" (Id, SyncToken, MetaData),
// https://developer.intuit.com/app/developer/qbo/docs/learn/learn-basic-field-definitions; sparse update
// ("sparse": true changes only the fields sent; a Line array replaces every line), each entity's API reference
// page (…/docs/api/accounting/all-entities/<entity>).

import { duplicateName, invalidReference, objectNotFound, requiredParamMissing, staleObject, unsupportedProperty, validationFault } from '../http/qbo-fault.ts';
import { NAME_LIST_ENTITIES, REF_TARGETS, REQUIRED_ON_CREATE, nameFieldOf, type EntityName } from './entity-rules.ts';
import { formatMetaTime } from './format-qbo-time.ts';

export type QboRecord = Record<string, unknown> & { Id: string; SyncToken: string };

interface Stored {
  record: QboRecord;
  deleted: boolean;
  /** Epoch ms of the last change (CDC compares against it). */
  changedAt: number;
}

export type ChangeOperation = 'Create' | 'Update' | 'Delete';

export interface RecordChange {
  realmId: string;
  entity: EntityName;
  id: string;
  operation: ChangeOperation;
  at: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);
const LIVE_TOTAL_LINE = (line: Record<string, unknown>): boolean => line['DetailType'] !== 'SubTotalLineDetail';
const round2 = (n: number): number => Math.round(n * 100) / 100;

export class RealmStore {
  private readonly tables = new Map<EntityName, Map<string, Stored>>();
  private readonly nextIds = new Map<EntityName, number>();

  readonly realmId: string;
  private readonly now: () => number;
  private readonly onChange: (change: RecordChange) => void;
  constructor(realmId: string, now: () => number, onChange: (change: RecordChange) => void = () => {}) {
    this.realmId = realmId;
    this.now = now;
    this.onChange = onChange;
  }

  private table(entity: EntityName): Map<string, Stored> {
    let t = this.tables.get(entity);
    if (!t) {
      t = new Map();
      this.tables.set(entity, t);
    }
    return t;
  }

  /** A copy of the live record, or 610. */
  read(entity: EntityName, id: string): QboRecord {
    const stored = this.table(entity).get(id);
    if (!stored || stored.deleted) throw objectNotFound(entity, id);
    return clone(stored.record);
  }

  /** Copies of every live record of the type (inactive name-list records included). */
  list(entity: EntityName): QboRecord[] {
    return [...this.table(entity).values()].filter((s) => !s.deleted).map((s) => clone(s.record));
  }

  /** CDC: every record of the type changed at or after `sinceMs`, deleted ones as { Id, status: "Deleted" }. */
  changedSince(entity: EntityName, sinceMs: number): Array<Record<string, unknown>> {
    return [...this.table(entity).values()]
      .filter((s) => s.changedAt >= sinceMs)
      .sort((a, b) => a.changedAt - b.changedAt)
      .map((s) =>
        s.deleted ? { Id: s.record.Id, status: 'Deleted', domain: 'QBO', MetaData: { LastUpdatedTime: formatMetaTime(s.changedAt) } } : clone(s.record),
      );
  }

  create(entity: EntityName, payload: Record<string, unknown>): QboRecord {
    if (payload['Id'] !== undefined) throw unsupportedProperty(`Id must not be sent on create (${entity})`, 'Id');
    for (const field of REQUIRED_ON_CREATE[entity]) if (payload[field] === undefined || payload[field] === '') throw requiredParamMissing(field);
    const t = this.now();
    const id = String(this.nextIds.get(entity) ?? 1);
    const record: QboRecord = { ...clone(payload), Id: id, SyncToken: '0', domain: 'QBO' };
    delete record['sparse'];
    if (NAME_LIST_ENTITIES.has(entity) && record['Active'] === undefined) record['Active'] = true;
    this.prepare(entity, record, null);
    record['MetaData'] = { CreateTime: formatMetaTime(t), LastUpdatedTime: formatMetaTime(t) };
    this.nextIds.set(entity, Number(id) + 1);
    this.table(entity).set(id, { record, deleted: false, changedAt: t });
    this.onChange({ realmId: this.realmId, entity, id, operation: 'Create', at: t });
    this.afterWrite(entity, record, null);
    return clone(record);
  }

  /** Sparse (`sparse: true`: only the fields sent change) or full update (every writable field replaced). */
  update(entity: EntityName, payload: Record<string, unknown>): QboRecord {
    const { stored, id } = this.current(entity, payload);
    const before = clone(stored.record);
    const sparse = payload['sparse'] === true;
    const next: Record<string, unknown> = sparse ? { ...clone(stored.record) } : { Id: id, domain: 'QBO' };
    for (const [key, value] of Object.entries(payload)) {
      if (key === 'Id' || key === 'SyncToken' || key === 'sparse' || key === 'MetaData') continue;
      next[key] = clone(value);
    }
    if (!sparse) for (const field of REQUIRED_ON_CREATE[entity]) if (next[field] === undefined) throw requiredParamMissing(field);
    const record = next as QboRecord;
    record.SyncToken = stored.record.SyncToken;
    this.prepare(entity, record, before);
    this.commit(entity, stored, record, 'Update');
    this.afterWrite(entity, record, before);
    return clone(stored.record);
  }

  /** POST ?operation=delete { Id, SyncToken }: transactions only; name lists are made inactive instead. */
  delete(entity: EntityName, payload: Record<string, unknown>): Record<string, unknown> {
    if (NAME_LIST_ENTITIES.has(entity)) {
      throw validationFault(
        '6000',
        'A business validation error has occurred while processing your request',
        `${entity} cannot be deleted: make it inactive (Active=false)`,
      );
    }
    const { stored, id } = this.current(entity, payload);
    const before = clone(stored.record);
    const t = this.now();
    stored.deleted = true;
    stored.changedAt = t;
    this.onChange({ realmId: this.realmId, entity, id, operation: 'Delete', at: t });
    this.afterWrite(entity, null, before);
    return { Id: id, status: 'Deleted', domain: 'QBO' };
  }

  /** Test/demo edit "made in QuickBooks": a sparse change without a SyncToken check (bumps the SyncToken). */
  editAsUser(entity: EntityName, id: string, changes: Record<string, unknown>): QboRecord {
    const current = this.read(entity, id);
    return this.update(entity, { ...changes, Id: id, SyncToken: current.SyncToken, sparse: true });
  }

  private current(entity: EntityName, payload: Record<string, unknown>): { stored: Stored; id: string } {
    const id = payload['Id'];
    if (typeof id !== 'string' || id === '') throw requiredParamMissing('Id');
    const syncToken = payload['SyncToken'];
    if (typeof syncToken !== 'string' || syncToken === '') throw requiredParamMissing('SyncToken');
    const stored = this.table(entity).get(id);
    if (!stored || stored.deleted) throw objectNotFound(entity, id);
    if (syncToken !== stored.record.SyncToken) throw staleObject(entity, id, syncToken, stored.record.SyncToken);
    return { stored, id };
  }

  private commit(entity: EntityName, stored: Stored, record: QboRecord, operation: ChangeOperation): void {
    const t = this.now();
    const meta = isRecord(stored.record['MetaData']) ? stored.record['MetaData'] : {};
    record.SyncToken = String(Number(stored.record.SyncToken) + 1);
    record['MetaData'] = { ...meta, LastUpdatedTime: formatMetaTime(t) };
    stored.record = record;
    stored.changedAt = t;
    this.onChange({ realmId: this.realmId, entity, id: record.Id, operation, at: t });
  }

  /** Validation and computed fields, before the record is stored. */
  private prepare(entity: EntityName, record: QboRecord, before: QboRecord | null): void {
    this.resolveRefs(record, entity);
    if (entity === 'Customer') this.prepareCustomer(record);
    if (entity === 'Class' || entity === 'Account' || entity === 'Item') {
      const parent = isRecord(record['ParentRef']) ? this.read(entity, String(record['ParentRef']['value'])) : null;
      record['FullyQualifiedName'] = parent ? `${String(parent['FullyQualifiedName'])}:${String(record['Name'])}` : record['Name'];
    }
    this.assertUniqueName(entity, record);
    if (Array.isArray(record['Line'])) this.numberLines(record['Line'] as Array<Record<string, unknown>>, before);
    this.computeTotals(entity, record);
    if (entity === 'Bill') this.checkLinkedPurchaseOrders(record);
    if (entity === 'BillPayment' || entity === 'Payment') this.checkAppliedTo(record);
  }

  /** A payment's lines apply it to bills / vendor credits (BillPayment) or invoices (Payment) that must exist. */
  private checkAppliedTo(payment: QboRecord): void {
    for (const line of (payment['Line'] as Array<Record<string, unknown>> | undefined) ?? []) {
      for (const l of (line['LinkedTxn'] as Array<Record<string, unknown>> | undefined) ?? []) {
        const type = l['TxnType'];
        if (type !== 'Bill' && type !== 'Invoice' && type !== 'VendorCredit') continue;
        const stored = this.table(type).get(String(l['TxnId']));
        if (!stored || stored.deleted) throw invalidReference('LinkedTxn', String(l['TxnId']));
      }
    }
  }

  /** Sub-customers: Job=true with ParentRef; FullyQualifiedName "Parent:Child", Level = depth (Customer reference page). */
  private prepareCustomer(record: QboRecord): void {
    if (isRecord(record['ParentRef'])) {
      const parentId = String(record['ParentRef']['value']);
      if (parentId === record.Id) throw invalidReference('ParentRef', parentId);
      const parent = this.read('Customer', parentId);
      record['FullyQualifiedName'] = `${String(parent['FullyQualifiedName'])}:${String(record['DisplayName'])}`;
      record['Level'] = Number(parent['Level'] ?? 0) + 1;
      record['Job'] = record['Job'] ?? true;
      record['BillWithParent'] = record['BillWithParent'] ?? false;
    } else {
      record['FullyQualifiedName'] = record['DisplayName'];
      record['Level'] = 0;
      record['Job'] = false;
    }
  }

  private assertUniqueName(entity: EntityName, record: QboRecord): void {
    const naming = nameFieldOf(entity);
    if (!naming) return;
    const key = (r: Record<string, unknown>): string =>
      String(naming.field === 'Name' ? (r['FullyQualifiedName'] ?? r['Name']) : r['DisplayName'])
        .trim()
        .toLowerCase();
    const mine = key(record);
    const entities: EntityName[] = naming.namespace === 'people' ? ['Vendor', 'Customer'] : [entity];
    for (const other of entities) {
      for (const s of this.table(other).values()) {
        if (s.deleted || (other === entity && s.record.Id === record.Id)) continue;
        if (key(s.record) === mine) throw duplicateName(String(record[naming.field]), s.record.Id);
      }
    }
  }

  /** Every <X>Ref must point at a live record; Intuit fills in its `name`. */
  private resolveRefs(value: unknown, entity: EntityName, path = ''): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.resolveRefs(v, entity, `${path}[${i}]`));
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const target = key === 'ParentRef' ? entity : REF_TARGETS[key];
      if (target && isRecord(child)) {
        const id = String(child['value'] ?? '');
        const stored = this.table(target).get(id);
        if (!stored || stored.deleted) throw invalidReference(key, id);
        const naming = nameFieldOf(target);
        if (naming) child['name'] = stored.record['FullyQualifiedName'] ?? stored.record[naming.field];
      } else if (key === 'EntityRef' && isRecord(child)) {
        const type = child['type'] === 'Customer' ? 'Customer' : 'Vendor';
        const stored = this.table(type).get(String(child['value'] ?? ''));
        if (!stored || stored.deleted) throw invalidReference(key, String(child['value'] ?? ''));
        child['name'] = stored.record['DisplayName'];
      } else {
        this.resolveRefs(child, entity, path === '' ? key : `${path}.${key}`);
      }
    }
  }

  /** Lines keep their Id across updates; new lines get the next one (Intuit answers line Ids "1", "2", …). */
  private numberLines(lines: Array<Record<string, unknown>>, before: QboRecord | null): void {
    const previous = Array.isArray(before?.['Line']) ? (before['Line'] as Array<Record<string, unknown>>) : [];
    let next = Math.max(0, ...[...previous, ...lines].map((l) => Number(l['Id']) || 0)) + 1;
    lines.forEach((line, i) => {
      if (typeof line['Amount'] !== 'number' && line['DetailType'] !== 'DescriptionOnly' && line['DetailType'] !== 'SubTotalLineDetail') {
        throw requiredParamMissing(`Line[${i}].Amount`);
      }
      if (line['Id'] === undefined) line['Id'] = String(next++);
      line['LineNum'] = line['LineNum'] ?? i + 1;
    });
  }

  private computeTotals(entity: EntityName, record: QboRecord): void {
    const lines = Array.isArray(record['Line']) ? (record['Line'] as Array<Record<string, unknown>>) : [];
    const lineSum = round2(lines.filter(LIVE_TOTAL_LINE).reduce((sum, l) => sum + (typeof l['Amount'] === 'number' ? l['Amount'] : 0), 0));
    switch (entity) {
      case 'PurchaseOrder':
        record['TotalAmt'] = lineSum;
        record['POStatus'] = record['POStatus'] ?? 'Open';
        break;
      case 'Bill':
      case 'Invoice':
      case 'VendorCredit':
        record['TotalAmt'] = lineSum;
        record['Balance'] = round2(lineSum - this.paidAgainst(entity, record.Id));
        break;
      case 'Purchase':
      case 'Estimate':
        record['TotalAmt'] = lineSum;
        break;
      case 'Payment':
      case 'BillPayment': {
        const total = Number(record['TotalAmt']);
        if (!Number.isFinite(total)) throw requiredParamMissing('TotalAmt');
        if (lineSum > total + 0.005) {
          throw validationFault(
            '6000',
            'A business validation error has occurred while processing your request',
            `The amount applied (${lineSum}) is more than the payment (${total})`,
          );
        }
        if (entity === 'Payment') record['UnappliedAmt'] = round2(total - lineSum);
        break;
      }
      default:
        break;
    }
  }

  /** Bill lines may receive PO lines (LinkedTxn TxnType PurchaseOrder, TxnLineId): the PO and line must exist. */
  private checkLinkedPurchaseOrders(bill: QboRecord): void {
    for (const link of linkedTxns(bill)) {
      if (link.TxnType !== 'PurchaseOrder') continue;
      const po = this.table('PurchaseOrder').get(link.TxnId);
      if (!po || po.deleted) throw invalidReference('LinkedTxn', link.TxnId);
      if (link.TxnLineId !== undefined) {
        const lines = Array.isArray(po.record['Line']) ? (po.record['Line'] as Array<Record<string, unknown>>) : [];
        if (!lines.some((l) => l['Id'] === link.TxnLineId)) throw invalidReference('LinkedTxn.TxnLineId', link.TxnLineId);
      }
    }
  }

  /** Sum of live payment lines applied to a bill (BillPayment) or an invoice (Payment) or a vendor credit. */
  private paidAgainst(entity: EntityName, id: string): number {
    const payer: EntityName | null = entity === 'Bill' || entity === 'VendorCredit' ? 'BillPayment' : entity === 'Invoice' ? 'Payment' : null;
    if (!payer) return 0;
    let paid = 0;
    for (const s of this.table(payer).values()) {
      if (s.deleted) continue;
      for (const line of (s.record['Line'] as Array<Record<string, unknown>> | undefined) ?? []) {
        const links = Array.isArray(line['LinkedTxn']) ? (line['LinkedTxn'] as Array<Record<string, unknown>>) : [];
        if (links.some((l) => l['TxnId'] === id && l['TxnType'] === entity)) paid += Number(line['Amount']) || 0;
      }
    }
    return paid;
  }

  /**
   * Writes that change other records, as QuickBooks does: a bill made from a PO adds the bill to the PO's
   * LinkedTxn; a payment changes the Balance of the bills / invoices it is applied to. Each such record gets
   * a new SyncToken (its next update must read it again).
   */
  private afterWrite(entity: EntityName, record: QboRecord | null, before: QboRecord | null): void {
    if (entity === 'Bill') {
      const billId = (record ?? before)?.Id as string;
      const poIds = new Set([...linkedTxns(before), ...linkedTxns(record)].filter((l) => l.TxnType === 'PurchaseOrder').map((l) => l.TxnId));
      for (const poId of poIds) this.relinkPurchaseOrder(poId, billId, record !== null && linkedTxns(record).some((l) => l.TxnId === poId));
    }
    if (entity === 'BillPayment' || entity === 'Payment') {
      const targets = new Map<string, EntityName>();
      for (const r of [before, record]) {
        for (const line of (r?.['Line'] as Array<Record<string, unknown>> | undefined) ?? []) {
          for (const l of (line['LinkedTxn'] as Array<Record<string, unknown>> | undefined) ?? []) {
            if (l['TxnType'] === 'Bill' || l['TxnType'] === 'Invoice' || l['TxnType'] === 'VendorCredit') targets.set(String(l['TxnId']), l['TxnType']);
          }
        }
      }
      for (const [id, type] of targets) {
        const stored = this.table(type).get(id);
        if (!stored || stored.deleted) continue;
        const balance = round2(Number(stored.record['TotalAmt'] ?? 0) - this.paidAgainst(type, id));
        if (balance !== stored.record['Balance']) this.commit(type, stored, { ...clone(stored.record), Balance: balance }, 'Update');
      }
    }
  }

  private relinkPurchaseOrder(poId: string, billId: string, linked: boolean): void {
    const stored = this.table('PurchaseOrder').get(poId);
    if (!stored || stored.deleted) return;
    const links = linkedTxns(stored.record).filter((l) => !(l.TxnType === 'Bill' && l.TxnId === billId));
    if (linked) links.push({ TxnId: billId, TxnType: 'Bill' });
    this.commit('PurchaseOrder', stored, { ...clone(stored.record), LinkedTxn: links }, 'Update');
  }
}

interface Link {
  TxnId: string;
  TxnType: string;
  TxnLineId?: string;
}

/** LinkedTxn at the top and on every line. */
function linkedTxns(record: Record<string, unknown> | null): Link[] {
  if (!record) return [];
  const out: Link[] = [];
  const take = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const l of list) if (isRecord(l) && typeof l['TxnId'] === 'string' && typeof l['TxnType'] === 'string') out.push(l as unknown as Link);
  };
  if (record['LinkedTxn'] !== undefined) take(record['LinkedTxn']);
  for (const line of (record['Line'] as Array<Record<string, unknown>> | undefined) ?? []) take(line['LinkedTxn']);
  return out;
}
