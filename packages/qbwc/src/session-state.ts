/**
 * One QBWC session (one ticket) as a pure state machine (QBWC guide chapter 2 and Figure 5-1,
 * p.42, "The Web Connector Service State Model", plus the error paths it leaves out).
 *
 *   authenticate ──▶ authenticated ──sendRequest──▶ exchanging ⇄ (sendRequest / receiveResponse)
 *        any live state ──close──▶ closed;  receiveError / too many connectionErrors ──▶ failed;
 *        authenticated/exchanging ──timeout──▶ expired;  failed/expired accept only getLastError and close
 *
 * Guide p.42 asks the service to "detect a mismatch of state with the web connector": a move
 * this table does not allow comes back as { error }, and the caller answers QBWC accordingly
 * (a negative receiveResponseXML, a getLastError text) instead of acting on it.
 */

export type SessionStatus = 'authenticated' | 'exchanging' | 'closed' | 'failed' | 'expired';

export type SessionEvent =
  /** sendRequestXML was called (whatever we answer: a request, '' or NoOp). */
  | 'sendRequest'
  /** receiveResponseXML carrying a qbXML response. */
  | 'receiveResponse'
  /** receiveResponseXML carrying hresult/message: QuickBooks failed the request (guide p.77). */
  | 'receiveError'
  | 'getLastError'
  /** QBWC could not open QuickBooks / the company file (guide p.69). */
  | 'connectionError'
  | 'close'
  /** Our own clock: the ticket lived too long without a call. */
  | 'timeout';

export interface SessionState {
  readonly status: SessionStatus;
  /** A sendRequestXML was answered and its receiveResponseXML has not come yet. */
  readonly awaitingResponse: boolean;
  /** connectionError calls so far in this session. */
  readonly connectionErrors: number;
}

export type Transition = { readonly next: SessionState } | { readonly error: string };

/** Guide p.69: "Don't retry ... more than a couple of times." The third error ends the session. */
export const MAX_CONNECTION_RETRIES = 2;

export const SESSION_EVENTS: readonly SessionEvent[] = [
  'sendRequest',
  'receiveResponse',
  'receiveError',
  'getLastError',
  'connectionError',
  'close',
  'timeout',
];

/** The state right after authenticate handed out a ticket for work. */
export function startSession(): SessionState {
  return { status: 'authenticated', awaitingResponse: false, connectionErrors: 0 };
}

export function isSessionOver(state: SessionState): boolean {
  return state.status === 'closed' || state.status === 'expired' || state.status === 'failed';
}

export function transition(state: SessionState, event: SessionEvent): Transition {
  const { status } = state;
  const to = (next: Partial<SessionState>): Transition => ({ next: { ...state, ...next } });
  const refuse = (why: string): Transition => ({ error: `${event} not allowed: ${why}` });

  if (status === 'closed') return refuse('the session is closed');
  if (event === 'close') return to({ status: 'closed', awaitingResponse: false });
  // getLastError follows an empty sendRequestXML, a negative receiveResponseXML, NoOp, and
  // QBWC may call it after connectionError; answering it changes nothing.
  if (event === 'getLastError') return to({ awaitingResponse: false });
  if (status === 'expired') return refuse('the session expired');
  if (status === 'failed') return refuse('the session failed; only getLastError and closeConnection may follow');
  if (event === 'timeout') return to({ status: 'expired', awaitingResponse: false });

  switch (event) {
    case 'sendRequest':
      if (state.awaitingResponse) return refuse('the previous request has not been answered by receiveResponseXML');
      return to({ status: 'exchanging', awaitingResponse: true });
    case 'receiveResponse':
    case 'receiveError':
      if (status === 'authenticated') return refuse('no sendRequestXML has been answered yet');
      if (!state.awaitingResponse) return refuse('no request is waiting for a response');
      return event === 'receiveResponse' ? to({ awaitingResponse: false }) : to({ status: 'failed', awaitingResponse: false });
    case 'connectionError': {
      // Only before the exchange starts: QBWC calls it instead of the first sendRequestXML (guide p.81).
      if (status !== 'authenticated') return refuse('QuickBooks was already open for this session');
      const connectionErrors = state.connectionErrors + 1;
      return connectionErrors > MAX_CONNECTION_RETRIES ? to({ status: 'failed', connectionErrors }) : to({ connectionErrors });
    }
  }
}
