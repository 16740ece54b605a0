import { copyStandardCostCodes } from '../handlers/handle-projects.ts';
import { buildPaymentApplicationLines, type PaymentApplicationLineSpec } from '../model/build-payment-application-lines.ts';
import { buildRequisitionItems } from '../model/build-requisition-items.ts';
import { roundMoney } from '../model/money.ts';
import type { Actor, ProcoreStore } from '../model/procore-store.ts';
import type { RecordTable } from '../model/record-table.ts';
import type {
  BudgetLineItem,
  ChangeOrderStatus,
  Commitment,
  CommitmentChangeOrder,
  CommitmentLineItem,
  CommitmentType,
  CompanyScoped,
  ContractPayment,
  DirectCost,
  DirectCostLineItem,
  OriginFields,
  PaymentApplication,
  PaymentApplicationStatus,
  PrimeChangeOrder,
  PrimeChangeOrderStatus,
  PrimeContract,
  PrimeContractPayment,
  PrimeContractStatus,
  Project,
  ProjectCostCode,
  Requisition,
  RequisitionStatus,
  StandardCostCode,
  Vendor,
} from '../model/records.ts';

type Patch<T> = Partial<Omit<T, 'id' | 'company_id' | 'created_at' | 'updated_at'>>;

export interface NewCommitment {
  type?: CommitmentType;
  vendor_id: number;
  title: string;
  number?: string;
  status?: Commitment['status'];
  retainage_percent?: number;
  line_items: { cost_code_id: number; amount: number; description?: string; line_item_type_id?: number }[];
}

export interface NewChangeOrder {
  contract_id: number;
  title?: string;
  status?: ChangeOrderStatus;
  line_items: { amount: number; cost_code_id?: number; description?: string; commitment_line_item_id?: number | null }[];
}

export interface NewRequisition {
  commitment_id: number;
  status?: RequisitionStatus;
  invoice_number?: string;
  billing_date?: string;
  /** Work completed this period per commitment line id; lines not listed bill `fraction` of their value. */
  work?: Record<number, number>;
  /** Share of each line's scheduled value billed when `work` does not name it (default 0.2). */
  fraction?: number;
}

export interface NewDirectCost {
  direct_cost_type: DirectCost['direct_cost_type'];
  status?: DirectCost['status'];
  vendor_id?: number | null;
  invoice_number?: string | null;
  direct_cost_date: string;
  description?: string | null;
  line_items: { cost_code_id: number; amount: number; description?: string; line_item_type_id?: number | null }[];
}

/**
 * Changes made "by a person in Procore's UI", for tests and the demo. They go through the same store as the
 * API, so they bump updated_at and emit webhooks, with metadata.source_application_id = null.
 * Every method checks that the record belongs to `companyId` and throws when it does not.
 */
export interface NewPrimeContract {
  title: string;
  number?: string;
  /** Default Approved (payments received can be recorded only on Approved or Complete contracts). */
  status?: PrimeContractStatus;
  /** The owner as a directory vendor; or give owner_name for an owner outside the directory. */
  vendor_id?: number | null;
  owner_name?: string;
  /** Default 10. */
  retainage_percent?: number;
  contract_date?: string | null;
  origin_id?: string | null;
  line_items: { cost_code_id: number | null; amount: number; description?: string; line_item_type_id?: number | null }[];
}

export interface NewPaymentApplication {
  /** The prime contract billed. */
  contract_id: number;
  /** Default draft. */
  status?: PaymentApplicationStatus;
  invoice_number?: string | null;
  /** YYYY-MM-DD; default today. */
  billing_date?: string;
  period_start?: string;
  period_end?: string;
  /** SOV lines and approved change order lines billed; the others get a row at 0. */
  lines: PaymentApplicationLineSpec[];
}

export interface NewPrimeChangeOrder {
  /** The prime contract changed. */
  contract_id: number;
  title?: string;
  /** Default the next of the contract's, zero-padded as Procore numbers them ("001", "002", …). */
  number?: string;
  /** Default pending ("Pending - In Review"). Approved sets executed, reviewed_at and the signed date. */
  status?: PrimeChangeOrderStatus;
  description?: string | null;
  due_date?: string | null;
  origin_id?: string | null;
  /** Each line changes one SOV line of the contract (its cost code unless given) or adds scope on cost_code_id. */
  line_items: {
    amount: number;
    prime_contract_line_item_id?: number | null;
    cost_code_id?: number | null;
    description?: string;
    line_item_type_id?: number | null;
  }[];
}

export class SimulatorEditor {
  private readonly store: ProcoreStore;
  constructor(store: ProcoreStore) {
    this.store = store;
  }

  private get actor(): Actor {
    return { userId: this.store.user.id, clientId: null };
  }

  // Directory vendors
  createVendor(companyId: number, fields: Patch<Vendor> & { name: string }): Vendor {
    this.company(companyId);
    return this.store.create(
      this.store.vendors,
      'vendor',
      {
        company_id: companyId,
        abbreviated_name: null,
        trade_name: null,
        address: null,
        city: null,
        state_code: null,
        zip: null,
        country_code: 'US',
        business_phone: null,
        fax_number: null,
        email_address: null,
        website: null,
        license_number: null,
        notes: null,
        is_active: true,
        origin_id: null,
        origin_data: null,
        origin_code: null,
        trades: [],
        ...fields,
      },
      this.actor,
    );
  }

  updateVendor(companyId: number, vendorId: number, patch: Patch<Vendor>): Vendor {
    return this.patch(this.store.vendors, companyId, vendorId, patch);
  }

  deleteVendor(companyId: number, vendorId: number): void {
    this.delete(this.store.vendors, companyId, vendorId);
  }

  // Projects
  createProject(companyId: number, fields: Patch<Project> & { name: string }): Project {
    this.company(companyId);
    const project = this.store.create(
      this.store.projects,
      'project',
      {
        company_id: companyId,
        project_number: null,
        address: null,
        city: null,
        state_code: null,
        zip: null,
        country_code: 'US',
        county: null,
        time_zone: null,
        description: null,
        active: true,
        start_date: null,
        completion_date: null,
        total_value: null,
        square_feet: null,
        stage: 'Pre-Construction',
        origin_id: null,
        origin_data: null,
        origin_code: null,
        standard_cost_code_list_id: this.store.standardCostCodeLists.list(companyId)[0]?.id ?? null,
        budget_locked: false,
        ...fields,
      },
      this.actor,
    );
    copyStandardCostCodes(this.store, project, this.actor);
    return project;
  }

  updateProject(companyId: number, projectId: number, patch: Patch<Project>): Project {
    return this.patch(this.store.projects, companyId, projectId, patch);
  }

  deleteProject(companyId: number, projectId: number): void {
    this.delete(this.store.projects, companyId, projectId);
  }

  /** Procore "Lock Budget": POST budget_line_items then answers 422. */
  setBudgetLocked(companyId: number, projectId: number, locked: boolean): Project {
    const project = this.find(this.store.projects, companyId, projectId);
    project.budget_locked = locked;
    return project;
  }

  // Cost codes
  createStandardCostCode(
    companyId: number,
    fields: { code: string; name: string; parent_id?: number | null; standard_cost_code_list_id?: number; origin_id?: string | null },
  ): StandardCostCode {
    const listId = fields.standard_cost_code_list_id ?? this.store.standardCostCodeLists.list(companyId)[0]?.id;
    if (listId === undefined) throw new Error(`company ${companyId} has no standard cost code list`);
    const parent = fields.parent_id ? this.find(this.store.standardCostCodes, companyId, fields.parent_id) : null;
    const fullCode = parent ? `${parent.full_code}-${fields.code}` : fields.code;
    return this.store.create(
      this.store.standardCostCodes,
      'standardCostCode',
      {
        company_id: companyId,
        standard_cost_code_list_id: listId,
        parent_id: parent?.id ?? null,
        code: fields.code,
        full_code: fullCode,
        sortable_code: fullCode,
        name: fields.name,
        origin_id: fields.origin_id ?? null,
        origin_data: null,
      },
      this.actor,
    );
  }

  updateStandardCostCode(companyId: number, id: number, patch: Patch<StandardCostCode>): StandardCostCode {
    return this.patch(this.store.standardCostCodes, companyId, id, patch);
  }

  deleteStandardCostCode(companyId: number, id: number): void {
    this.delete(this.store.standardCostCodes, companyId, id);
  }

  createCostCode(
    companyId: number,
    projectId: number,
    fields: { code: string; name: string; parent_id?: number | null; standard_cost_code_id?: number | null },
  ): ProjectCostCode {
    const project = this.find(this.store.projects, companyId, projectId);
    const parent = fields.parent_id ? this.find(this.store.costCodes, companyId, fields.parent_id) : null;
    const fullCode = parent ? `${parent.full_code}-${fields.code}` : fields.code;
    return this.store.create(
      this.store.costCodes,
      'costCode',
      {
        company_id: companyId,
        project_id: project.id,
        standard_cost_code_id: fields.standard_cost_code_id ?? null,
        parent_id: parent?.id ?? null,
        code: fields.code,
        full_code: fullCode,
        sortable_code: fullCode,
        name: fields.name,
        position: this.store.costCodes.list(project.id).length + 1,
        origin_id: null,
        origin_data: null,
      },
      this.actor,
    );
  }

  updateCostCode(companyId: number, id: number, patch: Patch<ProjectCostCode>): ProjectCostCode {
    return this.patch(this.store.costCodes, companyId, id, patch);
  }

  deleteCostCode(companyId: number, id: number): void {
    this.delete(this.store.costCodes, companyId, id);
  }

  // Budget
  createBudgetLineItem(
    companyId: number,
    projectId: number,
    fields: { cost_code_id: number; original_budget_amount: number; line_item_type_id?: number; description?: string },
  ): BudgetLineItem {
    const project = this.find(this.store.projects, companyId, projectId);
    const cc = this.find(this.store.costCodes, companyId, fields.cost_code_id);
    if (cc.project_id !== project.id) throw new Error(`cost code ${cc.id} is not in project ${project.id}`);
    return this.store.create(
      this.store.budgetLineItems,
      'budgetLineItem',
      {
        company_id: companyId,
        project_id: project.id,
        cost_code_id: cc.id,
        line_item_type_id: fields.line_item_type_id ?? this.defaultLineItemType(companyId),
        original_budget_amount: roundMoney(fields.original_budget_amount),
        description: fields.description ?? null,
        uom: 'LS',
        quantity: 1,
        unit_cost: null,
        origin_id: null,
        origin_data: null,
      },
      this.actor,
    );
  }

  updateBudgetLineItem(companyId: number, id: number, patch: Patch<BudgetLineItem>): BudgetLineItem {
    return this.patch(this.store.budgetLineItems, companyId, id, patch);
  }

  // Commitments (subcontracts and purchase orders)
  createCommitment(companyId: number, projectId: number, fields: NewCommitment): Commitment {
    const project = this.find(this.store.projects, companyId, projectId);
    this.find(this.store.vendors, companyId, fields.vendor_id);
    const type = fields.type ?? 'WorkOrderContract';
    const siblings = this.store.commitments.list(project.id).filter((c) => c.type === type).length;
    const status = fields.status ?? 'Draft';
    const commitment = this.store.create(
      this.store.commitments,
      'commitment',
      {
        company_id: companyId,
        project_id: project.id,
        type,
        title: fields.title,
        description: null,
        status,
        executed: status === 'Approved',
        number: fields.number ?? `${type === 'WorkOrderContract' ? 'SC' : 'PO'}-${String(siblings + 1).padStart(3, '0')}`,
        vendor_id: fields.vendor_id,
        retainage_percent: fields.retainage_percent ?? (type === 'WorkOrderContract' ? 10 : 0),
        contract_date: this.today(),
        signed_contract_received_date: null,
        start_date: null,
        completion_date: null,
        delivery_date: null,
        ship_via: null,
        payment_terms: null,
        inclusions: null,
        exclusions: null,
        requisitions_are_enabled: type === 'WorkOrderContract',
        erp_locked: false,
        origin_id: null,
        origin_data: null,
      },
      this.actor,
    );
    fields.line_items.forEach((l, i) => {
      const cc = this.find(this.store.costCodes, companyId, l.cost_code_id);
      this.store.create<CommitmentLineItem>(
        this.store.commitmentLineItems,
        'commitmentLineItem',
        {
          company_id: companyId,
          project_id: project.id,
          commitment_id: commitment.id,
          cost_code_id: cc.id,
          line_item_type_id: l.line_item_type_id ?? this.defaultLineItemType(companyId),
          description: l.description ?? cc.name,
          amount: roundMoney(l.amount),
          quantity: 1,
          unit_cost: roundMoney(l.amount),
          uom: 'LS',
          position: i + 1,
          origin_id: null,
          origin_data: null,
        },
        this.actor,
      );
    });
    return commitment;
  }

  updateCommitment(companyId: number, commitmentId: number, patch: Patch<Commitment>): Commitment {
    const extra = patch.status === undefined ? {} : { executed: patch.status === 'Approved' || patch.status === 'Complete' };
    return this.patch(this.store.commitments, companyId, commitmentId, { ...extra, ...patch });
  }

  deleteCommitment(companyId: number, commitmentId: number): void {
    this.delete(this.store.commitments, companyId, commitmentId);
  }

  // Commitment change orders
  createChangeOrder(companyId: number, projectId: number, fields: NewChangeOrder): CommitmentChangeOrder {
    const project = this.find(this.store.projects, companyId, projectId);
    const contract = this.find(this.store.commitments, companyId, fields.contract_id);
    if (contract.project_id !== project.id) throw new Error(`commitment ${contract.id} is not in project ${project.id}`);
    const at = this.store.nowIso();
    const status = fields.status ?? 'pending';
    const number = this.store.changeOrders.list(project.id).filter((co) => co.contract_id === contract.id).length + 1;
    return this.store.create(
      this.store.changeOrders,
      'changeOrder',
      {
        company_id: companyId,
        project_id: project.id,
        contract_id: contract.id,
        number: String(number),
        title: fields.title ?? `Change order ${number}`,
        description: null,
        status,
        executed: status === 'approved',
        due_date: null,
        approved_date: status === 'approved' ? this.today() : null,
        origin_id: null,
        origin_data: null,
        line_items: fields.line_items.map((l) => {
          const target = l.commitment_line_item_id ? this.store.commitmentLineItems.get(l.commitment_line_item_id) : undefined;
          const costCodeId = l.cost_code_id ?? target?.cost_code_id;
          if (costCodeId === undefined) throw new Error('a change order line needs cost_code_id or commitment_line_item_id');
          return {
            id: this.store.nextId('changeOrderLineItem'),
            cost_code_id: costCodeId,
            line_item_type_id: target?.line_item_type_id ?? this.defaultLineItemType(companyId),
            description: l.description ?? 'Change',
            amount: roundMoney(l.amount),
            commitment_line_item_id: target?.id ?? null,
            created_at: at,
            updated_at: at,
          };
        }),
      },
      this.actor,
    );
  }

  updateChangeOrder(companyId: number, id: number, patch: Patch<CommitmentChangeOrder>): CommitmentChangeOrder {
    return this.patch(this.store.changeOrders, companyId, id, patch);
  }

  approveChangeOrder(companyId: number, id: number): CommitmentChangeOrder {
    return this.patch(this.store.changeOrders, companyId, id, { status: 'approved', executed: true, approved_date: this.today() });
  }

  // Requisitions (subcontractor invoices)
  createRequisition(companyId: number, projectId: number, fields: NewRequisition): Requisition {
    const project = this.find(this.store.projects, companyId, projectId);
    const commitment = this.find(this.store.commitments, companyId, fields.commitment_id);
    if (commitment.project_id !== project.id) throw new Error(`commitment ${commitment.id} is not in project ${project.id}`);
    const previous = this.store.requisitions.list(project.id).filter((r) => r.commitment_id === commitment.id);
    const today = fields.billing_date ?? this.today();
    const status = fields.status ?? 'draft';
    return this.store.create(
      this.store.requisitions,
      'requisition',
      {
        company_id: companyId,
        project_id: project.id,
        commitment_id: commitment.id,
        number: previous.length + 1,
        invoice_number: fields.invoice_number ?? null,
        status,
        billing_date: today,
        period_start: `${today.slice(0, 8)}01`,
        period_end: today,
        submitted_at: status === 'draft' ? null : this.store.nowIso(),
        erp_status: null,
        erp_locked: false,
        final: false,
        retainage_percent: commitment.retainage_percent,
        origin_id: null,
        origin_data: null,
        items: buildRequisitionItems({
          lines: this.store.commitmentLineItems.list(commitment.id),
          previous,
          retainagePercent: commitment.retainage_percent,
          nextId: () => this.store.nextId('requisitionItem'),
          workThisPeriod: (line) => fields.work?.[line.id] ?? Math.round(line.amount * (fields.fraction ?? 0.2) * 100) / 100,
        }),
      },
      this.actor,
    );
  }

  updateRequisition(companyId: number, id: number, patch: Patch<Requisition>): Requisition {
    return this.patch(this.store.requisitions, companyId, id, patch);
  }

  approveRequisition(companyId: number, id: number): Requisition {
    return this.patch(this.store.requisitions, companyId, id, { status: 'approved' });
  }

  /** Simulates the ERP lock Procore puts on records synced to an ERP (API-CONTRACT.md "erp_locked"). */
  setRequisitionErpLocked(companyId: number, id: number, locked: boolean): Requisition {
    return this.patch(this.store.requisitions, companyId, id, { erp_locked: locked });
  }

  // Payments and direct costs
  createContractPayment(
    companyId: number,
    projectId: number,
    fields: { contract_id: number; amount: number; date: string; requisition_id?: number | null; check_number?: string | null; origin_id?: string | null },
  ): ContractPayment {
    const project = this.find(this.store.projects, companyId, projectId);
    this.find(this.store.commitments, companyId, fields.contract_id);
    return this.store.create(
      this.store.contractPayments,
      'contractPayment',
      {
        company_id: companyId,
        project_id: project.id,
        contract_id: fields.contract_id,
        requisition_id: fields.requisition_id ?? null,
        amount: roundMoney(fields.amount),
        date: fields.date,
        payment_number: null,
        check_number: fields.check_number ?? null,
        invoice_number: null,
        notes: null,
        origin_id: fields.origin_id ?? null,
        origin_data: null,
      },
      this.actor,
    );
  }

  deleteContractPayment(companyId: number, id: number): void {
    this.delete(this.store.contractPayments, companyId, id);
  }

  createDirectCost(companyId: number, projectId: number, fields: NewDirectCost): DirectCost {
    const project = this.find(this.store.projects, companyId, projectId);
    return this.store.create(
      this.store.directCosts,
      'directCost',
      {
        company_id: companyId,
        project_id: project.id,
        direct_cost_type: fields.direct_cost_type,
        status: fields.status ?? 'approved',
        vendor_id: fields.vendor_id ?? null,
        invoice_number: fields.invoice_number ?? null,
        direct_cost_date: fields.direct_cost_date,
        received_date: null,
        payment_date: null,
        terms: null,
        description: fields.description ?? null,
        origin_id: null,
        origin_data: null,
        line_items: fields.line_items.map((l): DirectCostLineItem => ({
          id: this.store.nextId('directCostLineItem'),
          cost_code_id: this.find(this.store.costCodes, companyId, l.cost_code_id).id,
          line_item_type_id: l.line_item_type_id ?? null,
          amount: roundMoney(l.amount),
          description: l.description ?? null,
        })),
      },
      this.actor,
    );
  }

  updateDirectCost(companyId: number, id: number, patch: Patch<DirectCost>): DirectCost {
    return this.patch(this.store.directCosts, companyId, id, patch);
  }

  deleteDirectCost(companyId: number, id: number): void {
    this.delete(this.store.directCosts, companyId, id);
  }

  // The owner side (issue 21): prime contracts, owner invoices (payment applications), payments received
  addPrimeContract(companyId: number, projectId: number, fields: NewPrimeContract): PrimeContract {
    const project = this.find(this.store.projects, companyId, projectId);
    if (fields.vendor_id !== undefined && fields.vendor_id !== null) this.find(this.store.vendors, companyId, fields.vendor_id);
    if (fields.origin_id && this.store.primeContracts.originTaken(companyId, fields.origin_id))
      throw new Error(`origin_id ${fields.origin_id} is already taken`);
    const at = this.store.nowIso();
    const existing = this.store.primeContracts.list(project.id).length;
    return this.store.create(
      this.store.primeContracts,
      'primeContract',
      {
        company_id: companyId,
        project_id: project.id,
        number: fields.number ?? String(existing + 1),
        title: fields.title,
        description: null,
        status: fields.status ?? 'Approved',
        executed: (fields.status ?? 'Approved') === 'Approved' || fields.status === 'Complete',
        vendor_id: fields.vendor_id ?? null,
        owner: fields.owner_name === undefined ? null : { id: this.store.nextId('primeContractOwner'), name: fields.owner_name },
        retainage_percent: fields.retainage_percent ?? 10,
        contract_date: fields.contract_date ?? this.today(),
        execution_date: null,
        approval_letter_date: null,
        signed_contract_received_date: null,
        line_items: fields.line_items.map((l, i) => ({
          id: this.store.nextId('primeContractLineItem'),
          cost_code_id: l.cost_code_id,
          line_item_type_id: l.line_item_type_id ?? null,
          description: l.description ?? `Line ${i + 1}`,
          amount: roundMoney(l.amount),
          position: i + 1,
          origin_id: null,
          origin_data: null,
          created_at: at,
          updated_at: at,
        })),
        origin_id: fields.origin_id ?? null,
        origin_data: null,
      },
      this.actor,
    );
  }

  updatePrimeContract(companyId: number, id: number, patch: Patch<PrimeContract>): PrimeContract {
    return this.patch(this.store.primeContracts, companyId, id, patch);
  }

  /** An owner invoice with a G703 row per SOV line and per line of the contract's approved change orders
   * (buildPaymentApplicationLines); numbered after the contract's last. */
  addPaymentApplication(companyId: number, projectId: number, fields: NewPaymentApplication): PaymentApplication {
    const project = this.find(this.store.projects, companyId, projectId);
    const contract = this.find(this.store.primeContracts, companyId, fields.contract_id);
    if (contract.project_id !== project.id) throw new Error(`prime contract ${contract.id} is not in project ${project.id}`);
    const numbers = this.store.paymentApplications
      .list(project.id)
      .filter((a) => a.contract_id === contract.id)
      .map((a) => a.number);
    const billingDate = fields.billing_date ?? this.today();
    return this.store.create(
      this.store.paymentApplications,
      'paymentApplication',
      {
        company_id: companyId,
        project_id: project.id,
        contract_id: contract.id,
        number: Math.max(0, ...numbers) + 1,
        invoice_number: fields.invoice_number ?? null,
        status: fields.status ?? 'draft',
        billing_date: billingDate,
        period_start: fields.period_start ?? `${billingDate.slice(0, 8)}01`,
        period_end: fields.period_end ?? billingDate,
        line_items: buildPaymentApplicationLines(
          contract,
          fields.lines,
          () => this.store.nextId('paymentApplicationLineItem'),
          this.store.primeChangeOrders
            .list(project.id)
            .filter((co) => co.contract_id === contract.id && co.status === 'approved')
            .flatMap((co) => co.line_items),
        ),
        origin_id: null,
        origin_data: null,
      },
      this.actor,
    );
  }

  approvePaymentApplication(companyId: number, id: number): PaymentApplication {
    return this.patch(this.store.paymentApplications, companyId, id, { status: 'approved' });
  }

  /** Sets an owner invoice back (e.g. approved → under_review or revise_and_resubmit), as a reviewer would. */
  setPaymentApplicationStatus(companyId: number, id: number, status: PaymentApplicationStatus): PaymentApplication {
    return this.patch(this.store.paymentApplications, companyId, id, { status });
  }

  deletePaymentApplication(companyId: number, id: number): void {
    this.delete(this.store.paymentApplications, companyId, id);
  }

  /** The payments received on a project's prime contracts (one contract's with `contractId`), in id order. */
  listPrimeContractPayments(companyId: number, projectId: number, contractId?: number): PrimeContractPayment[] {
    const project = this.find(this.store.projects, companyId, projectId);
    return this.store.primeContractPayments.list(project.id).filter((p) => contractId === undefined || p.contract_id === contractId);
  }

  /** A payment received entered in Procore's UI. */
  createPrimeContractPayment(
    companyId: number,
    projectId: number,
    fields: { contract_id: number; amount: number; date: string; draw_request_number?: number | null; check_number?: string | null; origin_id?: string | null },
  ): PrimeContractPayment {
    const project = this.find(this.store.projects, companyId, projectId);
    const contract = this.find(this.store.primeContracts, companyId, fields.contract_id);
    if (contract.project_id !== project.id) throw new Error(`prime contract ${contract.id} is not in project ${project.id}`);
    if (
      fields.origin_id &&
      (this.store.primeContractPayments.originTaken(companyId, fields.origin_id) || this.store.contractPayments.originTaken(companyId, fields.origin_id))
    )
      throw new Error(`origin_id ${fields.origin_id} is already taken`);
    return this.store.create(
      this.store.primeContractPayments,
      'primeContractPayment',
      {
        company_id: companyId,
        project_id: project.id,
        contract_id: contract.id,
        amount: roundMoney(fields.amount),
        date: fields.date,
        draw_request_number: fields.draw_request_number ?? null,
        payment_number: null,
        check_number: fields.check_number ?? null,
        invoice_number: null,
        notes: null,
        payment_method: null,
        origin_id: fields.origin_id ?? null,
        origin_data: null,
      },
      this.actor,
    );
  }

  deletePrimeContractPayment(companyId: number, id: number): void {
    this.delete(this.store.primeContractPayments, companyId, id);
  }

  // Prime contract change orders (PCCOs): approved ones add to the prime contract's revised amount
  addPrimeChangeOrder(companyId: number, projectId: number, fields: NewPrimeChangeOrder): PrimeChangeOrder {
    const project = this.find(this.store.projects, companyId, projectId);
    const contract = this.find(this.store.primeContracts, companyId, fields.contract_id);
    if (contract.project_id !== project.id) throw new Error(`prime contract ${contract.id} is not in project ${project.id}`);
    if (fields.origin_id && this.store.primeChangeOrders.originTaken(companyId, fields.origin_id))
      throw new Error(`origin_id ${fields.origin_id} is already taken`);
    if (fields.line_items.length === 0) throw new Error('a prime contract change order needs at least one line');
    const at = this.store.nowIso();
    const status = fields.status ?? 'pending';
    const existing = this.store.primeChangeOrders.list(project.id).filter((co) => co.contract_id === contract.id).length;
    return this.store.create(
      this.store.primeChangeOrders,
      'primeChangeOrder',
      {
        company_id: companyId,
        project_id: project.id,
        contract_id: contract.id,
        number: fields.number ?? String(existing + 1).padStart(3, '0'),
        title: fields.title ?? `Change order ${existing + 1}`,
        description: fields.description ?? null,
        status,
        revision: 0,
        due_date: fields.due_date ?? null,
        invoiced_date: null,
        paid_date: null,
        ...this.reviewFields(status),
        origin_id: fields.origin_id ?? null,
        origin_data: null,
        line_items: fields.line_items.map((l, i) => {
          const sovLine = l.prime_contract_line_item_id ? contract.line_items.find((x) => x.id === l.prime_contract_line_item_id) : undefined;
          if (l.prime_contract_line_item_id && sovLine === undefined)
            throw new Error(`line ${l.prime_contract_line_item_id} is not on prime contract ${contract.id}`);
          return {
            id: this.store.nextId('primeChangeOrderLineItem'),
            cost_code_id: l.cost_code_id ?? sovLine?.cost_code_id ?? null,
            line_item_type_id: l.line_item_type_id ?? sovLine?.line_item_type_id ?? null,
            description: l.description ?? sovLine?.description ?? `Change ${i + 1}`,
            amount: roundMoney(l.amount),
            position: i + 1,
            prime_contract_line_item_id: sovLine?.id ?? null,
            created_at: at,
            updated_at: at,
          };
        }),
      },
      this.actor,
    );
  }

  updatePrimeChangeOrder(companyId: number, id: number, patch: Patch<PrimeChangeOrder>): PrimeChangeOrder {
    return this.patch(this.store.primeChangeOrders, companyId, id, patch);
  }

  approvePrimeChangeOrder(companyId: number, id: number): PrimeChangeOrder {
    return this.setPrimeChangeOrderStatus(companyId, id, 'approved');
  }

  /** Moves a change order to any status, e.g. approved → revised (set back) or void; executed and reviewed_at follow. */
  setPrimeChangeOrderStatus(companyId: number, id: number, status: PrimeChangeOrderStatus): PrimeChangeOrder {
    const record = this.find(this.store.primeChangeOrders, companyId, id);
    if (record.status === status) return record;
    return this.patch(this.store.primeChangeOrders, companyId, id, { status, ...this.reviewFields(status) });
  }

  deletePrimeChangeOrder(companyId: number, id: number): void {
    this.delete(this.store.primeChangeOrders, companyId, id);
  }

  /** What a status sets on a change order: approval executes it and records the review; rejection records the review. */
  private reviewFields(status: PrimeChangeOrderStatus): Pick<PrimeChangeOrder, 'executed' | 'reviewed_at' | 'signed_change_order_received_date'> {
    const reviewed = status === 'approved' || status === 'rejected';
    return {
      executed: status === 'approved',
      reviewed_at: reviewed ? this.store.nowIso() : null,
      signed_change_order_received_date: status === 'approved' ? this.today() : null,
    };
  }

  // Access
  /** Makes the seeded user (and the apps it authorized) a member of the company, or removes it. */
  setMembership(companyId: number, member: boolean): void {
    this.company(companyId);
    if (member) this.store.memberships.add(companyId);
    else this.store.memberships.delete(companyId);
  }

  private find<T extends CompanyScoped & Partial<OriginFields>>(table: RecordTable<T>, companyId: number, id: number): T {
    const record = table.get(id);
    if (record === undefined || record.company_id !== companyId) throw new Error(`no record ${id} of this kind in company ${companyId}`);
    return record;
  }

  private patch<T extends CompanyScoped & Partial<OriginFields>>(table: RecordTable<T>, companyId: number, id: number, patch: NoInfer<Partial<T>>): T {
    const record = this.find(table, companyId, id);
    if (patch.origin_id && table.originTaken(companyId, patch.origin_id, id)) throw new Error(`origin_id ${patch.origin_id} is already taken`);
    this.store.update(table, record, patch, this.actor);
    return record;
  }

  private delete<T extends CompanyScoped & Partial<OriginFields>>(table: RecordTable<T>, companyId: number, id: number): void {
    this.store.remove(table, this.find(table, companyId, id), this.actor);
  }

  private company(companyId: number): void {
    if (!this.store.companies.has(companyId)) throw new Error(`no company ${companyId}`);
  }

  private defaultLineItemType(companyId: number): number {
    const types = this.store.lineItemTypes.list(companyId);
    const type = types.find((t) => t.code === 'S') ?? types[0];
    if (type === undefined) throw new Error(`company ${companyId} has no line item types`);
    return type.id;
  }

  private today(): string {
    return this.store.nowIso().slice(0, 10);
  }
}
