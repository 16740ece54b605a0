import { describe, expect, it } from 'vitest';
import { RecordTable } from './record-table.ts';

interface Row {
  id: number;
  company_id: number;
  project_id: number;
  origin_id: string | null;
  origin_data: string | null;
  created_at: string;
  updated_at: string;
}

const row = (id: number, company_id: number, project_id: number, origin_id: string | null = null): Row => ({
  id,
  company_id,
  project_id,
  origin_id,
  origin_data: null,
  created_at: '',
  updated_at: '',
});

describe('RecordTable', () => {
  it('lists one scope in id order, or every record without a scope; origin_id is unique per company', () => {
    const table = new RecordTable<Row>({ resourceName: () => 'Rows', scopeOf: (r) => r.project_id });
    for (const r of [row(5, 1, 10, 'A'), row(2, 1, 11), row(9, 2, 20, 'A'), row(3, 1, 10)]) table.insert(r);
    expect(table.list(10).map((r) => r.id)).toEqual([3, 5]);
    expect(table.list(99)).toEqual([]);
    expect(table.list().map((r) => r.id)).toEqual([2, 3, 5, 9]);
    expect(table.findByOrigin(1, 'A')?.id).toBe(5);
    expect(table.findByOrigin(2, 'A')?.id).toBe(9);
    expect(table.originTaken(1, 'A')).toBe(true);
    expect(table.originTaken(1, 'A', 5)).toBe(false);
    table.remove(table.get(5) as Row);
    expect(table.list().map((r) => r.id)).toEqual([2, 3, 9]);
    expect(table.findByOrigin(1, 'A')).toBeUndefined();
  });
});
