import type { RequestContext, SessionState } from '../handlers/request-context.ts';
import { buildResponse } from '../handlers/request-context.ts';
import { renderCompanyRet, renderHostRet, renderPreferencesRet } from '../handlers/host-company-handlers.ts';
import type { AnyList, AnyTxn, TxnKind } from '../model/company-store.ts';
import { CompanyStore } from '../model/company-store.ts';
import type { Bill, BillPaymentCheck, Cents, CompanyFile, Deposit, Invoice, ReceivePayment } from '../model/company-file.ts';
import { saveCompanyFile } from '../model/load-company-file.ts';
import { HRESULT, QbHresultError } from '../status/qb-hresult-error.ts';
import { MESSAGE_SET_UNKNOWN, STATUS } from '../status/status-codes.ts';
import { loadXsdChunks } from '../xsd/load-xsd-chunks.ts';
import { resolveXsdDir } from '../xsd/resolve-xsd-dir.ts';
import { SchemaModel, sharedSchemaModel } from '../xsd/schema-model.ts';
import { validateQbxml } from '../xsd/validate-qbxml.ts';
import { parseXml } from '../xml/parse-xml.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { cloneNode, el } from '../xml/xml-node.ts';
import { writeQbxmlDocument } from '../xml/write-xml.ts';
import { processMessageSet } from './process-message-set.ts';
import type { QuickBooksProcessor } from './quickbooks-processor.ts';
import { addBillAsUser, type NewBill } from './add-bill.ts';
import { changeTransactionLine, type LineChange } from './change-transaction-line.ts';
import { payBillAsUser, type PayBillOptions } from './pay-bill.ts';
import { voidTxnInPlace } from './void-transaction.ts';
import { addInvoiceAsUser, receivePaymentAsUser, type NewInvoice, type NewPayment } from './receive-payment.ts';
import { takePaymentOffDeposits, unapplyInvoicePayments } from './detach-before-void-or-delete.ts';
import { depositPaymentsAsUser, type NewDeposit } from './deposit-payments.ts';
import { countReturnedRecords, emptyTotals, modelledMs, type ProcessingTimeModel, type ProcessingTimeTotals } from './processing-time.ts';

export interface SimulatorOptions {
  company: CompanyFile;
  /** Validate every request against the qbXML 13.0 XSD (default true), as QuickBooks does. */
  validateXsd?: boolean;
  /** Injected clock for deterministic IDs, EditSequences and timestamps. */
  clock?: () => Date;
  /** OpenConnection fails with 0x80040408 "Could not start QuickBooks." */
  notRunning?: boolean;
  /** The QuickBooks user lacks permission: every write answers 3260. */
  restrictedUser?: boolean;
  /**
   * The application logs in as a QuickBooks user whose role hides some areas: its queries of those transaction kinds
   * answer as if there were none (no error), and the HCP reports the user's name (CurrentAppAccessRights
   * AutomaticLoginUserName). Absent = the Admin user, who sees everything.
   */
  limitedUser?: { name: string; hiddenTxnKinds: TxnKind[] };
  /** ListIDs/TxnIDs another user has open: Mods answer 3170 (lists) / 3175 (transactions). */
  lockedRecords?: string[];
  /** Directory holding qbxmlops130.xsd etc. (default QBXML_XSD_DIR or ../shared/reference/qbxml-13.0). */
  xsdDir?: string;
  /**
   * QuickBooks' own processing time per request and per returned record (processing-time.ts; DEFAULT_PROCESSING_TIME
   * is the published-figure default). Off when absent, so tests never wait; `totals` counts it either way.
   */
  processingTime?: ProcessingTimeModel;
  /** How the modelled time is spent (default: a real timer). A benchmark passes a no-op and reads `processingTotals`. */
  sleep?: (ms: number) => Promise<void>;
}

export type MutableSimulatorOptions = Partial<
  Pick<SimulatorOptions, 'validateXsd' | 'notRunning' | 'restrictedUser' | 'lockedRecords' | 'processingTime' | 'limitedUser'>
>;

const LIST_DEL_TYPE: Record<string, (rec: AnyList) => string> = {
  vendor: () => 'Vendor',
  customer: () => 'Customer',
  item: (rec) => `Item${(rec as { itemType: string }).itemType}`,
  class: () => 'Class',
  account: () => 'Account',
  terms: (rec) => `${(rec as { termsType: string }).termsType}Terms`,
  vendorType: () => 'VendorType',
  customerType: () => 'CustomerType',
  salesTaxCode: () => 'SalesTaxCode',
  template: () => 'Template',
};

/**
 * A QuickBooks Desktop company file behind the qbXML request processor: answers qbXML 13.0 the
 * way QuickBooks does, for the requests the connector uses (docs/integration-map.md#what-moves, docs/qbxml.md).
 */
export class QuickBooksSimulator implements QuickBooksProcessor {
  readonly store: CompanyStore;
  validateXsd: boolean;
  notRunning: boolean;
  restrictedUser: boolean;
  lockedRecords: Set<string>;
  private readonly xsdDir: string;
  private readonly schema: SchemaModel;
  private session: SessionState | undefined;
  private sessionCount = 0;
  processingTime: ProcessingTimeModel | undefined;
  limitedUser: SimulatorOptions['limitedUser'];
  private readonly sleep: (ms: number) => Promise<void>;
  /** What the processing-time model charged (zero modelled ms while it is off; requests and records are counted). */
  readonly processingTotals: ProcessingTimeTotals = emptyTotals();

  constructor(options: SimulatorOptions) {
    const clock = options.clock ?? (() => new Date());
    this.store = new CompanyStore(options.company, clock);
    this.validateXsd = options.validateXsd ?? true;
    this.notRunning = options.notRunning ?? false;
    this.restrictedUser = options.restrictedUser ?? false;
    this.lockedRecords = new Set(options.lockedRecords ?? []);
    this.xsdDir = options.xsdDir ?? resolveXsdDir();
    this.schema = options.xsdDir ? new SchemaModel(loadXsdChunks(options.xsdDir)) : sharedSchemaModel();
    this.processingTime = options.processingTime;
    this.limitedUser = options.limitedUser;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get companyFilePath(): string {
    return this.store.company.companyFilePath;
  }

  get company(): CompanyFile {
    return this.store.company;
  }

  /** Fault injection, driven by a client's flags. */
  setOptions(options: MutableSimulatorOptions): void {
    if (options.validateXsd !== undefined) this.validateXsd = options.validateXsd;
    if (options.notRunning !== undefined) this.notRunning = options.notRunning;
    if (options.restrictedUser !== undefined) this.restrictedUser = options.restrictedUser;
    if (options.lockedRecords !== undefined) this.lockedRecords = new Set(options.lockedRecords);
    if ('processingTime' in options) this.processingTime = options.processingTime;
    if ('limitedUser' in options) this.limitedUser = options.limitedUser;
  }

  openSession(): void {
    if (this.notRunning) throw new QbHresultError(HRESULT.couldNotStart.hresult, HRESULT.couldNotStart.message);
    this.session = { number: ++this.sessionCount, iterators: new Map(), nextIterator: 1 };
  }

  closeSession(): void {
    this.session = undefined;
  }

  get isSessionOpen(): boolean {
    return this.session !== undefined;
  }

  ensureFileId(ownerId: string, fileId: string): void {
    const existing = this.store.company.dataExt.find((d) => d.ownerId.toLowerCase() === ownerId.toLowerCase() && d.name === 'FileID');
    if (existing) return;
    this.store.company.dataExt.push({ ownerId, name: 'FileID', type: 'STR255TYPE', value: fileId });
  }

  hostCompanyPreferencesResponse(): string {
    const company = this.store.company;
    const host = buildResponse({ name: 'HostQueryRq', attrs: {}, children: [] }, STATUS.ok(), [renderHostRet(company)]);
    const comp = buildResponse({ name: 'CompanyQueryRq', attrs: {}, children: [] }, STATUS.ok(), [renderCompanyRet(company, undefined)]);
    const prefs = buildResponse({ name: 'PreferencesQueryRq', attrs: {}, children: [] }, STATUS.ok(), [renderPreferencesRet(company, this.limitedUser?.name)]);
    return writeQbxmlDocument(el('QBXML', [el('QBXMLMsgsRs', [host, comp, prefs])]));
  }

  private context(): RequestContext {
    if (!this.session) this.openSession();
    return {
      store: this.store,
      schema: this.schema,
      session: this.session as SessionState,
      restrictedUser: this.restrictedUser,
      lockedRecords: this.lockedRecords,
      ...(this.limitedUser ? { hiddenTxnKinds: new Set<string>(this.limitedUser.hiddenTxnKinds), loginUserName: this.limitedUser.name } : {}),
    };
  }

  /**
   * ProcessRequest. A stream that is not well-formed, or does not validate against the qbXML 13.0
   * XSD, throws 0x80040400 (QBWC guide p.70) — QuickBooks answers nothing for it. Without an open
   * session one is opened implicitly (QBWC always opens one; this keeps direct test use short).
   */
  async processRequest(requestXml: string): Promise<string> {
    if (this.notRunning) throw new QbHresultError(HRESULT.couldNotStart.hresult, HRESULT.couldNotStart.message);
    const parsed = parseXml(requestXml);
    if (!parsed.ok) throw new QbHresultError(HRESULT.parseError.hresult, `${HRESULT.parseError.message} ${parsed.error}`);
    if (this.validateXsd) {
      const v = await validateQbxml(requestXml, parsed.root, 'request', this.xsdDir);
      if (!v.valid) throw new QbHresultError(HRESULT.parseError.hresult, `${HRESULT.parseError.message} ${v.errors.join(' ')}`.trim());
    }
    const root = parsed.root;
    if (root.name !== 'QBXML') throw new QbHresultError(HRESULT.parseError.hresult, `${HRESULT.parseError.message} Root element is ${root.name}, not QBXML.`);
    const ctx = this.context();
    const chunks = loadXsdChunks(this.xsdDir);
    const out: XmlNode[] = [];
    for (const set of root.children) {
      const rsName = set.name.replace(/Rq$/, 'Rs');
      if (set.name === 'QBXMLMsgsRq') out.push(this.answerQbxmlMsgs(ctx, chunks, set));
      else out.push({ name: rsName, attrs: {}, children: processMessageSet(ctx, chunks, set) });
    }
    await this.spendProcessingTime(
      root.children.reduce((n, set) => n + set.children.length, 0),
      out.flatMap((set) => set.children),
    );
    return writeQbxmlDocument(el('QBXML', out));
  }

  /** Charges the message to the processing-time model and, when the model is on, waits that long (QuickBooks is busy). */
  private async spendProcessingTime(requests: number, responses: XmlNode[]): Promise<void> {
    const records = countReturnedRecords(responses);
    const ms = this.processingTime ? modelledMs(this.processingTime, requests, records) : 0;
    const totals = this.processingTotals;
    totals.messages += 1;
    totals.requests += requests;
    totals.records += records;
    totals.modelledMs += ms;
    if (ms > 0) await this.sleep(ms);
  }

  /**
   * Error recovery (Intuit "Error recovery"; samples ErrRecovery1-3): newMessageSetID stores this
   * message's responses; a later message carrying oldMessageSetID and no requests gets them back
   * with messageSetStatusCode 0 (the state is kept when newMessageSetID is sent too, cleared when
   * oldMessageSetID comes alone). QuickBooks keeps the last message set only, in the company file: the
   * state is `company.messageSet`, saved and loaded with it, so a restart keeps it. An ID with no stored
   * state answers messageSetStatusCode 600 (see MESSAGE_SET_UNKNOWN). "ClearAllMessageSets" clears.
   */
  private answerQbxmlMsgs(ctx: RequestContext, chunks: ReturnType<typeof loadXsdChunks>, set: XmlNode): XmlNode {
    const oldId = set.attrs.oldMessageSetID;
    const newId = set.attrs.newMessageSetID;
    const company = this.store.company;
    if (oldId !== undefined && set.children.length === 0) {
      if (oldId === 'ClearAllMessageSets') {
        delete company.messageSet;
        return { name: 'QBXMLMsgsRs', attrs: { messageSetStatusCode: '0' }, children: [] };
      }
      const stored = company.messageSet;
      if (!stored || stored.id !== oldId) {
        const attrs: Record<string, string> = { messageSetStatusCode: String(MESSAGE_SET_UNKNOWN) };
        if (newId !== undefined) attrs.newMessageSetID = newId;
        return { name: 'QBXMLMsgsRs', attrs, children: [] };
      }
      if (newId === undefined) delete company.messageSet;
      return { name: 'QBXMLMsgsRs', attrs: { newMessageSetID: stored.id, messageSetStatusCode: '0' }, children: stored.responses.map(cloneNode) };
    }
    if (oldId !== undefined && (oldId === 'ClearAllMessageSets' || company.messageSet?.id === oldId)) delete company.messageSet;
    const responses = processMessageSet(ctx, chunks, set);
    const attrs: Record<string, string> = {};
    if (newId !== undefined) {
      company.messageSet = { id: newId, responses: responses.map(cloneNode) };
      attrs.newMessageSetID = newId;
      attrs.messageSetStatusCode = '0';
    }
    return { name: 'QBXMLMsgsRs', attrs, children: responses };
  }

  // ---- simulating a person working in the company file ---------------------------------------

  /** Deletes a list entry as a QuickBooks user would; it shows up in ListDeletedQuery. */
  deleteListEntry(listId: string, options: { force?: boolean } = {}): void {
    const hit = this.store.listEntry(listId);
    if (!hit) throw new Error(`no list entry ${listId}`);
    if (!options.force && this.store.isListUsed(listId)) throw new Error(`${listId} is used by transactions or sub-entries; QuickBooks will not delete it`);
    this.store.deleteList(listId, (LIST_DEL_TYPE[hit.kind] as (r: AnyList) => string)(hit.rec));
  }

  /**
   * Deletes a transaction; it shows up in TxnDeletedQuery. An invoice's payments are taken off it first (they stay,
   * unused); a deposited payment is taken off its deposit.
   */
  deleteTransaction(txnId: string): void {
    if (this.store.txn('Invoice', txnId)) unapplyInvoicePayments(this.store, txnId);
    if (this.store.txn('ReceivePayment', txnId)) takePaymentOffDeposits(this.store, txnId);
    if (!this.store.deleteTxn(txnId)) throw new Error(`no transaction ${txnId}`);
  }

  /**
   * Voids a transaction the way QuickBooks does: it stays, with zero amounts and "VOID:" memo, and is modified (not
   * deleted). A voided invoice's payments are taken off it (they stay, unused); a voided payment pays nothing, its
   * invoices are open again, and it is taken off its deposit.
   */
  voidTransaction(txnId: string): void {
    const hit = this.store.txnEntry(txnId);
    if (!hit) throw new Error(`no transaction ${txnId}`);
    if (hit.kind === 'Invoice') unapplyInvoicePayments(this.store, txnId);
    if (hit.kind === 'ReceivePayment') takePaymentOffDeposits(this.store, txnId);
    this.store.changeTxn(hit.kind, hit.rec, () => voidTxnInPlace(hit.rec));
    this.store.touch(hit.rec);
  }

  /** A user edits a transaction: `edit` changes the record, then TimeModified/EditSequence move on. */
  modifyTransaction(txnId: string, edit: (rec: AnyTxn) => void = () => {}): AnyTxn {
    const hit = this.store.txnEntry(txnId);
    if (!hit) throw new Error(`no transaction ${txnId}`);
    this.store.changeTxn(hit.kind, hit.rec, () => edit(hit.rec));
    this.store.touch(hit.rec);
    return hit.rec;
  }

  /** A user changes one line of a transaction (amount, job, item or account, class); TimeModified/EditSequence move on. */
  modifyTransactionLine(txnId: string, txnLineId: string, change: LineChange): AnyTxn {
    return this.modifyTransaction(txnId, (rec) => changeTransactionLine(this.store, rec, txnLineId, change));
  }

  /** A user enters a bill (BillAdd rules, including ItemLine LinkToTxn to a PO line); returns the saved bill. */
  addBill(bill: NewBill): Bill {
    const session = { number: 0, iterators: new Map(), nextIterator: 1 };
    return addBillAsUser({ store: this.store, schema: this.schema, session, restrictedUser: false, lockedRecords: new Set() }, bill);
  }

  /**
   * A user receives a payment from a customer (Receive Payments), applied to one or several invoices, in part or in
   * full, with an early-payment discount on any of them: ReceivePaymentAdd's rules (the customer or one of its jobs,
   * no more than is open on an invoice, closed period). Returns the saved `ReceivePayment`.
   */
  receivePayment(payment: NewPayment): ReceivePayment {
    return receivePaymentAsUser(this.userContext(), payment);
  }

  /** A user deposits payments held in Undeposited Funds into a bank account (Make Deposits); DepositQuery returns it. */
  depositPayments(deposit: NewDeposit): Deposit {
    return depositPaymentsAsUser(this.store, deposit);
  }

  /** A user enters an invoice (Create Invoices) by InvoiceAdd's rules; returns the saved `Invoice`. */
  addInvoice(invoice: NewInvoice): Invoice {
    return addInvoiceAsUser(this.userContext(), invoice);
  }

  /** A person at the keyboard: none of the app's restrictions (restricted user, records open elsewhere), no iterators. */
  private userContext(): RequestContext {
    return {
      store: this.store,
      schema: this.schema,
      session: { number: 0, iterators: new Map(), nextIterator: 1 },
      restrictedUser: false,
      lockedRecords: new Set(),
    };
  }

  /** A user pays (part of) a bill by check; the payment shows in BillPaymentCheckQuery and on the bill's LinkedTxn. */
  payBill(billTxnId: string, amountCents: Cents, options: PayBillOptions = {}): BillPaymentCheck {
    return payBillAsUser(this.store, billTxnId, amountCents, options);
  }

  /** A user edits a list entry (rename via `name`, or any other field through `edit`). */
  modifyListEntry(listId: string, edit: (rec: AnyList) => void = () => {}): AnyList {
    const hit = this.store.listEntry(listId);
    if (!hit) throw new Error(`no list entry ${listId}`);
    this.store.renameList(hit.kind, listId, () => edit(hit.rec));
    this.store.touch(hit.rec);
    return hit.rec;
  }

  lockRecord(id: string): void {
    this.lockedRecords.add(id);
  }

  unlockRecord(id: string): void {
    this.lockedRecords.delete(id);
  }

  /** The company file as JSON text. */
  saveCompanyFile(): string {
    return saveCompanyFile(this.store.company);
  }
}
