import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QbwcConnection } from '../api/connection-queries.ts';
import { describeConnection } from '../api/describe-connection.ts';
import { QbwcStatus } from './qbwc-status.tsx';
import { SessionProgress } from './session-progress.tsx';

const now = new Date('2026-11-21T12:00:00Z');
const connection: QbwcConnection = {
  status: 'connected',
  hasPassword: true,
  username: 'qbc-summit',
  lastPollAt: '2026-11-21T11:57:00Z',
  expectedEveryMinutes: 15,
  missedSchedule: false,
  boundCompanyFile: { path: 'C:\\QB\\summit.qbw', name: 'Summit', boundAt: '2026-11-01T00:00:00Z' },
  qbInfo: { edition: 'Premier Contractor', version: '34.0', country: 'US', multiCurrency: null, classTracking: null, closingDate: null, loginUser: null },
  warnings: [],
  currentSession: null,
  signIn: { state: 'ok', lastFailure: null, paused: [] },
};

describe('Web Connector status', () => {
  it('connected, polled on schedule: the last poll in words and no warning', () => {
    expect(describeConnection(connection, now)).toEqual({
      label: 'Connected',
      tone: 'green',
      lastPoll: 'Last poll 3 minutes ago',
      warning: null,
      warningTitle: null,
    });
    render(<QbwcStatus connection={connection} now={now} />);
    expect(screen.getByText('Connected')).toBeTruthy();
    expect(screen.getByTestId('last-poll').textContent).toBe('Last poll 3 minutes ago');
    expect(screen.queryByTestId('connection-warning')).toBeNull();
    expect(screen.getByText('Premier Contractor · 34.0 · US')).toBeTruthy();
  });

  it('missed schedule: a warning that says what to check', () => {
    render(<QbwcStatus connection={{ ...connection, lastPollAt: '2026-11-21T09:00:00Z', missedSchedule: true }} now={now} />);
    const warning = screen.getByTestId('connection-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('Missed schedule');
    expect(warning.textContent).toContain('it should run every 15 minutes');
    expect(warning.textContent).toContain('logged in');
    expect(screen.getByTestId('last-poll').textContent).toBe('Last poll 3 hours ago');
  });

  it("a limited QuickBooks user: the server's warning is shown; the closing date is listed", () => {
    const warning = 'QuickBooks runs the connector as the user "Field Office", not Admin.';
    render(
      <QbwcStatus
        connection={{ ...connection, qbInfo: { ...connection.qbInfo!, closingDate: '2026-03-31', loginUser: 'Field Office' }, warnings: [warning] }}
        now={now}
      />,
    );
    expect(screen.getByTestId('quickbooks-warning').textContent).toContain(warning);
    expect(screen.getByTestId('closing-date').textContent).toContain('2026-03-31');
  });

  it('never connected: not connected, never polled, and asks for a password first', () => {
    const summary = describeConnection({ ...connection, status: 'not_connected', hasPassword: false, lastPollAt: null, qbInfo: null }, now);
    expect(summary).toMatchObject({ label: 'Not connected', lastPoll: 'The Web Connector has never polled' });
    expect(summary.warning).toMatch(/No Web Connector password/);
  });

  it('a running session is a labelled progress bar with its counts', () => {
    render(<SessionProgress session={{ id: 's1', startedAt: '2026-11-21T11:59:00Z', percent: 42.4, requestsDone: 21, requestsFailed: 1 }} />);
    const bar = screen.getByRole('progressbar', { name: /Web Connector session running/ });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(bar.getAttribute('aria-valuetext')).toBe('42%: 21 done, 1 failed');
  });

  it('a Web Connector refused for a wrong password is never "Connected", and the fix is in words (not "check the PC is on")', () => {
    const failing = {
      ...connection,
      missedSchedule: true,
      signIn: {
        state: 'failing' as const,
        lastFailure: { at: '2026-11-21T11:58:00Z', reason: 'wrong_password' as const, source: '198.51.100.7', failures: 3 },
        paused: [],
      },
    };
    render(<QbwcStatus connection={failing} now={now} />);
    expect(screen.getByText('Sign-in failing')).toBeTruthy();
    expect(screen.queryByText('Connected')).toBeNull();
    const warning = screen.getByTestId('connection-warning').textContent ?? '';
    expect(warning).toContain('wrong password (3 times, last 2 minutes ago from 198.51.100.7)');
    expect(warning).toContain('enter the password');
    expect(warning).not.toContain('Windows PC is on');
  });

  it('a paused address says until when, that the right password is refused meanwhile, and how to unblock', () => {
    const paused = {
      ...connection,
      signIn: {
        state: 'paused' as const,
        lastFailure: { at: '2026-11-21T11:58:00Z', reason: 'wrong_password' as const, source: '198.51.100.7', failures: 6 },
        paused: [{ source: '198.51.100.7', until: '2026-11-21T12:04:00Z', failures: 6 }],
      },
    };
    const summary = describeConnection(paused, now);
    expect(summary).toMatchObject({ label: 'Sign-in paused', tone: 'red', warningTitle: 'Sign-in paused after wrong passwords' });
    expect(summary.warning).toContain('even with the right password');
    expect(summary.warning).toContain('Unblock sign-in');
  });
});
