import { IdSequence, type IdKind } from './id-bases.ts';
import { RecordTable } from './record-table.ts';
import type {
  BudgetLineItem,
  BudgetView,
  Commitment,
  CommitmentChangeOrder,
  CommitmentLineItem,
  Company,
  CompanyData,
  CompanyScoped,
  ContractPayment,
  DirectCost,
  GeneratedCompany,
  PaymentApplication,
  PrimeChangeOrder,
  PrimeContract,
  PrimeContractPayment,
  LineItemType,
  OriginFields,
  Project,
  ProjectCostCode,
  ProcoreUser,
  Requisition,
  StandardCostCode,
  StandardCostCodeList,
  Vendor,
  WebhookEventType,
  WebhookHook,
  WebhookTrigger,
} from './records.ts';

/** Who made a change: the user, and the OAuth client of the token (null for `sim.edit`, i.e. Procore's UI). */
export interface Actor {
  userId: number;
  clientId: string | null;
}

export interface ChangeEvent {
  companyId: number;
  projectId: number | null;
  resourceName: string;
  resourceId: number;
  eventType: WebhookEventType;
  actor: Actor;
  at: number;
}

type AnyRecord = CompanyScoped & Partial<OriginFields>;
type NewRecord<T> = Omit<T, 'id' | 'created_at' | 'updated_at'> & { id?: number };

const byCompany = (r: { company_id: number }) => r.company_id;
const byProject = (r: { project_id: number }) => r.project_id;
const named = (name: string) => () => name;

/**
 * All simulated Procore state. Every mutation goes through create/update/remove, which keep the indexes,
 * bump updated_at and report a ChangeEvent (what webhooks are made of).
 */
export class ProcoreStore {
  readonly ids = new IdSequence();
  readonly companies = new Map<number, Company>();
  /** Companies the seeded user belongs to; apps it authorizes (and service accounts) see exactly these. */
  readonly memberships = new Set<number>();
  readonly users = new Map<number, ProcoreUser>();
  user: ProcoreUser;
  serviceAccountUser: ProcoreUser;

  readonly vendors = new RecordTable<Vendor>({ resourceName: named('Vendors'), scopeOf: byCompany });
  readonly projects = new RecordTable<Project>({ resourceName: named('Projects'), scopeOf: byCompany });
  readonly standardCostCodeLists = new RecordTable<StandardCostCodeList>({ resourceName: named('Standard Cost Code Lists'), scopeOf: byCompany });
  readonly standardCostCodes = new RecordTable<StandardCostCode>({ resourceName: named('Standard Cost Codes'), scopeOf: (r) => r.standard_cost_code_list_id });
  readonly lineItemTypes = new RecordTable<LineItemType>({ resourceName: named('Line Item Types'), scopeOf: byCompany });
  readonly costCodes = new RecordTable<ProjectCostCode>({ resourceName: named('Cost Codes'), scopeOf: byProject });
  readonly budgetViews = new RecordTable<BudgetView>({ resourceName: named('Budget Views'), scopeOf: byCompany });
  readonly budgetLineItems = new RecordTable<BudgetLineItem>({ resourceName: named('Budget Line Items'), scopeOf: byProject });
  readonly commitments = new RecordTable<Commitment>({
    resourceName: (r) => (r.type === 'WorkOrderContract' ? 'Work Order Contracts' : 'Purchase Order Contracts'),
    scopeOf: byProject,
  });
  readonly commitmentLineItems = new RecordTable<CommitmentLineItem>({
    resourceName: named('Commitment Line Items'),
    scopeOf: (r) => r.commitment_id,
  });
  readonly changeOrders = new RecordTable<CommitmentChangeOrder>({ resourceName: named('Commitment Change Orders'), scopeOf: byProject });
  readonly requisitions = new RecordTable<Requisition>({ resourceName: named('Requisitions'), scopeOf: byProject });
  readonly contractPayments = new RecordTable<ContractPayment>({ resourceName: named('Contract Payments'), scopeOf: byProject });
  readonly directCosts = new RecordTable<DirectCost>({ resourceName: named('Direct Costs'), scopeOf: byProject });
  // Resource names as Procore's webhooks name them (API-CONTRACT.md "Webhook delivery"). A payment received is a
  // Contract Payment in Procore: same resource name as the commitment side's.
  readonly primeContracts = new RecordTable<PrimeContract>({ resourceName: named('Prime Contracts'), scopeOf: byProject });
  readonly paymentApplications = new RecordTable<PaymentApplication>({ resourceName: named('Payment Applications'), scopeOf: byProject });
  readonly primeContractPayments = new RecordTable<PrimeContractPayment>({ resourceName: named('Contract Payments'), scopeOf: byProject });
  // 'Prime Change Orders' follows the endpoint's name as 'Commitment Change Orders' does; not verified against Procore's
  // webhook resource list (API-CONTRACT.md "Prime contract change orders").
  readonly primeChangeOrders = new RecordTable<PrimeChangeOrder>({ resourceName: named('Prime Change Orders'), scopeOf: byProject });
  readonly hooks = new RecordTable<WebhookHook>({ resourceName: named('Webhooks Hooks'), scopeOf: byCompany });
  readonly triggers = new RecordTable<WebhookTrigger>({ resourceName: named('Webhooks Triggers'), scopeOf: (r) => r.hook_id });

  private readonly now: () => number;
  private readonly onChange: (change: ChangeEvent) => void;
  constructor(generated: GeneratedCompany, now: () => number, onChange: (change: ChangeEvent) => void) {
    this.now = now;
    this.onChange = onChange;
    this.user = generated.user;
    this.serviceAccountUser = generated.serviceAccountUser;
    for (const u of [generated.user, generated.serviceAccountUser]) {
      this.users.set(u.id, u);
      this.ids.observe('user', u.id);
    }
    for (const data of generated.companies) this.loadCompany(data);
  }

  /** Another person, a member of the same companies as the seeded user (ProcoreSimulatorOptions.users). */
  addUser(fields: { login: string; name: string }): ProcoreUser {
    if ([...this.users.values()].some((u) => u.login.toLowerCase() === fields.login.toLowerCase())) throw new Error(`user ${fields.login} exists already`);
    const user: ProcoreUser = { id: this.ids.next('user'), login: fields.login, name: fields.name };
    this.users.set(user.id, user);
    return user;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  nowMs(): number {
    return this.now();
  }

  nextId(kind: IdKind): number {
    return this.ids.next(kind);
  }

  isMember(companyId: number): boolean {
    return this.memberships.has(companyId);
  }

  create<T extends AnyRecord>(table: RecordTable<T>, kind: IdKind, fields: NewRecord<T>, actor: Actor): T {
    const at = this.nowIso();
    const record = { ...fields, id: fields.id ?? this.ids.next(kind), created_at: at, updated_at: at } as unknown as T;
    this.ids.observe(kind, record.id);
    table.insert(record);
    this.emit(table, record, 'create', actor);
    return record;
  }

  /**
   * Applies the defined keys of `patch`. Like Rails dirty tracking, a patch that changes nothing leaves
   * updated_at alone and sends no webhook. Returns whether anything changed.
   */
  update<T extends AnyRecord>(table: RecordTable<T>, record: T, patch: Partial<T>, actor: Actor): boolean {
    const previousOrigin = record.origin_id;
    let changed = false;
    for (const [key, value] of Object.entries(patch) as [keyof T, T[keyof T]][]) {
      if (value === undefined || key === 'id' || key === 'created_at' || key === 'updated_at') continue;
      if (!sameValue(record[key], value)) {
        record[key] = value;
        changed = true;
      }
    }
    if (!changed) return false;
    if (record.origin_id !== previousOrigin) table.reindexOrigin(record, previousOrigin);
    record.updated_at = this.nowIso();
    this.emit(table, record, 'update', actor);
    return true;
  }

  /** Marks a record changed without a field patch (e.g. a nested line edited in place). */
  touch<T extends AnyRecord>(table: RecordTable<T>, record: T, actor: Actor): void {
    record.updated_at = this.nowIso();
    this.emit(table, record, 'update', actor);
  }

  remove<T extends AnyRecord>(table: RecordTable<T>, record: T, actor: Actor): void {
    table.remove(record);
    this.emit(table, record, 'delete', actor);
  }

  private emit<T extends AnyRecord>(table: RecordTable<T>, record: T, eventType: WebhookEventType, actor: Actor): void {
    const projectId = (record as { project_id?: unknown }).project_id;
    this.onChange({
      companyId: record.company_id,
      projectId: typeof projectId === 'number' ? projectId : null,
      resourceName: table.resourceName(record),
      resourceId: record.id,
      eventType,
      actor,
      at: this.now(),
    });
  }

  private loadCompany(data: CompanyData): void {
    this.companies.set(data.company.id, { ...data.company });
    if (data.userIsMember) this.memberships.add(data.company.id);
    const load = <T extends AnyRecord>(table: RecordTable<T>, kind: IdKind, records: readonly T[]) => {
      for (const r of records) {
        table.insert(structuredClone(r));
        this.ids.observe(kind, r.id);
      }
    };
    load(this.vendors, 'vendor', data.vendors);
    load(this.projects, 'project', data.projects);
    load(this.standardCostCodeLists, 'standardCostCodeList', data.standardCostCodeLists);
    load(this.standardCostCodes, 'standardCostCode', data.standardCostCodes);
    load(this.lineItemTypes, 'lineItemType', data.lineItemTypes);
    load(this.costCodes, 'costCode', data.costCodes);
    load(this.budgetViews, 'budgetView', data.budgetViews);
    load(this.budgetLineItems, 'budgetLineItem', data.budgetLineItems);
    load(this.commitments, 'commitment', data.commitments);
    load(this.commitmentLineItems, 'commitmentLineItem', data.commitmentLineItems);
    load(this.changeOrders, 'changeOrder', data.changeOrders);
    load(this.requisitions, 'requisition', data.requisitions);
    load(this.contractPayments, 'contractPayment', data.contractPayments);
    load(this.directCosts, 'directCost', data.directCosts);
    load(this.primeContracts, 'primeContract', data.primeContracts ?? []);
    load(this.paymentApplications, 'paymentApplication', data.paymentApplications ?? []);
    load(this.primeContractPayments, 'primeContractPayment', data.primeContractPayments ?? []);
    load(this.primeChangeOrders, 'primeChangeOrder', data.primeChangeOrders ?? []);
    for (const pc of data.primeContracts ?? []) {
      if (pc.owner) this.ids.observe('primeContractOwner', pc.owner.id);
      for (const li of pc.line_items) this.ids.observe('primeContractLineItem', li.id);
    }
    for (const pa of data.paymentApplications ?? []) for (const li of pa.line_items) this.ids.observe('paymentApplicationLineItem', li.id);
    for (const co of data.primeChangeOrders ?? []) for (const li of co.line_items) this.ids.observe('primeChangeOrderLineItem', li.id);
    for (const v of data.vendors) for (const t of v.trades) this.ids.observe('trade', t.id);
    for (const co of data.changeOrders) for (const li of co.line_items) this.ids.observe('changeOrderLineItem', li.id);
    for (const r of data.requisitions) for (const it of r.items) this.ids.observe('requisitionItem', it.id);
    for (const d of data.directCosts) for (const li of d.line_items) this.ids.observe('directCostLineItem', li.id);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
