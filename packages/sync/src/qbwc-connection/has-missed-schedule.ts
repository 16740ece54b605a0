/**
 * Whether the Web Connector has missed its schedule: it polls every N minutes (the company's
 * qbwcRunEveryMinutes), so no poll for more than twice that means it is not running (the Windows session
 * logged out, QBWC closed instead of minimised, the PC asleep). Never polled = not connected, not "missed".
 */
export function hasMissedSchedule(lastPollAt: Date | null, everyMinutes: number, now: Date): boolean {
  if (!lastPollAt) return false;
  return now.getTime() - lastPollAt.getTime() > 2 * everyMinutes * 60_000;
}
