import { Type, type Static } from 'typebox';
import { ACTIVITY_RECORD_TYPE_KEYS } from '../activity-record-types.ts';
import { CompanyParams, ErrorBody, NullableString, PAGE_PROPERTIES, stringEnum, TextBody } from './common-schemas.ts';

export const ACTIVITY_DIRECTIONS = ['to_quickbooks', 'from_quickbooks', 'to_procore', 'from_procore', 'internal'] as const;
export type ActivityDirection = (typeof ACTIVITY_DIRECTIONS)[number];
export const ACTIVITY_OUTCOMES = ['ok', 'error', 'info'] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];
/** The most rows one Activity CSV holds (a bigger trail is narrowed by its filters). */
export const ACTIVITY_CSV_MAX_ROWS = 50_000;

const FILTER_PROPERTIES = {
  recordType: Type.Optional(stringEnum(ACTIVITY_RECORD_TYPE_KEYS)),
  subjectType: Type.Optional(Type.String({ maxLength: 100 })),
  subjectId: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 100 })),
  direction: Type.Optional(stringEnum(ACTIVITY_DIRECTIONS)),
  outcome: Type.Optional(stringEnum(ACTIVITY_OUTCOMES)),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
};

export const ActivityQuery = Type.Object(
  {
    ...FILTER_PROPERTIES,
    ...PAGE_PROPERTIES,
    /** "sessions": the Web Connector's per-session and per-message entries as one row per session (paging counts rows). */
    group: Type.Optional(stringEnum(['sessions'] as const)),
  },
  { additionalProperties: false },
);
export type ActivityQuery = Static<typeof ActivityQuery>;
export const ActivityCsvQuery = Type.Object(
  { ...FILTER_PROPERTIES, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ACTIVITY_CSV_MAX_ROWS })) },
  { additionalProperties: false },
);

/** One audit entry as the Activity screen shows it: a sentence, who, which way, how it ended. */
export const ActivityEntryBody = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  /** The person's name when the actor is a signed-in user, else the system actor's name. */
  actorName: Type.String(),
  action: Type.String(),
  direction: stringEnum(ACTIVITY_DIRECTIONS),
  outcome: stringEnum(ACTIVITY_OUTCOMES),
  subjectType: NullableString,
  subjectId: NullableString,
  summary: Type.String(),
  detail: Type.Unknown(),
});
export type ActivityEntryBody = Static<typeof ActivityEntryBody>;

/** One Web Connector session as one row of the grouped list: when, how long, what it did, and its entries. */
export const ActivitySessionRowBody = Type.Object({
  kind: Type.Literal('session'),
  sessionId: Type.String(),
  at: Type.String(),
  startedAt: Type.String(),
  closedAt: NullableString,
  durationSeconds: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.String(),
  messages: Type.Integer(),
  requestsDone: Type.Integer(),
  requestsFailed: Type.Integer(),
  result: Type.String(),
  outcome: stringEnum(ACTIVITY_OUTCOMES),
  entries: Type.Array(ActivityEntryBody),
});
export type ActivitySessionRowBody = Static<typeof ActivitySessionRowBody>;

/** Entries, or (with group=sessions) entries and session rows. */
export const ActivityListBody = Type.Object({ total: Type.Integer(), items: Type.Array(Type.Union([ActivityEntryBody, ActivitySessionRowBody])) });
export type ActivityListBody = Static<typeof ActivityListBody>;

export const ActivityExchangeParams = Type.Object({ companyId: Type.String({ format: 'uuid' }), entryId: Type.String({ format: 'uuid' }) });
export type ActivityExchangeParams = Static<typeof ActivityExchangeParams>;

/** What the audit trail kept of one answer from QuickBooks to a message. */
export const ActivityExchangeAnswerBody = Type.Object({
  at: Type.String(),
  action: Type.String(),
  outcome: Type.String(),
  /** The start of the answer's qbXML, kept when it did not fit what was sent; null when the answer was applied (not kept). */
  excerpt: NullableString,
  truncated: Type.Boolean(),
  detail: Type.Unknown(),
});

/** What was sent to QuickBooks and what came back for one entry (its Web Connector message), or nulls when none. */
export const ActivityExchangeBody = Type.Object({
  entryId: Type.String(),
  messageId: NullableString,
  status: NullableString,
  sentAt: NullableString,
  answeredAt: NullableString,
  requestXml: NullableString,
  answers: Type.Array(ActivityExchangeAnswerBody),
});
export type ActivityExchangeBody = Static<typeof ActivityExchangeBody>;

export const activityApi = {
  /** GET /api/companies/:companyId/activity */
  list: { params: CompanyParams, querystring: ActivityQuery, response: { 200: ActivityListBody, 400: ErrorBody, 404: ErrorBody } },
  /** GET /api/companies/:companyId/activity.csv */
  csv: { params: CompanyParams, querystring: ActivityCsvQuery, response: { 200: TextBody, 400: ErrorBody, 404: ErrorBody } },
  /** GET /api/companies/:companyId/activity/:entryId/exchange — the qbXML sent and what is kept of the answer. */
  exchange: { params: ActivityExchangeParams, response: { 200: ActivityExchangeBody, 400: ErrorBody, 404: ErrorBody } },
} as const;
