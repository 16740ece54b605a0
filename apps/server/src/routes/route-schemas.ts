// JSON schemas shared by the JSON API routes: the company id in the path and the error body the one
// error handler (plugins/error-handler.ts) sends.

export const companyParams = {
  type: 'object',
  required: ['companyId'],
  properties: { companyId: { type: 'string', format: 'uuid' } },
} as const;

export const errorBody = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } },
  },
} as const;

export const nullableString = { type: ['string', 'null'] } as const;

/** Paging of every list route: `limit` (1–500, default 50) and `offset` (default 0). Spread into a querystring's properties. */
export const pageProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;
