import { describe, expect, it } from 'vitest';
import { MAX_CONNECTION_RETRIES, SESSION_EVENTS, isSessionOver, startSession, transition } from './session-state.ts';
import type { SessionEvent, SessionState } from './session-state.ts';

const A: SessionState = startSession();
const E0: SessionState = { status: 'exchanging', awaitingResponse: false, connectionErrors: 0 };
const E1: SessionState = { status: 'exchanging', awaitingResponse: true, connectionErrors: 0 };
const F: SessionState = { status: 'failed', awaitingResponse: false, connectionErrors: 0 };
const X: SessionState = { status: 'expired', awaitingResponse: false, connectionErrors: 0 };
const C: SessionState = { status: 'closed', awaitingResponse: false, connectionErrors: 0 };
const STATES = { A, E0, E1, F, X, C };

// The whole table: next state name, or null for a refused move.
const TABLE: Record<keyof typeof STATES, Record<SessionEvent, keyof typeof STATES | 'A+1' | null>> = {
  A: { sendRequest: 'E1', receiveResponse: null, receiveError: null, getLastError: 'A', connectionError: 'A+1', close: 'C', timeout: 'X' },
  E0: { sendRequest: 'E1', receiveResponse: null, receiveError: null, getLastError: 'E0', connectionError: null, close: 'C', timeout: 'X' },
  E1: { sendRequest: null, receiveResponse: 'E0', receiveError: 'F', getLastError: 'E0', connectionError: null, close: 'C', timeout: 'X' },
  F: { sendRequest: null, receiveResponse: null, receiveError: null, getLastError: 'F', connectionError: null, close: 'C', timeout: null },
  X: { sendRequest: null, receiveResponse: null, receiveError: null, getLastError: 'X', connectionError: null, close: 'C', timeout: null },
  C: { sendRequest: null, receiveResponse: null, receiveError: null, getLastError: null, connectionError: null, close: null, timeout: null },
};

function run(events: readonly SessionEvent[], from: SessionState = startSession()): SessionState {
  let state = from;
  for (const event of events) {
    const step = transition(state, event);
    if ('error' in step) throw new Error(step.error);
    state = step.next;
  }
  return state;
}

describe('session state machine', () => {
  const cases = Object.entries(TABLE).flatMap(([name, row]) => SESSION_EVENTS.map((event) => [name as keyof typeof STATES, event, row[event]] as const));

  it.each(cases)('%s + %s → %s', (name, event, expected) => {
    const step = transition(STATES[name], event);
    if (expected === null) {
      expect(step).toHaveProperty('error');
      if ('error' in step) expect(step.error).toMatch(new RegExp(`^${event} not allowed: `));
    } else if (expected === 'A+1') {
      expect(step).toEqual({ next: { ...A, connectionErrors: 1 } });
    } else {
      expect(step).toEqual({ next: STATES[expected] });
    }
  });

  it('explains the classic mistakes', () => {
    expect(transition(A, 'receiveResponse')).toEqual({ error: 'receiveResponse not allowed: no sendRequestXML has been answered yet' });
    expect(transition(E1, 'sendRequest')).toEqual({
      error: 'sendRequest not allowed: the previous request has not been answered by receiveResponseXML',
    });
    expect(transition(C, 'close')).toEqual({ error: 'close not allowed: the session is closed' });
    expect(transition(X, 'sendRequest')).toEqual({ error: 'sendRequest not allowed: the session expired' });
  });

  it('walks a normal session: requests and responses alternate, then close', () => {
    const state = run(['sendRequest', 'receiveResponse', 'sendRequest', 'receiveResponse', 'sendRequest', 'receiveResponse', 'close']);
    expect(state.status).toBe('closed');
    expect(isSessionOver(state)).toBe(true);
  });

  it('walks a session with nothing to send: empty sendRequestXML, getLastError, close', () => {
    expect(run(['sendRequest', 'getLastError', 'close']).status).toBe('closed');
  });

  it('walks NoOp: sendRequestXML NoOp → getLastError NoOp → sendRequestXML again (guide p.80)', () => {
    expect(run(['sendRequest', 'getLastError', 'sendRequest', 'receiveResponse', 'close']).status).toBe('closed');
  });

  it('walks a QuickBooks error: receiveResponseXML with hresult → getLastError → close', () => {
    const failed = run(['sendRequest', 'receiveError']);
    expect(failed.status).toBe('failed');
    expect(isSessionOver(failed)).toBe(true);
    expect(run(['getLastError', 'close'], failed).status).toBe('closed');
  });

  it(`retries connectionError at most ${MAX_CONNECTION_RETRIES} times (guide p.69)`, () => {
    let state = startSession();
    for (let i = 1; i <= MAX_CONNECTION_RETRIES; i++) {
      state = run(['connectionError'], state);
      expect(state).toEqual({ status: 'authenticated', awaitingResponse: false, connectionErrors: i });
    }
    state = run(['connectionError'], state);
    expect(state.status).toBe('failed');
    expect(state.connectionErrors).toBe(MAX_CONNECTION_RETRIES + 1);
  });

  it('a retried connection can go on to exchange', () => {
    expect(run(['connectionError', 'sendRequest', 'receiveResponse', 'close']).status).toBe('closed');
  });

  it('an expired session can still be told goodbye', () => {
    expect(run(['sendRequest', 'timeout', 'getLastError', 'close']).status).toBe('closed');
  });

  it('nothing is allowed after closed', () => {
    const closed = run(['close']);
    for (const event of SESSION_EVENTS) expect(transition(closed, event)).toHaveProperty('error');
  });

  it('does not mutate the state it is given', () => {
    const state = startSession();
    const frozen = Object.freeze({ ...state });
    transition(frozen, 'sendRequest');
    expect(frozen).toEqual(state);
  });

  it('live states are not over', () => {
    expect(isSessionOver(A)).toBe(false);
    expect(isSessionOver(E1)).toBe(false);
    expect(isSessionOver(X)).toBe(true);
  });
});
