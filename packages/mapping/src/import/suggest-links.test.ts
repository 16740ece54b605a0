import { describe, expect, it } from 'vitest';
import { classifyLinks, flagDuplicateVendors, type LinkCandidate, type QbLinkable } from './suggest-links.ts';

const job = (listId: string, name: string, customer = 'Maple Health', fields: Partial<QbLinkable> = {}): QbLinkable => ({
  listId,
  name,
  fullName: `${customer}:${name}`,
  isActive: true,
  archived: false,
  ...fields,
});
const vendor = (listId: string, name: string, fields: Partial<QbLinkable> = {}): QbLinkable => ({
  listId,
  name,
  fullName: name,
  isActive: true,
  archived: false,
  ...fields,
});
const project = (id: number, name: string, fields: Partial<LinkCandidate> = {}): LinkCandidate => ({ id, name, originId: null, active: true, ...fields });
const NONE = new Map<string, number>();

describe('classifyLinks', () => {
  it('linked: in the map, or a Procore record whose origin_id is the ListID; the map wins', () => {
    const result = classifyLinks(
      [job('J1', 'Clinic'), job('J2', 'Garage'), job('J3', 'Annex')],
      [project(10, 'Something else'), project(11, 'Garage', { originId: 'J2' }), project(12, 'Annex', { originId: 'J3' })],
      new Map([
        ['J1', 10],
        ['J3', 99],
      ]),
      { kind: 'job' },
    );
    expect(result).toEqual([
      { listId: 'J1', status: 'linked', procoreId: 10, suggestion: null, note: null },
      { listId: 'J2', status: 'linked', procoreId: 11, suggestion: null, note: null },
      { listId: 'J3', status: 'linked', procoreId: 99, suggestion: null, note: null },
    ]);
  });

  it('suggested: exactly one Procore project with the job’s own name, with the reason', () => {
    const [clinic] = classifyLinks([job('J1', 'Maple Street Clinic')], [project(10, 'Maple Street Clinic'), project(11, 'Other')], NONE, { kind: 'job' });
    expect(clinic).toEqual({
      listId: 'J1',
      status: 'suggested',
      procoreId: null,
      suggestion: { id: 10, name: 'Maple Street Clinic', reason: 'Same name as Procore project "Maple Street Clinic"' },
      note: null,
    });
  });

  it.each([
    ['maple street clinic', 'Same name as Procore project "Maple Street Clinic" (ignoring case)'],
    ['Maple  Street Clinic ', 'Same name as Procore project "Maple Street Clinic" (ignoring spacing)'],
    ['MAPLE\u00a0street clinic', 'Same name as Procore project "Maple Street Clinic" (ignoring case and spacing)'],
  ])('matches %j ignoring case and spacing, and says which', (qbName, reason) => {
    const [entry] = classifyLinks([job('J1', qbName)], [project(10, 'Maple Street Clinic')], NONE, { kind: 'job' });
    expect(entry!.suggestion?.reason).toBe(reason);
  });

  it('a job also matches a project named like its full name "Customer:Job"', () => {
    const [entry] = classifyLinks([job('J1', 'Clinic', 'Maple Health')], [project(10, 'maple health:clinic')], NONE, { kind: 'job' });
    expect(entry).toMatchObject({
      status: 'suggested',
      suggestion: { id: 10, reason: 'Same name as Procore project "maple health:clinic" (QuickBooks full name "Maple Health:Clinic", ignoring case)' },
    });
  });

  it('prefers the own-name reason when the name and full name both match one project', () => {
    const entry = { listId: 'J1', name: 'Clinic', fullName: 'Clinic', isActive: true, archived: false };
    expect(classifyLinks([entry], [project(10, 'Clinic')], NONE, { kind: 'job' })[0]!.suggestion?.reason).toBe('Same name as Procore project "Clinic"');
  });

  it('vendors compare the name only, and say "Procore company"', () => {
    const odd = vendor('V1', 'ABC Concrete', { fullName: 'Something Else' });
    const result = classifyLinks(
      [odd, vendor('V2', 'Valley Rebar')],
      [project(20, 'abc concrete'), project(21, 'Something Else'), project(22, 'VALLEY REBAR')],
      NONE,
      { kind: 'vendor' },
    );
    expect(result.map((r) => [r.status, r.suggestion?.id, r.suggestion?.reason])).toEqual([
      ['suggested', 20, 'Same name as Procore company "abc concrete" (ignoring case)'],
      ['suggested', 22, 'Same name as Procore company "VALLEY REBAR" (ignoring case)'],
    ]);
  });

  it('only exact names: near-duplicates ("ABC Concrete, Inc.") are not suggested', () => {
    expect(classifyLinks([vendor('V1', 'ABC Concrete')], [project(20, 'ABC Concrete, Inc.')], NONE, { kind: 'vendor' })[0]).toEqual({
      listId: 'V1',
      status: 'unlinked',
      procoreId: null,
      suggestion: null,
      note: null,
    });
  });

  it('candidates: active Procore records not linked to any ListID (map or origin_id)', () => {
    const result = classifyLinks(
      [job('J1', 'Clinic'), job('J2', 'Garage'), job('J3', 'Annex'), job('J4', 'Linked elsewhere')],
      [
        project(10, 'Clinic', { active: false }),
        project(11, 'Garage', { originId: 'DELETED-LIST-ID' }),
        project(12, 'Annex'),
        project(13, 'Other'),
        project(14, 'Linked elsewhere'),
      ],
      new Map([['J3', 14]]),
      { kind: 'job' },
    );
    expect(result.map((r) => [r.listId, r.status, r.suggestion?.id ?? null])).toEqual([
      ['J1', 'unlinked', null],
      ['J2', 'unlinked', null],
      ['J3', 'linked', null],
      ['J4', 'unlinked', null],
    ]);
    expect(result[2]!.procoreId).toBe(14);
  });

  it('a name matching two Procore records suggests nothing and says why', () => {
    const [entry] = classifyLinks([job('J1', 'Clinic')], [project(10, 'Clinic'), project(11, 'CLINIC')], NONE, { kind: 'job' });
    expect(entry).toEqual({
      listId: 'J1',
      status: 'unlinked',
      procoreId: null,
      suggestion: null,
      note: 'More than one Procore project has this name: "Clinic" (10) and "CLINIC" (11); link the right one by hand.',
    });
  });

  it('a Procore record matched by two QuickBooks entries is suggested to neither', () => {
    const result = classifyLinks(
      [job('J1', 'Clinic', 'Maple Health'), job('J2', 'clinic', 'Oak Health'), job('J3', 'Garage')],
      [project(10, 'Clinic'), project(11, 'Garage')],
      NONE,
      { kind: 'job' },
    );
    expect(result).toEqual([
      {
        listId: 'J1',
        status: 'unlinked',
        procoreId: null,
        suggestion: null,
        note: 'Procore project "Clinic" also matches QuickBooks job "Oak Health:clinic"; link the right one by hand.',
      },
      {
        listId: 'J2',
        status: 'unlinked',
        procoreId: null,
        suggestion: null,
        note: 'Procore project "Clinic" also matches QuickBooks job "Maple Health:Clinic"; link the right one by hand.',
      },
      {
        listId: 'J3',
        status: 'suggested',
        procoreId: null,
        suggestion: { id: 11, name: 'Garage', reason: 'Same name as Procore project "Garage"' },
        note: null,
      },
    ]);
  });

  it('archived wins over suggested and unlinked, not over linked; an archived entry blocks no suggestion', () => {
    const result = classifyLinks(
      [
        job('J1', 'Clinic', 'Maple Health', { archived: true }),
        job('J2', 'Clinic', 'Oak Health'),
        job('J3', 'Garage', 'Maple Health', { archived: true }),
        job('J4', 'Annex', 'Maple Health', { archived: true }),
      ],
      [project(10, 'Clinic'), project(12, 'Annex', { originId: 'J4' })],
      NONE,
      { kind: 'job' },
    );
    expect(result.map((r) => [r.listId, r.status, r.procoreId, r.suggestion?.id ?? null])).toEqual([
      ['J1', 'archived', null, null],
      ['J2', 'suggested', null, 10],
      ['J3', 'archived', null, null],
      ['J4', 'linked', 12, null],
    ]);
  });

  it('inactive QuickBooks entries are still classified; blank names match nothing; order is kept', () => {
    const result = classifyLinks([vendor('V2', '  '), vendor('V1', 'Old Vendor', { isActive: false })], [project(20, 'Old Vendor'), project(21, ' ')], NONE, {
      kind: 'vendor',
    });
    expect(result.map((r) => [r.listId, r.status])).toEqual([
      ['V2', 'unlinked'],
      ['V1', 'suggested'],
    ]);
  });
});

describe('flagDuplicateVendors', () => {
  it('flags vendors that differ only by case, punctuation, spacing or legal suffix, each with the others', () => {
    const flagged = flagDuplicateVendors([
      vendor('V1', 'ABC Concrete'),
      vendor('V2', 'A.B.C. Concrete, LLC'),
      vendor('V3', 'abc concrete', { archived: true }),
      vendor('V4', 'ABC Concrete West'),
      vendor('V5', 'Valley Rebar'),
      vendor('V6', 'Valley Rebar Inc.', { isActive: false }),
    ]);
    expect([...flagged]).toEqual([
      [
        'V1',
        [
          { listId: 'V2', name: 'A.B.C. Concrete, LLC' },
          { listId: 'V3', name: 'abc concrete' },
        ],
      ],
      [
        'V2',
        [
          { listId: 'V1', name: 'ABC Concrete' },
          { listId: 'V3', name: 'abc concrete' },
        ],
      ],
      [
        'V3',
        [
          { listId: 'V1', name: 'ABC Concrete' },
          { listId: 'V2', name: 'A.B.C. Concrete, LLC' },
        ],
      ],
      ['V5', [{ listId: 'V6', name: 'Valley Rebar Inc.' }]],
      ['V6', [{ listId: 'V5', name: 'Valley Rebar' }]],
    ]);
  });

  it('flags nothing when names are all different or have no letters or digits', () => {
    expect(flagDuplicateVendors([vendor('V1', 'ABC'), vendor('V2', 'XYZ'), vendor('V3', '---'), vendor('V4', '...')]).size).toBe(0);
    expect(flagDuplicateVendors([]).size).toBe(0);
  });
});
