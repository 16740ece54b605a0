import type { AnyList, AnyTxn, ListKind, TxnKind } from '../model/company-store.ts';
import { STATUS } from '../status/status-codes.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { textOf } from '../xml/xml-node.ts';
import type { RequestContext } from './request-context.ts';
import { StatusError, isQbIdShape } from './request-context.ts';

/** A QuickBooks user without permission for this area gets 3260 on every write (Intuit status table). */
export function requireWriteAccess(ctx: RequestContext): void {
  if (ctx.restrictedUser) throw new StatusError(STATUS.noPermission());
}

/**
 * The record a list Mod targets, checked the way QuickBooks does: malformed ListID 3000, unknown
 * 3120, in use by another user 3170, stale EditSequence 3200.
 */
export function findListForMod<K extends ListKind>(ctx: RequestContext, kind: K, mod: XmlNode, objectName: string): AnyList {
  const listId = textOf(mod, 'ListID') ?? '';
  if (!isQbIdShape(listId)) throw new StatusError(STATUS.invalidId(listId, 'ListID'));
  const rec = ctx.store.list(kind, listId);
  if (!rec) throw new StatusError(STATUS.notFound(listId));
  if (ctx.lockedRecords.has(listId)) throw new StatusError(STATUS.listInUse(objectName, listId));
  const editSequence = textOf(mod, 'EditSequence') ?? '';
  if (editSequence !== rec.editSequence) throw new StatusError(STATUS.staleEditSequence(editSequence));
  return rec;
}

/** Same for a transaction Mod: 3000 / 3120 / 3175 / 3200. */
export function findTxnForMod<K extends TxnKind>(ctx: RequestContext, kind: K, mod: XmlNode, objectName: string): AnyTxn {
  const txnId = textOf(mod, 'TxnID') ?? '';
  if (!isQbIdShape(txnId)) throw new StatusError(STATUS.invalidId(txnId, 'TxnID'));
  const rec = ctx.store.txn(kind, txnId);
  if (!rec) throw new StatusError(STATUS.notFound(txnId));
  if (ctx.lockedRecords.has(txnId)) throw new StatusError(STATUS.txnInUse(objectName, txnId));
  const editSequence = textOf(mod, 'EditSequence') ?? '';
  if (editSequence !== rec.editSequence) throw new StatusError(STATUS.staleEditSequence(editSequence));
  return rec;
}

/** 3100 when another record of the namespace holds this FullName (QuickBooks compares names case-insensitively). */
export function checkNameFree(ctx: RequestContext, kind: ListKind, fullName: string, name: string, selfId?: string): void {
  const holder = ctx.store.nameHolder(kind, fullName);
  if (holder !== undefined && holder !== selfId) throw new StatusError(STATUS.nameInUse(name));
}
