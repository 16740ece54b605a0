// Intuit's error envelope, as the Accounting API answers a refused call:
//   { "Fault": { "Error": [{ "Message", "Detail", "code", "element"? }], "type": "ValidationFault" }, "time": … }
// ("Handling common errors", https://developer.intuit.com/docs/00_quickbooks_online/2_build/20_explore_the_quickbooks_online_api/handling_common_errors).
// The gateway's 401 uses lower-case keys ({ "fault": { "error": [{ "message", "detail", "code": "3200" }],
// "type": "AUTHENTICATION" } }) — see authenticationFault below. A batch item's Fault has the same shape.

export interface FaultError {
  Message: string;
  Detail: string;
  code: string;
  element?: string;
}

/** A refusal: the HTTP status and Intuit's Fault. Thrown by the store, turned into a response by the API. */
export class QboSimFault extends Error {
  override name = 'QboSimFault';
  readonly status: number;
  readonly type: string;
  readonly errors: FaultError[];
  constructor(status: number, type: string, errors: FaultError[]) {
    super(errors.map((e) => `${e.code} ${e.Message}`).join('; '));
    this.status = status;
    this.type = type;
    this.errors = errors;
  }

  toFault(): { Error: FaultError[]; type: string } {
    return { Error: this.errors, type: this.type };
  }
}

export function validationFault(code: string, message: string, detail: string, element?: string): QboSimFault {
  return new QboSimFault(400, 'ValidationFault', [{ Message: message, Detail: detail, code, ...(element === undefined ? {} : { element }) }]);
}

/** 610: the record is not there (deleted, or never was). Message/Detail as Intuit words them. */
export function objectNotFound(entity: string, id: string): QboSimFault {
  return validationFault(
    '610',
    'Object Not Found',
    `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} ${id})`,
  );
}

/** 5010: the SyncToken sent is not the record's current one. */
export function staleObject(entity: string, id: string, sent: string, current: string): QboSimFault {
  return validationFault(
    '5010',
    'Stale Object Error',
    `Stale Object Error : You and another user were working on this at the same time. The other user finished before you did, so your work was not saved. (${entity} ${id}: SyncToken ${sent} sent, ${current} current)`,
    'SyncToken',
  );
}

/** 6240: a name-list record already uses the name. */
export function duplicateName(name: string, existingId: string): QboSimFault {
  return validationFault(
    '6240',
    'Duplicate Name Exists Error',
    `The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. Id=${existingId} (${name})`,
  );
}

/** 2500: a Ref points at nothing. */
export function invalidReference(element: string, id: string): QboSimFault {
  return validationFault('2500', 'Invalid Reference Id', `Invalid Reference Id : ${element} assigned is not valid: ${id}`, element);
}

/** 2020: a required field is absent. */
export function requiredParamMissing(element: string): QboSimFault {
  return validationFault(
    '2020',
    'Required param missing, need to supply the required value for the API',
    `Required parameter ${element} is missing in the request`,
    element,
  );
}

/** 4000: the query statement cannot be read (Intuit: "QueryParserError"). */
export function queryParserError(detail: string): QboSimFault {
  return new QboSimFault(400, 'ValidationFault', [{ Message: 'Error parsing query', Detail: `QueryParserError: ${detail}`, code: '4000' }]);
}

/** 2010 Request has invalid or unsupported property. */
export function unsupportedProperty(detail: string, element?: string): QboSimFault {
  return validationFault('2010', 'Request has invalid or unsupported property', detail, element);
}

/** 429: "message=ThrottleExceeded; errorCode=003001; statusCode=429" / "The request limit was reached.  Try again later"
 * (Intuit's body as reported in intuit/QuickBooks-V3-PHP-SDK issue 54 and ruckus/quickbooks-ruby PR 348). */
export function throttleExceeded(): QboSimFault {
  return new QboSimFault(429, 'SERVICE', [
    { Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', Detail: 'The request limit was reached.  Try again later', code: '3001' },
  ]);
}

/** The gateway's 401, lower-case keys ("3200: message=AuthenticationFailed; errorCode=003200; statusCode=401"). */
export function authenticationFaultBody(detail: string): Record<string, unknown> {
  return {
    fault: {
      error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail, code: '3200' }],
      type: 'AUTHENTICATION',
    },
  };
}
