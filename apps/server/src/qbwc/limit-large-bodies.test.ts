import { describe, expect, it } from 'vitest';
import { createLargeBodyLimit } from './limit-large-bodies.ts';

describe('createLargeBodyLimit', () => {
  it('admits at most perSource bodies from one address and total in all, and frees a slot on release (once)', () => {
    const limit = createLargeBodyLimit({ perSource: 2, total: 3 });
    const a1 = limit.tryAcquire('10.0.0.1');
    const a2 = limit.tryAcquire('10.0.0.1');
    expect(a1).not.toBeNull();
    expect(a2).not.toBeNull();
    expect(limit.tryAcquire('10.0.0.1')).toBeNull(); // per source
    const b1 = limit.tryAcquire('10.0.0.2');
    expect(b1).not.toBeNull();
    expect(limit.tryAcquire('10.0.0.3')).toBeNull(); // total
    a1!();
    a1!(); // a second release frees nothing more
    expect(limit.inUse()).toBe(2);
    expect(limit.tryAcquire('10.0.0.3')).not.toBeNull();
    expect(limit.tryAcquire('10.0.0.1')).toBeNull(); // total again
    b1!();
    expect(limit.tryAcquire('10.0.0.1')).not.toBeNull();
  });
});
