import { describe, expect, it } from 'vitest';
import { readProcoreErrors } from './read-procore-errors.ts';

describe('readProcoreErrors', () => {
  it('reads every error body shape Procore uses', () => {
    expect(readProcoreErrors({ errors: 'Not Found' })).toEqual({ message: 'Not Found', fields: {}, messages: ['Not Found'] });
    expect(readProcoreErrors({ errors: { name: ["can't be blank", 'is too long'], base: ['Locked by ERP'] } })).toEqual({
      message: "name can't be blank; name is too long; Locked by ERP",
      fields: { name: ["can't be blank", 'is too long'], base: ['Locked by ERP'] },
      messages: ["name can't be blank", 'name is too long', 'Locked by ERP'],
    });
    expect(readProcoreErrors({ error: { code: 'forbidden', message: 'Tool disabled', details: { tool: ['budget'] } } })).toEqual({
      message: 'Tool disabled',
      fields: { tool: ['budget'] },
      messages: ['tool budget'],
    });
    expect(readProcoreErrors({ message: 'Oops' }).message).toBe('Oops');
    expect(readProcoreErrors({ errors: ['a', 'b'] }).message).toBe('a; b');
  });

  it('ignores HTML error pages and empty bodies; truncates long text', () => {
    expect(readProcoreErrors('<!DOCTYPE html><html>502</html>').message).toBeNull();
    expect(readProcoreErrors('').message).toBeNull();
    expect(readProcoreErrors(null).message).toBeNull();
    expect(readProcoreErrors('x'.repeat(2000)).message).toHaveLength(501);
  });
});
