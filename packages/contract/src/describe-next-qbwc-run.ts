import type { NextQbwcRunBody } from './api/summary-api.ts';

/**
 * "ETA to QuickBooks" in words (issue 18), once for the e-mailed summary and the app: the daily summary, its screen and
 * the export lists' waiting rows say the same. `time` formats an ISO time for the reader (the app: local HH:MM; the
 * e-mail: HH:MM UTC). `warning` = the PC looks off: nothing reaches QuickBooks until the Web Connector runs again.
 */
export function describeNextQbwcRun(run: NextQbwcRunBody, time: (iso: string) => string): { text: string; warning: boolean } {
  const every = `every ${run.everyMinutes} minute${run.everyMinutes === 1 ? '' : 's'}`;
  switch (run.state) {
    case 'running':
      return { text: 'ETA to QuickBooks: the Web Connector is running now.', warning: false };
    case 'scheduled':
      return { text: `ETA to QuickBooks: next Web Connector run ≈ ${time(run.expectedAt ?? '')} (${every}).`, warning: false };
    case 'due':
      return { text: `ETA to QuickBooks: the Web Connector is due any moment (it was expected at ${time(run.expectedAt ?? '')}, ${every}).`, warning: false };
    case 'pc_looks_off':
      return {
        text: `ETA to QuickBooks: unknown — the Web Connector has not run since ${time(run.lastPollAt ?? '')} (scheduled ${every}). The PC with QuickBooks looks off or asleep, or the Web Connector was closed: nothing reaches QuickBooks until it runs again.`,
        warning: true,
      };
    case 'never_polled':
      return {
        text: 'ETA to QuickBooks: unknown — the Web Connector has never connected. An admin adds the .qwc file to the Web Connector on the PC with QuickBooks (Connection screen).',
        warning: true,
      };
  }
}
