import type { CompanyStore } from '../model/company-store.ts';
import type { QbStatus } from '../status/status-codes.ts';
import type { SchemaModel } from '../xsd/schema-model.ts';
import type { XmlNode } from '../xml/xml-node.ts';

/** A query iterator, alive for one session (Intuit: iterators do not survive the session). */
export interface IteratorState {
  id: string;
  requestName: string;
  /** IDs matched at iterator="Start" (a snapshot: later changes do not reshuffle pages). */
  ids: string[];
  position: number;
  maxReturned: number;
}

export interface SessionState {
  number: number;
  iterators: Map<string, IteratorState>;
  nextIterator: number;
}

/** Everything a request handler may use. */
export interface RequestContext {
  store: CompanyStore;
  schema: SchemaModel;
  session: SessionState;
  restrictedUser: boolean;
  lockedRecords: ReadonlySet<string>;
  /** A limited QuickBooks user (SimulatorOptions.limitedUser): the transaction kinds its queries silently leave out. */
  hiddenTxnKinds?: ReadonlySet<string>;
  /** CurrentAppAccessRights AutomaticLoginUserName: the QuickBooks user the application logs in as. */
  loginUserName?: string;
}

/** Thrown by handlers to answer the current request with a status and no data. */
export class StatusError extends Error {
  readonly status: QbStatus;
  constructor(status: QbStatus) {
    super(status.message);
    this.status = status;
  }
}

export type RequestHandler = (ctx: RequestContext, rq: XmlNode) => XmlNode;

/** The Rs element answering `rq`: requestID echoed, status attributes, optional Ret children. */
export function buildResponse(rq: XmlNode, status: QbStatus, rets: XmlNode[] = [], extraAttrs: Record<string, string> = {}): XmlNode {
  const name = rq.name.replace(/Rq$/, 'Rs');
  const attrs: Record<string, string> = {};
  if (rq.attrs.requestID !== undefined) attrs.requestID = rq.attrs.requestID;
  attrs.statusCode = String(status.code);
  attrs.statusSeverity = status.severity;
  attrs.statusMessage = status.message;
  Object.assign(attrs, extraAttrs);
  return { name, attrs, children: rets };
}

/** "80000001-1700000000" / "1A2B-1700000000": QuickBooks' ID shape; anything else answers 3000. */
export function isQbIdShape(id: string): boolean {
  return /^[0-9A-Fa-f]{1,8}-\d{1,10}$/.test(id);
}
