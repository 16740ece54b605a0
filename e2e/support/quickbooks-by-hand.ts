import type { CompanyFile, Customer, QuickBooksSimulator } from '@connector/qb-simulator';

/** A customer and its job typed into QuickBooks by someone (not by the connector). */
export function addJob(quickbooks: QuickBooksSimulator, company: CompanyFile, name: string): Customer {
  const store = quickbooks.store;
  const customer: Customer = { listId: store.newListId(), name: `${name.slice(0, 30)} Owner`, isActive: true, ...store.stampNew() };
  const job: Customer = { listId: store.newListId(), name: name.slice(0, 41), isActive: true, parentId: customer.listId, ...store.stampNew() };
  company.customers.push(customer, job);
  store.reindex();
  return job;
}
