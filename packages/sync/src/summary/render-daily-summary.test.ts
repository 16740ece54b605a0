import { describe, expect, it } from 'vitest';
import type { DailySummaryBody } from '@connector/contract';
import { renderDailySummary } from './render-daily-summary.ts';

const summary: DailySummaryBody = {
  companyName: 'Summit <Builders> & "Sons"',
  generatedAt: '2026-12-07T07:00:00.000Z',
  periodStart: '2026-12-06T07:00:00.000Z',
  synced: {
    total: 6,
    byRecordType: [
      { recordType: 'vendor', count: 2 },
      { recordType: 'commitment', count: 3 },
      { recordType: 'invoice', count: 1 },
    ],
  },
  waitingForApproval: 4,
  queued: 1,
  inFlight: 0,
  openRequests: 2,
  failed: { toQuickbooks: 1, toProcore: 0, background: 0 },
  lastSession: { endedAt: '2026-12-07T06:45:00.000Z', result: 'closed', requestsDone: 7, requestsFailed: 1, message: '<script>alert(1)</script>' },
  nextRun: { state: 'scheduled', expectedAt: '2026-12-07T07:15:00.000Z', lastPollAt: '2026-12-07T07:00:00.000Z', everyMinutes: 15 },
  email: { configured: true, hourUtc: 7, recipients: 1, last: null },
};

describe('renderDailySummary', () => {
  it('says what synced, waits, failed and when the Web Connector ran and runs next, in the text and the HTML', () => {
    const mail = renderDailySummary(summary, 'https://connector.example.com');
    expect(mail.subject).toBe('Summit <Builders> & "Sons": 6 synced, 4 waiting for approval, 1 failed — daily summary');
    expect(mail.text).toContain('Synced to QuickBooks: 6 (2 vendors, 3 commitments, 1 invoice)');
    expect(mail.text).toContain('Waiting for approval: 4');
    expect(mail.text).toContain('Failed (Exceptions screen): 1 to QuickBooks, 0 to Procore');
    expect(mail.text).toContain('Web Connector last ran: 2026-12-07 06:45 UTC: finished, 7 request(s) done, 1 failed');
    expect(mail.text).toContain('ETA to QuickBooks: next Web Connector run ≈ 2026-12-07 07:15 UTC (every 15 minutes).');
    expect(mail.html).toContain('<td>4</td>');
    expect(mail.html).toContain('https://connector.example.com');
  });

  it('counts background jobs that failed for good with the failures, and names them (issue 20: dead letters)', () => {
    const mail = renderDailySummary({ ...summary, failed: { toQuickbooks: 1, toProcore: 0, background: 2 } }, null);
    expect(mail.subject).toBe('Summit <Builders> & "Sons": 6 synced, 4 waiting for approval, 3 failed — daily summary');
    expect(mail.text).toContain('Failed (Exceptions screen): 1 to QuickBooks, 0 to Procore, 2 background jobs');
  });

  it('escapes every value in the HTML part', () => {
    const { html } = renderDailySummary(summary, 'https://x.example.com/"><b>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<Builders>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Summit &lt;Builders&gt; &amp; &quot;Sons&quot;');
    expect(html).toContain('href="https://x.example.com/&quot;&gt;&lt;b&gt;"');
  });

  it('warns when the PC looks off, and keeps the subject on one line', () => {
    const mail = renderDailySummary(
      {
        ...summary,
        companyName: 'A\r\nBcc: x@example.com',
        nextRun: { state: 'pc_looks_off', expectedAt: null, lastPollAt: '2026-12-06T20:00:00.000Z', everyMinutes: 15 },
      },
      null,
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('has not run since 2026-12-06 20:00 UTC');
    expect(mail.html).toContain('color: #b42318; font-weight: bold">ETA to QuickBooks: unknown');
  });
});
