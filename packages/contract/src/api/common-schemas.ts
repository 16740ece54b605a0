import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';

/**
 * Building blocks of the HTTP API's schemas (TypeBox: JSON Schema with the TypeScript type inferred, read by
 * Fastify's type provider on the server and by the embedded app's API layer). Pure: no I/O.
 */

/**
 * `schema` or null, written as JSON Schema's type list (`type: ['string', 'null']`) rather than `anyOf`:
 * the serializer (fast-json-stringify) then writes the value without trying each branch, and the schema
 * stays the one the routes had before the contract.
 */
export function nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type, ...rest } = schema as unknown as { type: string } & Record<string, unknown>;
  if (typeof type !== 'string') throw new Error('nullable() takes a schema with one type');
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
}

/** A string from a fixed list, as `{ type: 'string', enum }` (TypeBox's Enum leaves out `type`, which query coercion and the serializer use). */
export function stringEnum<const V extends readonly string[]>(values: V): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values] });
}

export const NullableString = nullable(Type.String());
export const NullableInteger = nullable(Type.Integer());

/** A reference to a QuickBooks list entry (ListID and FullName), as settings and send choices carry it. */
export const QbRef = Type.Object({ listId: Type.String(), fullName: Type.String() });
export type QbRef = Static<typeof QbRef>;

/**
 * The error body every route answers with (apps/server/src/plugins/error-handler.ts): `{ code, message }` at the top and
 * the same inside `error` with the details. `code` is one of EXCEPTION_CODES or Fastify's own.
 */
export const ErrorBody = Type.Object({
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  error: Type.Optional(Type.Object({ code: Type.Optional(Type.String()), message: Type.Optional(Type.String()), details: Type.Optional(Type.Unknown()) })),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** No body (204, 302). */
export const NoBody = Type.Null();

/** A body that is text (CSV, XML, HTML), not JSON. */
export const TextBody = Type.String();

const UUID_FORMAT = { format: 'uuid' } as const;

/** /api/companies/:companyId/… — the connector's company id (a uuid). */
export const CompanyParams = Type.Object({ companyId: Type.String(UUID_FORMAT) });
export type CompanyParams = Static<typeof CompanyParams>;

/**
 * Paging of every list route: `limit` (1–500, default 50) and `offset` (default 0); spread into a query's properties.
 * Listed as required but never missing after validation: Ajv's useDefaults fills a default before `required` is checked.
 */
export const PAGE_PROPERTIES = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
};

/** What the server accepts as a company id in a path, for schemas of nested resources. */
export const companyIdSchema = () => Type.String(UUID_FORMAT);
