import { describe, expect, it } from 'vitest';
import { checkCountrySupport } from './check-country-support.ts';

describe('checkCountrySupport', () => {
  it('lets US company files sync subcontractor invoices and bill payments', () => {
    expect(checkCountrySupport('subcontractor_invoice', 'US')).toBeNull();
    expect(checkCountrySupport('bill_payment', ' us ')).toBeNull();
  });

  it('refuses Canadian company files with a sentence saying it is a US-only feature', () => {
    expect(checkCountrySupport('subcontractor_invoice', 'CA')?.refusal).toEqual({
      code: 'US_ONLY_FEATURE',
      message:
        'Subcontractor invoices do not sync to this QuickBooks company file: it is a Canadian company file, and syncing subcontractor invoices is a US-only feature of QuickBooks. Enter them in QuickBooks by hand.',
    });
    expect(checkCountrySupport('bill_payment', 'ca')?.refusal.message).toBe(
      'Bill payments do not sync to this QuickBooks company file: it is a Canadian company file, and syncing bill payments is a US-only feature of QuickBooks. Enter them in QuickBooks by hand.',
    );
  });

  it('refuses every other non-US file the same way', () => {
    expect(checkCountrySupport('subcontractor_invoice', 'UK')?.refusal.message).toContain('it is a UK company file');
    expect(checkCountrySupport('subcontractor_invoice', 'AU')?.refusal.message).toContain('it is an Australian company file');
    expect(checkCountrySupport('subcontractor_invoice', 'FR')?.refusal.message).toContain('it is a company file for the country "FR"');
  });

  it('asks to wait when QuickBooks has not reported its country yet', () => {
    const r = checkCountrySupport('subcontractor_invoice', '');
    expect(r?.refusal.code).toBe('COUNTRY_UNKNOWN');
    expect(r?.refusal.message).toContain('Let the Web Connector run once');
  });
});
