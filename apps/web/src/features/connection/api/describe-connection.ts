import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import type { QbwcConnection } from './connection-queries.ts';

export interface ConnectionSummary {
  label: 'Connected' | 'Not connected' | 'Sign-in failing' | 'Sign-in paused';
  tone: 'green' | 'gray' | 'red';
  lastPoll: string;
  /** Shown as a warning: sign-in refused, or QBWC has not polled on its schedule. */
  warning: string | null;
  warningTitle: string | null;
}

/**
 * Connected / Not connected, the last poll in words, and the missed-schedule warning with what to check
 * (the usual causes from the QBWC guide: the Windows session logged out, QBWC exited, the PC asleep).
 */
export function describeConnection(connection: QbwcConnection, now: Date = new Date()): ConnectionSummary {
  const connected = connection.status === 'connected';
  const lastPoll = connection.lastPollAt ? `Last poll ${formatRelative(connection.lastPollAt, now)}` : 'The Web Connector has never polled';
  // A refused Web Connector is never "Connected", and a refusal is not a PC that is off (it did call).
  const { signIn } = connection;
  if (signIn.state === 'paused') {
    const pause = signIn.paused.at(-1)!;
    return {
      label: 'Sign-in paused',
      tone: 'red',
      lastPoll,
      warningTitle: 'Sign-in paused after wrong passwords',
      warning: `After ${pause.failures} wrong passwords from ${pause.source}, that address is answered "invalid user" until ${formatDateTime(pause.until)} — even with the right password. Enter the current password in the Web Connector (or set a new one here), then Unblock sign-in to let it in at once.`,
    };
  }
  if (signIn.state === 'failing' && signIn.lastFailure) {
    const f = signIn.lastFailure;
    const times = f.failures && f.failures > 1 ? `${f.failures} times, last ` : '';
    return {
      label: 'Sign-in failing',
      tone: 'red',
      lastPoll,
      warningTitle: 'The Web Connector is refused: wrong password',
      warning: `The Web Connector tried to sign in with a wrong password (${times}${formatRelative(f.at, now)}${f.source ? ` from ${f.source}` : ''}). The PC is on and calling: in the Web Connector, enter the password shown when it was last set here (or set a new one and enter that).`,
    };
  }
  let warning: string | null = null;
  if (connection.missedSchedule) {
    const every = connection.expectedEveryMinutes ? ` (it should run every ${connection.expectedEveryMinutes} minutes)` : '';
    warning = `The Web Connector has missed its schedule${every}. Check that the Windows PC is on and its user is logged in, and that QuickBooks Web Connector is running (minimised or hidden, not exited).`;
  } else if (!connection.hasPassword) {
    warning = 'No Web Connector password is set yet: set one, then add the .qwc file to the Web Connector.';
  }
  const warningTitle = warning === null ? null : connection.missedSchedule ? 'Missed schedule' : 'Not set up yet';
  return { label: connected ? 'Connected' : 'Not connected', tone: connected ? 'green' : 'gray', lastPoll, warning, warningTitle };
}
