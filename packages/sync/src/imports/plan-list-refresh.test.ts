import type { QbListEntryModel } from '@connector/db';
import type { QbListEntry } from '@connector/mapping';
import { describe, expect, it } from 'vitest';
import { flaggedEditSequence, planVendorUpdates, type VendorLink } from './plan-list-refresh.ts';

function vendorData(listId: string, editSequence: string, name: string): QbListEntry {
  return {
    listType: 'Vendor',
    listId,
    editSequence,
    name,
    fullName: name,
    parentListId: null,
    sublevel: 0,
    isActive: true,
    timeModified: '2026-12-01T09:00:00-05:00',
    itemType: null,
    companyName: `${name} LLC`,
    jobStatus: null,
    contact: { email: null, phone: null, address: null },
  };
}

function entry(listId: string, editSequence: string, data: unknown): QbListEntryModel {
  return {
    companyId: '00000000-0000-4000-8000-000000000001',
    listType: 'Vendor',
    listId,
    editSequence,
    name: listId,
    fullName: listId,
    parentListId: null,
    retElement: 'VendorRet',
    isActive: true,
    qbModifiedAt: '2026-12-01T09:00:00-05:00',
    data: data as QbListEntryModel['data'],
    archivedAt: null,
    archivedBy: null,
    deletedAt: null,
    fetchedAt: new Date('2026-12-01T14:00:00Z'),
  };
}

describe('planVendorUpdates', () => {
  const links: VendorLink[] = [
    { procoreId: '101', qbId: 'V-GOOD', editSequence: '1' },
    { procoreId: '102', qbId: 'V-SAME', editSequence: '5' },
    { procoreId: '103', qbId: 'V-TEXT', editSequence: '1' },
    { procoreId: '104', qbId: 'V-NAME', editSequence: '1' },
    { procoreId: '105', qbId: 'V-GONE', editSequence: '1' },
  ];
  const good = entry('V-GOOD', '2', vendorData('V-GOOD', '2', 'Acme Concrete'));
  // Unchanged (same EditSequence) and damaged: nothing to update, so its copy is not read at all.
  const same = entry('V-SAME', '5', 'not read');
  // A JSON string where an object belongs, and an object whose Name is a number: both damaged copies.
  const text = entry('V-TEXT', '2', 'oops');
  const numberName = entry('V-NAME', '2', { ...vendorData('V-NAME', '2', 'x'), name: 42 });
  const entries = new Map([good, same, text, numberName].map((e) => [e.listId, e]));

  it('plans the changed vendor read through its check, and reports each damaged copy naming its row', () => {
    const { changed, damaged } = planVendorUpdates(links, entries);
    expect(changed).toEqual([{ link: links[0], entry: good, data: vendorData('V-GOOD', '2', 'Acme Concrete') }]);
    expect(damaged.map((d) => d.procoreId)).toEqual(['103', '104']);
    expect(damaged[0]!.message).toContain('qb_list_entries.data of row Vendor V-TEXT');
    expect(damaged[1]!.message).toContain('qb_list_entries.data of row Vendor V-NAME');
    expect(damaged[1]!.message).toContain('/name');
  });

  it('leaves out the unchanged vendor and the link whose QuickBooks vendor is not stored (deleted)', () => {
    const { changed, damaged } = planVendorUpdates(links, entries);
    const planned = [...changed.map((c) => c.link.procoreId), ...damaged.map((d) => d.procoreId)];
    expect(planned).not.toContain('102');
    expect(planned).not.toContain('105');
  });

  it('a damaged copy fails only its own vendor: the same good vendor is planned with or without it', () => {
    const alone = planVendorUpdates([links[0]!], new Map([[good.listId, good]]));
    const withDamage = planVendorUpdates(links, entries);
    expect(withDamage.changed).toEqual(alone.changed);
    expect(alone.damaged).toEqual([]);
  });
});

describe('flaggedEditSequence', () => {
  it('reads the EditSequence an audit entry flagged', () => {
    expect(flaggedEditSequence({ editSequence: '1733580000', message: 'conflict' })).toBe('1733580000');
  });
  it('flags nothing when the detail has no EditSequence, or one that is not text', () => {
    expect(flaggedEditSequence({ message: 'conflict' })).toBe('');
    expect(flaggedEditSequence({ editSequence: 1733580000 })).toBe('');
    expect(flaggedEditSequence({ editSequence: null })).toBe('');
  });
  it('flags nothing when the detail is null or not an object', () => {
    expect(flaggedEditSequence(null)).toBe('');
    expect(flaggedEditSequence(undefined)).toBe('');
    expect(flaggedEditSequence('1733580000')).toBe('');
    expect(flaggedEditSequence(42)).toBe('');
  });
});
