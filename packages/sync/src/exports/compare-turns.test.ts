import { describe, expect, it } from 'vitest';
import { compareTurns } from './advance-exports.ts';

// Whose turn it is on one purchase order (data safety): approval order, then Procore number, then type and id.
const turn = (decided: string | null, number: string | null, procoreId = '1', recordType = 'change_order') => ({
  decided_at: decided === null ? null : new Date(decided),
  number,
  record_type: recordType,
  procore_id: procoreId,
});

describe('compareTurns', () => {
  it('puts what was approved first first, whatever its number', () => {
    expect(compareTurns(turn('2026-12-06T10:00:00Z', '9'), turn('2026-12-06T10:00:01Z', '1'))).toBeLessThan(0);
  });

  it('orders records approved together (one bulk action: one moment) by Procore number, digits as numbers', () => {
    const at = '2026-12-06T10:00:00Z';
    const sorted = [turn(at, '10', 'a'), turn(at, '2', 'b'), turn(at, 'CO-3', 'c'), turn(at, '1', 'd')].sort(compareTurns);
    expect(sorted.map((t) => t.number)).toEqual(['1', '2', '10', 'CO-3']);
  });

  it('puts records never approved and without a number last, and breaks ties by type and id', () => {
    expect(compareTurns(turn(null, '1'), turn('2026-12-06T10:00:00Z', '5'))).toBeGreaterThan(0);
    expect(compareTurns(turn('2026-12-06T10:00:00Z', null), turn('2026-12-06T10:00:00Z', '5'))).toBeGreaterThan(0);
    expect(compareTurns(turn('2026-12-06T10:00:00Z', '1', '9', 'change_order'), turn('2026-12-06T10:00:00Z', '1', '2', 'invoice'))).toBeLessThan(0);
    expect(compareTurns(turn('2026-12-06T10:00:00Z', '1', '9'), turn('2026-12-06T10:00:00Z', '1', '10'))).toBeLessThan(0);
    expect(compareTurns(turn('2026-12-06T10:00:00Z', '1', '9'), turn('2026-12-06T10:00:00Z', '1', '9'))).toBe(0);
  });
});
