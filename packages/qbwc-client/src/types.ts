// Public types of the Web Connector client: the QuickBooks side it drives, session options and the report.

/** An error thrown by QuickBooks' request processor carries an HRESULT in hex, e.g. '0x80040408'. */
export interface QuickBooksError extends Error {
  hresult?: string;
}

/** Pass-through fault settings for a QuickBooks processor that supports them (the simulator does). */
export interface QuickBooksFaults {
  /** The QuickBooks user QBWC logs in as lacks permission for writes. */
  restrictedUser?: boolean;
  /** ListIDs / TxnIDs that another user is editing (QuickBooks answers 3170/3175/3176). */
  lockedRecords?: string[];
}

/**
 * The QuickBooks Desktop side QBWC talks to (QBXMLRP2: OpenConnection/BeginSession, ProcessRequest,
 * EndSession/CloseConnection). The simulator in @connector/qb-simulator has this shape.
 */
export interface QuickBooksProcessor {
  /** Full path of the company file open in QuickBooks, e.g. 'C:\\Company Files\\Acme.qbw'. */
  readonly companyFilePath: string;
  /** OpenConnection + BeginSession; throws a QuickBooksError (hresult e.g. '0x80040408') on failure. */
  openSession(): void;
  /** HostQuery + CompanyQuery + PreferencesQuery responses: strHCPResponse of the first sendRequestXML. */
  hostCompanyPreferencesResponse(): string;
  /** QBWC stamps a FileID data extension (owned by the .qwc's OwnerID) when the .qwc is added. */
  ensureFileId(ownerId: string, fileId: string): void;
  /** ProcessRequest; throws a QuickBooksError with hresult and message on a request it cannot process. */
  processRequest(requestXml: string): Promise<string>;
  /** EndSession + CloseConnection. */
  closeSession(): void;
  /** Optional: fault settings the processor can simulate itself. */
  setFaults?(faults: QuickBooksFaults): void;
  /** The same, under the name @connector/qb-simulator uses (used when setFaults is absent). */
  setOptions?(options: QuickBooksFaults): void;
}

export type SessionOutcome =
  | 'completed' // receiveResponseXML reached 100 and closeConnection was called
  | 'no-work' // authenticate [1] = 'none'
  | 'invalid-user' // authenticate [1] = 'nvu'
  | 'busy' // authenticate [1] = 'busy'
  | 'postponed' // authenticate [1] = '' or a path with [2] = seconds: QBWC guide p.63 example 1
  | 'error' // getLastError text, a SOAP fault, a protocol violation, a lost response
  | 'connection-error' // QuickBooks could not be opened (connectionError said 'done' or retries ran out)
  | 'version-refused' // clientVersion answered 'E:' or 'O:'
  | 'dropped'; // the connection died mid-session (simulated) or the run was aborted

export interface SessionReport {
  outcome: SessionOutcome;
  /** closeConnection's text when it was called, else our description of why the session ended. */
  statusLine: string;
  ticket?: string;
  /** SOAP HTTP exchanges made (every method call counts one). */
  roundTrips: number;
  /** qbXML request messages received from sendRequestXML and handed to QuickBooks. */
  requestsSent: number;
  /** HTTP request body bytes sent / response body bytes received. */
  bytesSent: number;
  bytesReceived: number;
  /** Each percent receiveResponseXML returned (0..100), in order. */
  progress: number[];
  /** getLastError's text when it reported an error. */
  lastError?: string;
  warnings: string[];
  /** authenticate [2]: seconds QBWC waits before the next update. */
  postponeSeconds?: number;
  /** authenticate [3]: minimum run-every seconds. */
  minRunEverySeconds?: number;
  /** serverVersion's answer, when the service implements it. */
  serverVersion?: string;
  /** The company file QuickBooks had open for the session. */
  companyFile?: string;
  /** SOAP methods called, in order (useful to assert the exact sequence). */
  methods: string[];
  durationMs: number;
  errors: string[];
}

/** Which write messages of a session a fault hits: true = the first, n = the n-th, or a predicate on n (1-based). */
export type WriteMessageSelector = boolean | number | ((writeNumber: number) => boolean);

export interface SessionFaultOptions {
  /** openSession fails with 0x80040408 "Could not start QuickBooks." */
  quickBooksNotRunning?: boolean;
  /** QuickBooks has another company file open: another path and another FileID. */
  differentCompanyFile?: boolean;
  /**
   * Process the n-th write message (…AddRq/…ModRq) in QuickBooks, then lose its response: the
   * receiveResponseXML call never reaches the server. true = the first write message.
   */
  loseWriteResponse?: boolean | number;
  /**
   * Answer faults, applied AFTER QuickBooks has processed (and so written) the n-th write message
   * (true = the first; a function picks write messages by number, 1-based): the answer reaching
   * receiveResponseXML no longer fits what was sent, so the service must not apply it and must recover
   * the true outcome with oldMessageSetID. A lost response (loseWriteResponse) on the same message wins.
   * - mismatchRequestId: the first write response answers a requestID that was not sent;
   * - dropRequestId: the first write response has no requestID;
   * - wrongResponseType: the first write response element is of another type
   *   (CustomerAddRs → InvoiceAddRs, ItemServiceAddRs → ItemInventoryAddRs, …; see corrupt-response.ts).
   */
  mismatchRequestId?: WriteMessageSelector;
  dropRequestId?: WriteMessageSelector;
  wrongResponseType?: WriteMessageSelector;
  /** After n sendRequestXML/receiveResponseXML rounds, stop without closeConnection (network died). */
  dropConnectionAfterRounds?: number;
  restrictedUser?: boolean;
  lockedRecords?: string[];
  /** Sleep before each processRequest (a slow QuickBooks). */
  quickBooksDelayMs?: number;
}

export interface SessionOptions extends SessionFaultOptions {
  /** The QBWC endpoint (the .qwc's AppURL). */
  url: string;
  username: string;
  password: string;
  processor: QuickBooksProcessor;
  /** strVersion of clientVersion; QBWC 2.3 sends '2.3.0.20'. */
  clientVersion?: string;
  qbXMLCountry?: string;
  qbXMLMajorVers?: number;
  qbXMLMinorVers?: number;
  /** Wait after a 'NoOp' from getLastError; QBWC waits 5 s (QBWC guide p.72). */
  noOpDelayMs?: number;
  /** Give up after this many 'NoOp' answers in a row (QBWC has no limit; default unlimited). */
  maxNoOps?: number;
  /** Connection retries on a connectionError answer other than 'done' (QBWC guide p.51: "a couple"). */
  maxConnectionRetries?: number;
  /** Per-call HTTP timeout. */
  httpTimeoutMs?: number;
  userAgent?: string;
  onProgress?: (percent: number, message: string) => void;
  /** Method-by-method trace lines. */
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Injectable fetch (tests, proxies). Defaults to the global fetch. */
  fetch?: typeof fetch;
}
