// Where each kind of id starts. Procore ids are unique per resource type; distinct ranges here also make a
// vendor id used as a project id (a client bug) answer 404 instead of silently finding another record.
export const ID_BASES = {
  user: 2_310_000,
  trade: 410_000,
  project: 280_000,
  vendor: 7_100_000,
  standardCostCodeList: 56_000,
  standardCostCode: 9_840_000,
  costCode: 41_000_000,
  lineItemType: 120_000,
  budgetView: 15_000,
  budgetLineItem: 61_000_000,
  commitment: 33_000_000,
  commitmentLineItem: 71_000_000,
  changeOrder: 12_500_000,
  changeOrderLineItem: 12_900_000,
  requisition: 18_200_000,
  requisitionItem: 18_900_000,
  contractPayment: 5_400_000,
  directCost: 52_000_000,
  directCostLineItem: 52_900_000,
  // The owner side (issue 21): ranges of their own, so seeded ids of the kinds above never move.
  primeContractOwner: 7_950_000,
  primeContract: 8_600_000,
  primeContractLineItem: 8_700_000,
  paymentApplication: 8_800_000,
  paymentApplicationLineItem: 8_900_000,
  primeContractPayment: 5_800_000,
  // Prime contract change orders: added after the rest of the owner side, in ranges of their own again.
  primeChangeOrder: 8_450_000,
  primeChangeOrderLineItem: 8_500_000,
  hook: 300_000,
  trigger: 3_100_000,
  webhookEvent: 900_000_000,
} as const;

export type IdKind = keyof typeof ID_BASES;

/** Hands out increasing ids per kind, never below a kind's base or an id already seen. */
export class IdSequence {
  private readonly last = new Map<IdKind, number>();

  next(kind: IdKind): number {
    const id = (this.last.get(kind) ?? ID_BASES[kind]) + 1;
    this.last.set(kind, id);
    return id;
  }

  /** Records that `id` is taken, so later ids are larger. */
  observe(kind: IdKind, id: number): void {
    if (id > (this.last.get(kind) ?? ID_BASES[kind])) this.last.set(kind, id);
  }
}
