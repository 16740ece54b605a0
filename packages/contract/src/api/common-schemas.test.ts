import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { nullable, PAGE_PROPERTIES, stringEnum } from './common-schemas.ts';

describe('schema helpers', () => {
  it('nullable() writes a type list, as the routes had before the contract, and accepts null', () => {
    const schema = nullable(Type.Object({ id: Type.Integer() }));
    expect(JSON.parse(JSON.stringify(schema))).toEqual({ type: ['object', 'null'], required: ['id'], properties: { id: { type: 'integer' } } });
    expect(Value.Check(schema, null)).toBe(true);
    expect(Value.Check(schema, { id: 1 })).toBe(true);
    expect(Value.Check(schema, { id: 'one' })).toBe(false);
  });

  it('nullable() refuses a schema without one type (a union would be silently wrong)', () => {
    expect(() => nullable(Type.Union([Type.String(), Type.Integer()]))).toThrow(/one type/);
  });

  it('stringEnum() keeps `type: string` beside the values (query coercion and the serializer use it)', () => {
    const schema = stringEnum(['a', 'b']);
    expect(JSON.parse(JSON.stringify(schema))).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(Value.Check(schema, 'a')).toBe(true);
    expect(Value.Check(schema, 'c')).toBe(false);
  });

  it('paging defaults are 50 and 0, limit 1–500', () => {
    const query = Type.Object({ ...PAGE_PROPERTIES });
    expect(Value.Default(query, {})).toEqual({ limit: 50, offset: 0 });
    expect(Value.Check(query, { limit: 501, offset: 0 })).toBe(false);
    expect(Value.Check(query, { limit: 0, offset: 0 })).toBe(false);
  });
});
