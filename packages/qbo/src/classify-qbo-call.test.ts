import { describe, expect, it } from 'vitest';
import { classifyQboCall } from './classify-qbo-call.ts';

describe('classifyQboCall', () => {
  it.each([
    ['GET', 'vendor', 'core_plus'],
    ['GET', 'companyinfo', 'core_plus'],
    ['GET', 'query', 'core_plus'],
    ['GET', 'cdc', 'core_plus'],
    ['GET', 'reports', 'core_plus'],
    ['POST', 'query', 'core_plus'],
    ['POST', 'Query', 'core_plus'],
    ['POST', 'vendor', 'core'],
    ['POST', 'purchaseorder', 'core'],
    ['POST', 'batch', 'core'],
  ] as const)('%s %s is %s', (method, resource, category) => {
    expect(classifyQboCall({ method, resource })).toBe(category);
  });
});
