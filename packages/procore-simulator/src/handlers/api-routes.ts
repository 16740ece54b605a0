import type { ApiRoute } from '../api/api-context.ts';
import { budgetRoutes } from './handle-budgets.ts';
import { changeOrderRoutes } from './handle-change-orders.ts';
import { commitmentRoutesAll } from './handle-commitments.ts';
import { contractPaymentRoutes } from './handle-contract-payments.ts';
import { directCostRoutes } from './handle-direct-costs.ts';
import { meRoutes } from './handle-me.ts';
import { paymentApplicationRoutes } from './handle-payment-applications.ts';
import { primeChangeOrderRoutes } from './handle-prime-change-orders.ts';
import { primeContractPaymentRoutes } from './handle-prime-contract-payments.ts';
import { primeContractRoutes } from './handle-prime-contracts.ts';
import { projectCostCodeRoutes } from './handle-project-cost-codes.ts';
import { projectRoutes } from './handle-projects.ts';
import { requisitionRoutes } from './handle-requisitions.ts';
import { standardCostCodeRoutes } from './handle-standard-cost-codes.ts';
import { vendorRoutes } from './handle-vendors.ts';
import { webhookHookRoutes } from './handle-webhook-hooks.ts';

/** Every API-host route of API-CONTRACT.md "Resources". Order matters only where templates overlap. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...meRoutes,
  ...vendorRoutes,
  ...projectRoutes,
  ...standardCostCodeRoutes,
  ...projectCostCodeRoutes,
  ...budgetRoutes,
  ...commitmentRoutesAll,
  ...changeOrderRoutes,
  ...requisitionRoutes,
  ...contractPaymentRoutes,
  ...primeContractRoutes,
  ...primeChangeOrderRoutes,
  ...paymentApplicationRoutes,
  ...primeContractPaymentRoutes,
  ...directCostRoutes,
  ...webhookHookRoutes,
];
