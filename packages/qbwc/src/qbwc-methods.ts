/**
 * The one table of QBWC callback methods. Parsing, serializing and the WSDL are all generated
 * from it, so a parameter name can only be spelled one way.
 *
 * Sources: Intuit's QBWebConnectorSvc.wsdl (the eight methods with inWsdl: true; element names,
 * types and minOccurs copied from its schema) and QBWC guide chapter 10 for the three interactive
 * methods, which the WSDL does not describe (guide p.71, p.75, p.76).
 */

export type XsdType = 'string' | 'int' | 'ArrayOfString';

export interface ParamSpec {
  readonly name: string;
  readonly type: 'string' | 'int';
  /** WSDL minOccurs: strings are 0 (may be absent), the two qbXML version ints are 1. */
  readonly minOccurs: 0 | 1;
}

export interface MethodSpec {
  readonly params: readonly ParamSpec[];
  readonly result: { readonly type: XsdType; readonly minOccurs: 0 | 1 };
  /** Name of the element that carries the session ticket, when the method takes one. */
  readonly ticketParam: 'ticket' | 'wcTicket' | null;
  /** Described by Intuit's WSDL (false: only in the guide). */
  readonly inWsdl: boolean;
  readonly documentation: string;
}

// Generic so each name stays a literal type: QbwcParams is derived from these names.
const str = <N extends string>(name: N) => ({ name, type: 'string', minOccurs: 0 }) as const;
const int = <N extends string>(name: N) => ({ name, type: 'int', minOccurs: 1 }) as const;

export const QBWC_METHODS = {
  // WSDL serverVersion: no parameters. The guide (p.74) calls it getServerVersion(ticket), but the
  // WSDL is what QBWC's generated client speaks, so the wire name is serverVersion.
  serverVersion: {
    params: [],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: null,
    inWsdl: true,
    documentation: 'Returns the web service version shown in QBWC (guide p.74).',
  },
  clientVersion: {
    params: [str('strVersion')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: null,
    inWsdl: true,
    documentation: 'Lets the web service accept, warn about or refuse the QBWC version (guide p.66).',
  },
  authenticate: {
    params: [str('strUserName'), str('strPassword')],
    result: { type: 'ArrayOfString', minOccurs: 0 },
    ticketParam: null,
    inWsdl: true,
    documentation: 'Authenticates the user and chooses the company file (guide p.62).',
  },
  connectionError: {
    params: [str('ticket'), str('hresult'), str('message')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: 'ticket',
    inWsdl: true,
    documentation: 'Told that QBWC could not open QuickBooks; returns "done" or a company file to retry (guide p.69).',
  },
  sendRequestXML: {
    params: [str('ticket'), str('strHCPResponse'), str('strCompanyFileName'), str('qbXMLCountry'), int('qbXMLMajorVers'), int('qbXMLMinorVers')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: 'ticket',
    inWsdl: true,
    documentation: 'Returns the next qbXML request for QuickBooks, "" for none (guide p.80).',
  },
  receiveResponseXML: {
    params: [str('ticket'), str('response'), str('hresult'), str('message')],
    result: { type: 'int', minOccurs: 1 },
    ticketParam: 'ticket',
    inWsdl: true,
    documentation: 'Takes the qbXML response from QuickBooks; returns percent done, negative on error (guide p.77).',
  },
  getLastError: {
    params: [str('ticket')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: 'ticket',
    inWsdl: true,
    documentation: 'Returns the message QBWC shows in its status column (guide p.72).',
  },
  closeConnection: {
    params: [str('ticket')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: 'ticket',
    inWsdl: true,
    documentation: 'Ends the session; the result is shown in the QBWC status column (guide p.68).',
  },
  // Interactive mode (guide p.71, p.75, p.76). Parameter names from the method signatures, which
  // the guide says are binding (p.61: "You must use the parameter names as given in the method
  // signatures"), even though the parameter tables beside them say "ticket".
  getInteractiveURL: {
    params: [str('wcTicket'), str('sessionID')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: 'wcTicket',
    inWsdl: false,
    documentation: 'Returns the URL QBWC opens in a browser for interactive mode (guide p.71).',
  },
  interactiveDone: {
    params: [str('wcTicket')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: 'wcTicket',
    inWsdl: false,
    documentation: 'Returns "Done" when the interactive session is over (guide p.75).',
  },
  interactiveRejected: {
    params: [str('wcTicket'), str('reason')],
    result: { type: 'string', minOccurs: 0 },
    ticketParam: 'wcTicket',
    inWsdl: false,
    documentation: 'Told that the user rejected interactive mode or it timed out (guide p.76).',
  },
} as const satisfies Record<string, MethodSpec>;

export type QbwcMethod = keyof typeof QBWC_METHODS;

export const QBWC_METHOD_NAMES = Object.keys(QBWC_METHODS) as QbwcMethod[];

type ParamsOfSpec<P extends readonly ParamSpec[]> = {
  -readonly [K in P[number] as K['name']]: K['type'] extends 'int' ? number : string;
};

/** The parameters of each method, keyed by the WSDL's exact element names. */
export type QbwcParams<M extends QbwcMethod> = ParamsOfSpec<(typeof QBWC_METHODS)[M]['params']>;

type ResultOfType<T extends XsdType> = T extends 'int' ? number : T extends 'ArrayOfString' ? readonly string[] : string;

/** What a handler returns for each method (WSDL <method>Result types). */
export type QbwcResult<M extends QbwcMethod> = ResultOfType<(typeof QBWC_METHODS)[M]['result']['type']>;

export function isQbwcMethod(name: string): name is QbwcMethod {
  return Object.hasOwn(QBWC_METHODS, name);
}
