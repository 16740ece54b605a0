import { describe, expect, it } from 'vitest';
import { mapCustomer } from './map-customer.ts';
import { createXsdCheck } from './testing/create-xsd-check.ts';
import { expectOk, expectRefusal } from './testing/fixtures.ts';

const xsd = createXsdCheck();

describe('mapCustomer (a new customer typed at export)', () => {
  it('creates a top-level customer', () => {
    const result = expectOk(mapCustomer({ name: ' Riverside  Medical ', projectId: 7 }));
    expect(result.request).toEqual({ type: 'CustomerAdd', name: 'Riverside Medical', companyName: 'Riverside Medical' });
    expect(result.preview).toEqual([
      { field: 'Name', value: 'Riverside Medical', source: 'typed at export' },
      { field: 'Company name', value: 'Riverside Medical', source: 'typed at export' },
    ]);
    expect(xsd.add('customer add', result.request)).not.toContain('ParentRef');
  });

  it('accepts 41 characters and refuses 42', () => {
    xsd.add('customer 41', expectOk(mapCustomer({ name: 'c'.repeat(41) })).request);
    const refusal = expectRefusal(mapCustomer({ name: 'c'.repeat(42), projectId: 7 }), 'NAME_TOO_LONG');
    expect(refusal.message).toContain('(typed at export for Procore project 7) is 42 characters; QuickBooks allows at most 41 characters for a customer name.');
    expect(expectRefusal(mapCustomer({ name: 'c'.repeat(42) }), 'NAME_TOO_LONG').message).toContain('(typed at export)');
  });

  it('refuses a blank name and a colon', () => {
    expectRefusal(mapCustomer({ name: '' }), 'INCOMPLETE_RECORD');
    expectRefusal(mapCustomer({ name: 'Riverside:Medical' }), 'INVALID_NAME');
  });

  it('every request above validates against the qbXML 13.0 XSD', async () => {
    await xsd.verifyAll();
  });
});
