import { Type, type Static } from 'typebox';
import { CompanyParams, ErrorBody, NullableInteger, NullableString, nullable, PAGE_PROPERTIES, stringEnum, TextBody } from './common-schemas.ts';

/** The states of a queued qbXML request (queue/request-status in packages/sync). */
export const REQUEST_STATUSES = ['queued', 'sent', 'done', 'failed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** An ISO 8601 date-time (the serializer writes a Date as one). */
export const DateTime = Type.String({ format: 'date-time' });

export const QueuedRequestBody = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  dedupeKey: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  statusCode: NullableInteger,
  statusMessage: NullableString,
  errorCode: NullableString,
  errorMessage: NullableString,
  createdAt: DateTime,
  completedAt: nullable(DateTime),
});
export type QueuedRequestBody = Static<typeof QueuedRequestBody>;

/** A Web Connector session (the "View Log" of its runs). */
export const QbwcSessionBody = Type.Object({
  id: Type.String(),
  state: Type.String(),
  progress: Type.Integer(),
  lastError: NullableString,
  summary: NullableString,
  companyFile: NullableString,
  roundTrips: Type.Integer(),
  requestsDone: Type.Integer(),
  requestsFailed: Type.Integer(),
  startedAt: DateTime,
  closedAt: nullable(DateTime),
});
export type QbwcSessionBody = Static<typeof QbwcSessionBody>;

export const RequestListBody = Type.Object({ total: Type.Integer(), items: Type.Array(QueuedRequestBody) });
export type RequestListBody = Static<typeof RequestListBody>;
export const QbwcSessionListBody = Type.Object({ items: Type.Array(QbwcSessionBody) });
export type QbwcSessionListBody = Static<typeof QbwcSessionListBody>;

export const companyApi = {
  /** GET /api/companies/:companyId/qwc — the .qwc file (XML) for the Web Connector. */
  qwc: { params: CompanyParams, response: { 200: TextBody, 404: ErrorBody } },
  /** GET /api/companies/:companyId/requests — the request queue. */
  requests: {
    params: CompanyParams,
    querystring: Type.Object({ status: Type.Optional(stringEnum(REQUEST_STATUSES)), ...PAGE_PROPERTIES }),
    response: { 200: RequestListBody, 404: ErrorBody },
  },
  /** GET /api/companies/:companyId/sessions — the last Web Connector sessions, newest first. */
  sessions: { params: CompanyParams, response: { 200: QbwcSessionListBody, 404: ErrorBody } },
} as const;
