import { describe, expect, it } from 'vitest';
import { splitAddress } from './split-address.ts';

const WHAT = 'The address of the vendor "ABC Concrete" (Procore company 12)';

function address(parts: Parameters<typeof splitAddress>[0]) {
  const r = splitAddress(parts, WHAT);
  if (!r.ok) throw new Error(r.refusal.message);
  return r.address;
}

describe('splitAddress', () => {
  it('puts separate Procore fields into QuickBooks fields', () => {
    expect(address({ street: '123 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' })).toEqual({
      addr1: '123 Main St',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    });
  });

  it('turns commas and line breaks in the street into new lines, never into the text', () => {
    expect(address({ street: '123 Main St, Suite 400,\nBuilding B', city: 'Springfield' })).toEqual({
      addr1: '123 Main St',
      addr2: 'Suite 400',
      addr3: 'Building B',
      city: 'Springfield',
    });
    expect(address({ street: ',,123 Main St,, ,' })).toEqual({ addr1: '123 Main St' });
  });

  it('moves ", City, ST 12345" out of the street when Procore has no city, state or ZIP', () => {
    expect(address({ street: '123 Main St, Suite 4, Springfield, IL 62701' })).toEqual({
      addr1: '123 Main St',
      addr2: 'Suite 4',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
    });
    expect(address({ street: '1 Elm Rd, Austin, tx 78701-1234' })).toEqual({ addr1: '1 Elm Rd', city: 'Austin', state: 'TX', postalCode: '78701-1234' });
    expect(address({ street: '100 King St W, Toronto, ON M5X 1A9' })).toEqual({ addr1: '100 King St W', city: 'Toronto', state: 'ON', postalCode: 'M5X 1A9' });
    expect(address({ street: 'Springfield, IL 62701' })).toEqual({ city: 'Springfield', state: 'IL', postalCode: '62701' });
  });

  it('leaves the street alone when Procore has any of city, state or ZIP, or the tail is not a state and ZIP', () => {
    expect(address({ street: '123 Main St, Springfield, IL 62701', city: 'Chicago' })).toEqual({
      addr1: '123 Main St',
      addr2: 'Springfield',
      addr3: 'IL 62701',
      city: 'Chicago',
    });
    expect(address({ street: '123 Main St, Suite 4' })).toEqual({ addr1: '123 Main St', addr2: 'Suite 4' });
    expect(address({ street: 'IL 62701' })).toEqual({ addr1: 'IL 62701' });
  });

  it('replaces commas in city, state, postal code and country', () => {
    expect(address({ city: 'St. Louis, County', state: 'MO,', postalCode: '63101', country: 'United States, America' })).toEqual({
      city: 'St. Louis County',
      state: 'MO',
      postalCode: '63101',
      country: 'United States America',
    });
  });

  it('wraps a long piece at spaces into lines of at most 41 characters', () => {
    const street = 'Northeast Corner of Riverside Medical Center Campus Parking Structure';
    const a = address({ street });
    expect(a).toEqual({ addr1: 'Northeast Corner of Riverside Medical', addr2: 'Center Campus Parking Structure' });
    expect(address({ street: 'x'.repeat(41) })).toEqual({ addr1: 'x'.repeat(41) });
    expect(address({ street: 'x'.repeat(42) })).toEqual({ addr1: 'x'.repeat(41), addr2: 'x' });
    expect(address({ street: `ab ${'x'.repeat(45)} cd` })).toEqual({ addr1: 'ab', addr2: 'x'.repeat(41), addr3: 'xxxx cd' });
  });

  it('uses all five lines, and refuses a sixth naming the limits', () => {
    expect(address({ street: 'a, b, c, d, e' })).toEqual({ addr1: 'a', addr2: 'b', addr3: 'c', addr4: 'd', addr5: 'e' });
    const r = splitAddress({ street: 'a, b, c, d, e, f' }, WHAT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal).toEqual({
        code: 'FIELD_TOO_LONG',
        field: 'Addr1',
        message: `${WHAT} needs 6 lines of at most 41 characters; QuickBooks has 5 address lines. Shorten the street address in Procore and export again.`,
      });
    }
  });

  it.each([
    ['city', { city: 'x'.repeat(31) }, { city: 'x'.repeat(32) }, 'City', 31],
    ['state', { state: 'x'.repeat(21) }, { state: 'x'.repeat(22) }, 'State', 21],
    ['postal code', { postalCode: 'x'.repeat(13) }, { postalCode: 'x'.repeat(14) }, 'PostalCode', 13],
    ['country', { country: 'x'.repeat(31) }, { country: 'x'.repeat(32) }, 'Country', 31],
  ] as const)('accepts the %s at its limit and refuses one more', (label, fits, tooLong, field, limit) => {
    expect(splitAddress(fits, WHAT).ok).toBe(true);
    const r = splitAddress(tooLong, WHAT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('FIELD_TOO_LONG');
      expect(r.refusal.field).toBe(field);
      expect(r.refusal.message).toContain(`QuickBooks allows at most ${limit} characters for a ${label}`);
    }
  });

  it('counts unicode by code points', () => {
    expect(address({ city: 'é'.repeat(31) })).toEqual({ city: 'é'.repeat(31) });
    expect(splitAddress({ city: '𝐀'.repeat(32) }, WHAT).ok).toBe(false);
  });

  it('is null when there is no address at all', () => {
    expect(address({})).toBeNull();
    expect(address({ street: null, city: '  ', state: null, postalCode: undefined, country: '' })).toBeNull();
    expect(address({ street: ' , \n ' })).toBeNull();
  });
});
