import { formatRelative } from '../../../lib/format.ts';
import type { QbwcConnection } from './connection-queries.ts';

export interface ConnectionSummary {
  label: 'Connected' | 'Not connected';
  tone: 'green' | 'gray';
  lastPoll: string;
  /** Shown as a warning when QBWC has not polled on its schedule. */
  warning: string | null;
}

/**
 * Connected / Not connected, the last poll in words, and the missed-schedule warning with what to check
 * (the usual causes from the QBWC guide: the Windows session logged out, QBWC exited, the PC asleep).
 */
export function describeConnection(connection: QbwcConnection, now: Date = new Date()): ConnectionSummary {
  const connected = connection.status === 'connected';
  const lastPoll = connection.lastPollAt ? `Last poll ${formatRelative(connection.lastPollAt, now)}` : 'The Web Connector has never polled';
  let warning: string | null = null;
  if (connection.missedSchedule) {
    const every = connection.expectedEveryMinutes ? ` (it should run every ${connection.expectedEveryMinutes} minutes)` : '';
    warning = `The Web Connector has missed its schedule${every}. Check that the Windows PC is on and its user is logged in, and that QuickBooks Web Connector is running (minimised or hidden, not exited).`;
  } else if (!connection.hasPassword) {
    warning = 'No Web Connector password is set yet: set one, then add the .qwc file to the Web Connector.';
  }
  return { label: connected ? 'Connected' : 'Not connected', tone: connected ? 'green' : 'gray', lastPoll, warning };
}
