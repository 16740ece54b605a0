import { Type } from 'typebox';
import { TextBody } from './common-schemas.ts';

/**
 * The Web Connector endpoint's JSON-schema side. The SOAP body of POST /qbwc is XML, read by its own parser
 * (apps/server/src/qbwc/read-qbwc-body.ts) and answered with a SOAP envelope whatever happens, so it has no
 * schema here; GET /qbwc answers the WSDL (?wsdl) or a line of text.
 */
export const qbwcApi = {
  /** GET /qbwc[?wsdl] */
  describe: { querystring: Type.Record(Type.String(), Type.Unknown()), response: { 200: TextBody } },
  /** POST /qbwc — SOAP in, SOAP out (200 or a fault's 500/400). */
  call: { response: { 200: TextBody, 400: TextBody, 500: TextBody } },
} as const;
